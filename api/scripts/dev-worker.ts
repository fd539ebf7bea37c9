/**
 * `npm run dev:worker`: the Workers runtime on this machine, offline — workerd through `wrangler dev`, with local
 * D1 and Durable Objects under `.wrangler/state`. Assembles the static files, creates `.dev.vars` with fresh
 * secrets on first run, applies the D1 migrations, then hands over to `wrangler dev` (extra arguments pass
 * through, e.g. `npm run dev:worker -- --port 8788`; `PAKTA_PUBLIC_URL` defaults to `http://localhost:{port}`).
 * The root script builds the widget first. Node only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDevVars } from './create-keys.js';
import { assembleWorkerAssets, REPO } from './worker-assets.js';

/** The wrangler CLI of this install, run with this Node (no npx lookup). */
export const WRANGLER = join(createRequire(import.meta.url).resolve('wrangler/package.json'), '../bin/wrangler.js');

/**
 * How wrangler runs here. Off the network: no `Request.cf` download, no usage metrics. And its esbuild resolves
 * workspace packages to their source (`@pakta/source`, before wrangler's own conditions), as tsc, vite and tsx do.
 */
export const OFFLINE_ENV = {
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_BUILD_CONDITIONS: '@pakta/source,workerd,worker,browser',
};

async function main(): Promise<void> {
  const { missing } = assembleWorkerAssets();
  for (const m of missing) console.warn(`not found, skipped: ${m}`);
  if (await ensureDevVars()) console.log('Created .dev.vars with a signing key and HMAC secrets for local use');
  const env = { ...process.env, ...OFFLINE_ENV };
  // stdin ignored: wrangler then applies without asking, as in CI.
  const migrate = spawnSync(process.execPath, [WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local'], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (migrate.status !== 0) process.exit(migrate.status ?? 1);
  const args = process.argv.slice(2);
  // Certificates name their issuer by the public URL: make it this server's unless the caller chose one.
  const port = /^--port(?:=(\d+))?$/.exec(args.find((a) => a.startsWith('--port')) ?? '');
  const portValue = port?.[1] ?? (port ? args[args.indexOf('--port') + 1] : undefined) ?? '8787';
  const publicUrl = process.env.PAKTA_PUBLIC_URL ?? `http://localhost:${portValue}`;
  const dev = spawn(process.execPath, [WRANGLER, 'dev', '--local', '--var', `PAKTA_PUBLIC_URL:${publicUrl}`, ...args], {
    cwd: REPO,
    env,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
  dev.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
