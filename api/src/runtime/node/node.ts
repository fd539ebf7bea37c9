/**
 * The Node runtime: SQLite on disk, keys and secrets in the same database, widget and demo from disk.
 * `npm start` runs this file; tests and benchmarks call `startNodeServer` directly.
 *
 * Environment: `PORT` (8787), `PAKTA_DB` (`./data/pakta.sqlite`), `PAKTA_PUBLIC_URL` (`http://localhost:PORT`),
 * `PAKTA_TENANTS` (folder of tenant JSON files, `api/tenants`), `PAKTA_TRUST_PROXY` (`1` behind a reverse proxy).
 */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HttpBindings } from '@hono/node-server';
import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { type AppEnv, createApp } from '../../app.js';
import { contentType, HTML_CSP, matchAsset } from '../../assets.js';
import { completePendingCertificates, housekeeping } from '../../bookings.js';
import { KeyRing } from '../../certificates/keys.js';
import { parseTenant } from '../../tenants/parse.js';
import { createRegistry } from '../../tenants/registry.js';
import type { TenantDefinition } from '../../tenants/schema.js';
import { bufferedBody } from './body.js';
import { nodeCrypto } from './crypto.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import { SqliteStore } from './sqlite.js';
import { turns } from './turns.js';

const REPO = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
export const DEFAULT_TENANTS_DIR = join(REPO, 'api/tenants');

export interface NodeServerOptions {
  port?: number;
  host?: string;
  dbPath?: string;
  publicUrl?: string;
  tenantsDir?: string;
  /** Tenants given directly (tests); otherwise read from `tenantsDir`. */
  tenants?: TenantDefinition[];
  clock?: () => number;
  log?: (message: string, error: unknown) => void;
  /** Behind a reverse proxy: take the client address from the first `X-Forwarded-For` entry. */
  trustProxy?: boolean;
}

export function loadTenantFiles(dir: string): TenantDefinition[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`No tenant files (*.json) in ${dir}`);
  return files.map((f) => parseTenant(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
}

/** Builds the app on a SQLite file without listening: for `app.request()` tests. */
export async function createNodeApp(options: NodeServerOptions & { publicUrl: string; dbPath: string }) {
  const clock = options.clock ?? Date.now;
  mkdirSync(dirname(resolve(options.dbPath)), { recursive: true });
  const store = new SqliteStore(options.dbPath);
  const tenants = await createRegistry(options.tenants ?? loadTenantFiles(options.tenantsDir ?? DEFAULT_TENANTS_DIR));
  const longestDaysAhead = Math.max(...[...tenants.values()].map((t) => t.bookingWindow.daysAhead));
  const keys = await KeyRing.open(store, {
    now: clock(),
    publishForMs: (longestDaysAhead + 2) * 86_400_000,
    crypto: nodeCrypto,
  });
  const secret = () => randomBytes(32).toString('base64url');
  const deps = {
    store,
    keys,
    tenants,
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    clock,
    citizenMac: await nodeCrypto.mac(await store.secret('citizen-hash', secret)),
    manageMac: await nodeCrypto.mac(await store.secret('manage-token', secret)),
    rateLimiter: new MemoryRateLimiter(),
    challenges: store,
    proofKey: await store.secret('proof-of-work', secret),
    clientAddress: (c: Context) => {
      if (options.trustProxy) return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || undefined;
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined; // app.request() in tests has no socket
      }
    },
    bufferedBody: (c: Context) => bufferedBody((c.env as Partial<HttpBindings> | undefined)?.incoming),
  };
  await completePendingCertificates(deps);
  await housekeeping(deps);
  const app = createApp(deps, { compress: true, ...(options.log ? { log: options.log } : {}) });
  serveAssets(app);
  return { app, store, deps };
}

function serveAssets(app: Hono<AppEnv>): void {
  const roots = { widget: join(REPO, 'widget/dist'), demo: join(REPO, 'demo'), pages: join(REPO, 'sdk/pages/dist') };
  const manifest = join(roots.widget, 'manifest.json');
  const widgetVersion = existsSync(manifest)
    ? String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version)
    : '0';
  app.get('/', (c) => c.redirect('/demo/'));
  app.get('/demo', (c) => c.redirect('/demo/'));
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const asset = matchAsset(c.req.path, widgetVersion);
    if (!asset) return next();
    let body: Buffer;
    try {
      body = await readFile(join(roots[asset.root], asset.file));
    } catch {
      return next();
    }
    const type = contentType(asset.file);
    c.header('Content-Type', type);
    c.header('Cache-Control', asset.cacheControl);
    if (type.startsWith('text/html')) c.header('Content-Security-Policy', HTML_CSP);
    return c.body(new Uint8Array(body));
  });
}

export interface RunningServer {
  url: string;
  server: ServerType;
  store: SqliteStore;
  close(): Promise<void>;
}

export async function startNodeServer(options: NodeServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? 8787;
  const host = options.host ?? '127.0.0.1';
  const publicUrl = options.publicUrl ?? `http://localhost:${port}`;
  const { app, store, deps } = await createNodeApp({
    ...options,
    publicUrl,
    dbPath: options.dbPath ?? './data/pakta.sqlite',
  });
  const taking = turns();
  const server = await new Promise<ServerType>((ok) => {
    const s = serve({ fetch: taking.wrap(app.fetch), port, hostname: host }, () => ok(s));
    s.on('connection', taking.connected);
  });
  // Personal data leaves on schedule even when the server runs for months.
  const hourly = setInterval(() => void housekeeping(deps).catch(() => undefined), 3_600_000);
  hourly.unref();
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    store,
    close: () =>
      new Promise<void>((ok) => {
        clearInterval(hourly);
        server.close(() => {
          store.close();
          ok();
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'rotate-key') {
    const store = new SqliteStore(process.env.PAKTA_DB ?? './data/pakta.sqlite');
    console.log(`New signing key ${await KeyRing.rotate(store, Date.now())}; restart the server to sign with it.`);
    store.close();
    return;
  }
  const port = Number(process.env.PORT ?? 8787);
  const running = await startNodeServer({
    port,
    host: process.env.HOST ?? '0.0.0.0',
    dbPath: process.env.PAKTA_DB ?? './data/pakta.sqlite',
    ...(process.env.PAKTA_PUBLIC_URL ? { publicUrl: process.env.PAKTA_PUBLIC_URL } : {}),
    ...(process.env.PAKTA_TENANTS ? { tenantsDir: process.env.PAKTA_TENANTS } : {}),
    trustProxy: process.env.PAKTA_TRUST_PROXY === '1',
  });
  const publicUrl = process.env.PAKTA_PUBLIC_URL ?? `http://localhost:${port}`;
  console.log(`Pakta listening on ${publicUrl}  (demo: ${publicUrl}/demo/, API: ${publicUrl}/openapi.json)`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
