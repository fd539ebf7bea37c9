/**
 * The widget as a webmaster gets it from npm: `npm pack -w widget`, unpacked into an empty folder, holds the built
 * scripts (module and classic) and custom-elements.json and nothing of the sources or tests; installed from the
 * tarball into an empty site with nothing else and served from there as static files, each script defines
 * `<pakta-queue>` in headless Chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWidgetBuilt, launchChromium, ROOT } from './harness.js';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };

let work = '';
let pkg = '';
let files: string[] = [];
/** The package as `npm install` of the tarball put it into an empty site. */
let installed = '';
let server: Server;
let origin = '';
let browser: Browser;

function list(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? list(p, root) : [relative(root, p).split('\\').join('/')];
  });
}

beforeAll(async () => {
  ensureWidgetBuilt();
  work = mkdtempSync(join(tmpdir(), 'pakta-widget-pack-'));
  // the build is fresh (above): packing without the prepack build keeps this test from building twice
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '-w', 'widget', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { filename: string }[];
  const into = join(work, 'unpacked');
  mkdirSync(into);
  execFileSync('tar', ['-xzf', join(work, packed!.filename), '-C', into]);
  pkg = join(into, 'package');
  files = list(pkg);

  // an empty site that installs only the tarball: it needs nothing else from a registry
  const site = join(work, 'site');
  mkdirSync(site);
  writeFileSync(join(site, 'package.json'), '{ "name": "agency-site", "private": true }\n');
  execFileSync(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, packed!.filename)],
    { cwd: site, stdio: 'ignore' },
  );
  installed = join(site, 'node_modules/@pakta/widget');

  // a static host with nothing but the package's files, and two pages that load its scripts
  const pages: Record<string, string> = {
    '/module.html':
      '<!doctype html><html lang="id"><script type="module" src="/dist/widget.js"></script><pakta-queue tenant="demo"></pakta-queue></html>',
    '/classic.html':
      '<!doctype html><html lang="id"><script src="/dist/widget.classic.js"></script><pakta-queue tenant="demo"></pakta-queue></html>',
  };
  server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    const page = pages[path];
    if (page) return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const file = normalize(join(installed, path));
    if (!file.startsWith(installed) || !files.includes(relative(installed, file).split('\\').join('/')))
      return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the widget package', () => {
  it('holds the built scripts, their file list and custom-elements.json, and nothing of src/ or the tests', () => {
    for (const f of [
      'package.json',
      'README.md',
      'custom-elements.json',
      'dist/widget.js',
      'dist/widget.classic.js',
      'dist/manifest.json',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.startsWith('dist/widget-chunks/'))).toBe(true);
    expect(files.filter((f) => !/^(dist\/|package\.json$|README\.md$|custom-elements\.json$)/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.ts$|\.test\.|^src\//.test(f))).toEqual([]);
    // every file the build's own list names is in the package
    const built = JSON.parse(readFileSync(join(pkg, 'dist/manifest.json'), 'utf8')) as { files: { path: string }[] };
    for (const f of built.files) expect(files).toContain(`dist/${f.path}`);
  });

  it('installs from the tarball alone, with every file', () => {
    expect(list(installed).sort()).toEqual([...files].sort());
    expect(readdirSync(join(installed, '../..')).filter((d) => !d.startsWith('.'))).toEqual(['@pakta']);
  });

  it('says where its scripts and manifest are', () => {
    const p = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(p.private).toBeUndefined();
    expect(p.customElements).toBe('custom-elements.json');
    expect(p.exports['.']).toBe('./dist/widget.js');
    expect(p.exports['./classic']).toBe('./dist/widget.classic.js');
    expect(p.exports['./custom-elements.json']).toBe('./custom-elements.json');
    for (const target of Object.values(p.exports) as string[]) expect(files).toContain(target.slice(2));
    // Lit and the QR code are inside the built scripts: an install fetches nothing else
    expect(p.dependencies).toBeUndefined();
    const cem = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8'));
    const modules = cem.modules as { path: string; declarations: { tagName?: string }[] }[];
    expect(modules.flatMap((m) => m.declarations.map((d) => d.tagName))).toContain('pakta-queue');
    // the manifest names the modules the package ships, not sources it leaves out
    for (const m of modules) expect(files).toContain(m.path);
  });

  for (const [name, page] of [
    ['module', '/module.html'],
    ['classic', '/classic.html'],
  ] as const) {
    it(`defines <pakta-queue> from the packed ${name} script, self-hosted as static files`, async () => {
      const context = await browser.newContext();
      const p = await context.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(origin + page);
      await p.waitForFunction(() => customElements.get('pakta-queue') !== undefined);
      expect(
        await p.evaluate(() => document.querySelector('pakta-queue') instanceof customElements.get('pakta-queue')!),
      ).toBe(true);
      // it renders (here with no API behind it: the tenant cannot be loaded, which it says in its own frame)
      await p.waitForFunction(
        () => !!document.querySelector('pakta-queue')?.shadowRoot?.querySelector('[part~="base"]'),
      );
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
