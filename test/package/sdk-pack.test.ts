/**
 * The SDK as a publisher's user gets it: `npm pack -w sdk`, installed from the tarball into an empty folder (nothing but
 * the package and its dependencies, no TypeScript loader), then run with plain `node` against a certificate the real
 * Node API issued: the library through its `exports`, and the `pakta` bin through `npx`.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, dateIn, getJson, postBooking } from '../support/client.js';
import { startNodeTarget } from '../support/node-server.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TENANT = 'contract';
const ZONE = 'Asia/Jayapura';

/**
 * Runs a command without blocking this process (it serves the API the command talks to). npm's own `npm_*` variables are
 * dropped, so that an `npm test` around this does not leak its workspace settings into the install.
 */
function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function ok(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

describe('@pakta/sdk from its npm tarball', { timeout: 300_000 }, () => {
  let dir: string;
  let app: string;
  let packed: { filename: string; files: { path: string }[] };
  let target: Awaited<ReturnType<typeof startNodeTarget>>;
  let issuer: string;
  let certificateUrl: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pakta-sdk-pack-'));
    app = join(dir, 'app');
    // prepack builds dist/ first
    const [report] = JSON.parse(await ok('npm', ['pack', '-w', 'sdk', '--json', '--pack-destination', dir], REPO));
    packed = report;
    await mkdir(app);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    // jose and valibot come from npm's cache, which the repository's install filled
    await ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed.filename)], app);

    target = await startNodeTarget();
    issuer = `${target.baseUrl}/t/${TENANT}`;
    const pact = (await getJson(`${target.baseUrl}/v1/tenants/${TENANT}`)).body.pact;
    const booked = await postBooking(
      target.baseUrl,
      TENANT,
      bookingBody(pact, { service: 'general', date: dateIn(ZONE, 1), slot: '00:00' }),
    );
    expect(booked.status).toBe(201);
    certificateUrl = booked.body.certificateUrl;
  }, 300_000);

  afterAll(async () => {
    await target?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ships compiled JavaScript with declarations and the bin, and no sources, tests or pages', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/pakta.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli.js',
      ]),
    );
    expect(paths.filter((p) => /\.ts$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((p) => /^(src|pages|bench)\/|\.test\.|fixtures/.test(p))).toEqual([]);
  });

  it('verifies a certificate from the API through the package exports, with plain node', async () => {
    const script = join(app, 'verify.mjs');
    await writeFile(
      script,
      [
        "import { createVerifier } from '@pakta/sdk';",
        'const [url, issuer] = process.argv.slice(2);',
        'const certificate = await createVerifier({ issuers: [issuer] }).verify(url);',
        'console.log(JSON.stringify({ tenant: certificate.tenant, service: certificate.place.service }));',
      ].join('\n'),
    );
    const out = await ok(process.execPath, [script, certificateUrl, issuer], app);
    expect(JSON.parse(out)).toEqual({ tenant: TENANT, service: 'general' });
  });

  it('runs `npx pakta verify` on plain node: VALID, exit 0', async () => {
    const result = await run('npx', ['--no', 'pakta', 'verify', certificateUrl, '--issuer', issuer], app);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('VALID pact certificate');
  });
});
