/**
 * The widget's weight: every file in dist/ with its raw, gzip and brotli size, next to the budget.
 * The budget: the first script a page loads (widget.js, Lit included) at most 16 KB gzip.
 * Builds first when dist/ is missing. Exits 1 when a file is over its budget.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'manifest.json'))) execSync('npx vite build', { cwd: root, stdio: 'inherit' });

const KB = 1024;
/** Gzip budgets in bytes, by file. */
const BUDGETS: Record<string, number> = { 'widget.js': 16 * KB };

interface Manifest {
  version: string;
  files: { path: string; bytes: number; integrity: string }[];
}

const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Manifest;
const kb = (n: number) => `${(n / KB).toFixed(2)} KB`;
const rows = manifest.files.map(({ path }) => {
  const data = readFileSync(join(dist, path));
  const gzip = gzipSync(data, { level: 9 }).length;
  const brotli = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const budget = BUDGETS[path];
  return { path, raw: data.length, gzip, brotli, budget, over: budget !== undefined && gzip > budget };
});

const head = ['file', 'raw', 'gzip', 'brotli', 'gzip budget', ''];
const table = [
  head,
  ...rows.map((r) => [
    r.path,
    kb(r.raw),
    kb(r.gzip),
    kb(r.brotli),
    r.budget === undefined ? '—' : kb(r.budget),
    r.budget === undefined ? '' : r.over ? 'OVER BUDGET' : `ok (${kb(r.budget - r.gzip)} left)`,
  ]),
];
const widths = head.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
console.log(`@pakta/widget ${manifest.version}: dist/`);
for (const row of table)
  console.log(
    row
      .map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );

const lazy = rows.filter((r) => r.path.startsWith('widget-chunks/'));
console.log(
  `\nlazy chunks: ${lazy.length}, ${kb(lazy.reduce((s, r) => s + r.gzip, 0))} gzip in all (loaded on demand)`,
);
if (rows.some((r) => r.over)) process.exitCode = 1;
