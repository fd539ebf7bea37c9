/**
 * Builds the pages the API serves with the SDK inside, into sdk/pages/dist/:
 * - certificate/index.html: the certificate page, served at /c/ (the token travels in the fragment);
 * - counter/index.html: the counter officer's page, served at /demo/counter/;
 * - assets/…: their scripts and styles with hashed names, served at /pages/assets/… (immutable).
 * No inline script or style anywhere, so both pages work under the API's HTML Content-Security-Policy.
 * `npm run build:pages -w sdk`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/pages/',
  logLevel: 'warn',
  publicDir: false,
  // the protocol from its TypeScript source (the exports' `@pakta/source` condition), as the rest of the SDK
  resolve: { conditions: ['@pakta/source', ...defaultClientConditions] },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // a data: URL is allowed for images only; keep every asset a file
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        certificate: resolve(root, 'certificate/index.html'),
        counter: resolve(root, 'counter/index.html'),
      },
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
