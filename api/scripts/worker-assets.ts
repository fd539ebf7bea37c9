/**
 * Assembles the Worker's static files into one folder, because wrangler serves assets from a single directory:
 * `widget/dist` → `{out}/widget/`, `demo/` → `{out}/demo/`, `sdk/pages/dist` → `{out}/pages/`. The Worker maps request
 * paths onto these folders with `assets.ts`, exactly as the Node runtime maps them onto the same folders on disk.
 *
 * `tsx api/scripts/worker-assets.ts [out]` (default `dist/worker-assets`, git-ignored). Node only.
 */
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const DEFAULT_ASSETS_DIR = join(REPO, 'dist/worker-assets');

/** Copies the widget and pages builds (if built) and the demo into `out`, replacing it whole. Returns what was missing. */
export function assembleWorkerAssets(out = DEFAULT_ASSETS_DIR): { missing: string[] } {
  const sources = { widget: join(REPO, 'widget/dist'), demo: join(REPO, 'demo'), pages: join(REPO, 'sdk/pages/dist') };
  const staging = `${out}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const missing: string[] = [];
  for (const [name, from] of Object.entries(sources)) {
    if (existsSync(from)) cpSync(from, join(staging, name), { recursive: true });
    else missing.push(from);
  }
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
  return { missing };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = resolve(process.argv[2] ?? DEFAULT_ASSETS_DIR);
  const { missing } = assembleWorkerAssets(out);
  for (const m of missing) console.warn(`not found, skipped: ${m} (build the widget with \`npm run build\`)`);
  console.log(`Worker assets in ${out}`);
}
