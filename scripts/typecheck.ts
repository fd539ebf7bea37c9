/**
 * `npm run typecheck`: every tsconfig of the repository, each with its own libraries and ambient types, so code
 * that runs in one place cannot use what only another has (the Workers code Node's modules, the widget Node's
 * globals, the runtime-neutral api code either). A new tsconfig is added to the list below.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONFIGS = [
  'tsconfig.json',
  'api/tsconfig.json',
  'api/tsconfig.workers.json',
  'sdk/tsconfig.json',
  'sdk/pages/tsconfig.json',
  'widget/tsconfig.json',
  'widget/tsconfig.node.json',
  'test/tsconfig.json',
  'test/tsconfig.workers.json',
  'test/e2e/tsconfig.json',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

function check(config: string): Promise<{ config: string; ok: boolean; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsc, '-p', config, '--noEmit', '--pretty'], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('close', (code) => done({ config, ok: code === 0, output }));
  });
}

// tsc is single-threaded: two at a time use a two-core machine fully without thrashing it.
const queue = [...CONFIGS];
const failed: string[] = [];
await Promise.all(
  Array.from({ length: Math.min(2, availableParallelism()) }, async () => {
    for (let config = queue.shift(); config !== undefined; config = queue.shift()) {
      const result = await check(config);
      process.stdout.write(`${result.ok ? 'ok  ' : 'FAIL'} ${config}\n${result.ok ? '' : result.output}`);
      if (!result.ok) failed.push(config);
    }
  }),
);
if (failed.length > 0) {
  process.stderr.write(`\ntypecheck: ${failed.length} of ${CONFIGS.length} tsconfigs failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
