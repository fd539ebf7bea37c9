/**
 * Builds the widget into dist/:
 * - widget.js: the ES module entry (Lit included), with lazy chunks under widget-chunks/ (QR, image, result extras);
 * - widget.classic.js: one classic IIFE script with everything inlined, for sites that cannot load modules;
 * - manifest.json: the version and every emitted file with its size and SRI hash, for pinned embeds.
 * The API serves every file at /<path> and at /widget/v<version>/<path>.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions, defineConfig, type Plugin, type UserConfig } from 'vite';
import minifyTemplates from './build/minify-templates';

const root = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(root, 'dist');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { name: string; version: string };

const shared: UserConfig = {
  root,
  logLevel: 'warn',
  // the SDK from its TypeScript source (its exports' `@pakta/source` condition), not from a build of it
  resolve: { conditions: ['@pakta/source', ...defaultClientConditions] },
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [minifyTemplates()],
  build: {
    outDir,
    target: 'es2021',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    copyPublicDir: false,
  },
};

/**
 * Modules of the flow chunk: with the protocol's name, phone and NIK rules, which the details step validates with, and
 * the SDK's API client (`booking.ts` and `@pakta/sdk`), through which every call after the first step goes.
 */
const FLOW =
  /[\\/]src[\\/](format|state|pow|booking|pakta-queue[\\/](flow|actions|steps[\\/](channel|slot|details|pact|result|steps\.styles)))\.ts$|[\\/]sdk[\\/]src[\\/]/;
/**
 * The SDK's modules only define things: its certificate verifier, which the widget does not use, builds valibot schemas
 * at load, and would otherwise be kept (with valibot) for that alone.
 */
const treeshake = { moduleSideEffects: [{ test: /[\\/]sdk[\\/]src[\\/]/, sideEffects: false }] };
/** Modules that are only ever loaded on demand. */
const LAZY = /[\\/]src[\\/](locales[\\/]en|result[\\/]|pakta-queue[\\/]steps[\\/]result-extras)|qrcode-generator/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** After the module build: the classic build, then the manifest over everything emitted. */
function classicAndManifest(): Plugin {
  return {
    name: 'pakta-classic-and-manifest',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        ...shared,
        build: {
          modulePreload: false,
          ...shared.build,
          emptyOutDir: false,
          lib: {
            entry: resolve(root, 'src/classic.ts'),
            formats: ['iife'],
            name: 'PaktaWidget',
            fileName: () => 'widget.classic.js',
          },
          rolldownOptions: { treeshake, output: { codeSplitting: false } },
        },
      });
      const list = files(outDir)
        .map((p) => relative(outDir, p).split('\\').join('/'))
        .filter((p) => p !== 'manifest.json')
        .sort()
        .map((path) => {
          const bytes = readFileSync(join(outDir, path));
          return {
            path,
            bytes: bytes.length,
            integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
          };
        });
      const manifest = {
        name: pkg.name,
        version: pkg.version,
        entries: { module: 'widget.js', classic: 'widget.classic.js' },
        /** Where the immutable copies are served. */
        pinnedBase: `widget/v${pkg.version}/`,
        files: list,
      };
      writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

export default defineConfig({
  ...shared,
  plugins: [...(shared.plugins ?? []), classicAndManifest()],
  build: {
    ...shared.build,
    emptyOutDir: true,
    // chunks are imported relative to widget.js, so the same files work at / and at /widget/v<version>/
    modulePreload: false,
    rolldownOptions: {
      input: resolve(root, 'src/index.ts'),
      preserveEntrySignatures: 'allow-extension',
      treeshake,
      output: {
        format: 'es',
        entryFileNames: 'widget.js',
        chunkFileNames: 'widget-chunks/[name]-[hash].js',
        // everything the entry imports statically stays in widget.js (one request); only lazy parts are chunks
        codeSplitting: {
          groups: [
            // everything the entry needs statically (and the bundler's runtime helpers) stays in widget.js
            { name: 'widget', test: (id) => !LAZY.test(id) && !FLOW.test(id), priority: 20 },
            // steps 2–6 and what they share with the result extras: one chunk, fetched right after the first step
            { name: 'flow', test: FLOW, priority: 10 },
          ],
        },
      },
    },
  },
});
