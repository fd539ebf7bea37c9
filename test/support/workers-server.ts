/**
 * Starts the real Workers runtime — workerd through `wrangler dev`, offline — on a free loopback port, serving
 * `demo` and `contract` (entry `test/contract/workers-entry.ts`). Each target gets its own folder with local D1
 * and Durable Object state (migrated with `wrangler d1 migrations apply`), fresh secrets and the static files.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devVars } from '../../api/scripts/create-keys.js';
import { OFFLINE_ENV, WRANGLER } from '../../api/scripts/dev-worker.js';
import { assembleWorkerAssets, REPO } from '../../api/scripts/worker-assets.js';
import type { Target } from './client.js';
import { freePort } from './node-server.js';

export const WORKERS_TEST_ENTRY = 'test/contract/workers-entry.ts';
const STARTUP_MS = 90_000;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? ok(out) : fail(new Error(`wrangler ${args.join(' ')} exited ${code}:\n${out}`)),
    );
  });
}

async function waitUntilUp(baseUrl: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
      const body = await res.text();
      if (res.status === 500) {
        await new Promise((r) => setTimeout(r, 1000)); // the Worker's log line arrives after its response
        throw new Error(`the Worker answers 500 on /healthz: ${body}\n${logs()}`);
      }
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('the Worker')) throw e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not come up within ${STARTUP_MS} ms:\n${logs()}`);
}

export interface WorkersTarget extends Target {
  /** Holds `state/` (local D1 and Durable Objects), `assets/` and the secrets file. */
  dir: string;
  /** The last few thousand characters wrangler and workerd printed, for error messages. */
  logs(): string;
  /** Everything wrangler and workerd printed, on stdout and stderr. */
  output(): string;
  /** Stops the server and keeps `dir`, e.g. to read D1 and Durable Object files (not while it runs). */
  stop(): Promise<void>;
}

/** Every file of the local state under `dir`: D1, Durable Object storage, cache — with their WAL and shm files. */
export function stateFiles(dir: string): string[] {
  const state = join(dir, 'state');
  if (!existsSync(state)) return [];
  return readdirSync(state, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The SQLite file behind the local D1 database `DB` (miniflare names it by a hash; the other file is its index). */
export function localD1File(dir: string): string {
  const folder = join(dir, 'state/v3/d1/miniflare-D1DatabaseObject');
  const files = readdirSync(folder).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (files.length !== 1)
    throw new Error(`expected one local D1 database in ${folder}, found ${files.join(', ') || 'none'}`);
  return join(folder, files[0]!);
}

/** The SQLite files of one Durable Object class's objects (one per object; none before an object stored anything). */
export function durableObjectFiles(dir: string, className: string): string[] {
  const folder = join(dir, `state/v3/do/pakta-${className}`);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
    .map((f) => join(folder, f));
}

export interface WorkersTargetOptions {
  /** The Worker module to run (default: the bundled tenants plus `contract`). */
  entry?: string;
  /** The secrets file's content (default: fresh keys). */
  secrets?: string;
  /** wrangler's `--log-level` (default `warn`, or PAKTA_WRANGLER_LOG); `log` also shows the Worker's console.log. */
  logLevel?: 'debug' | 'info' | 'log' | 'warn' | 'error' | 'none';
}

export async function startWorkersTarget(options: WorkersTargetOptions = {}): Promise<WorkersTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'pakta-workers-'));
  const state = join(dir, 'state');
  const assets = join(dir, 'assets');
  const secrets = join(dir, 'secrets.env');
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  assembleWorkerAssets(assets);
  writeFileSync(secrets, options.secrets ?? (await devVars()), { mode: 0o600 });
  const env = { ...process.env, ...OFFLINE_ENV, NO_COLOR: '1', FORCE_COLOR: '0' };
  await run(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], env);
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      options.entry ?? WORKERS_TEST_ENTRY,
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      state,
      '--env-file',
      secrets,
      '--assets',
      assets,
      '--var',
      `PAKTA_PUBLIC_URL:${baseUrl}`,
      '--show-interactive-dev-session=false',
      '--log-level',
      options.logLevel ?? process.env.PAKTA_WRANGLER_LOG ?? 'warn',
    ],
    // Its own process group, so closing stops wrangler and the workerd it started, and nothing else.
    { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  const logs = () => output.slice(-8000);
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* the group is gone */
    }
  };
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (!child.pid) return;
    // The whole group, so a workerd that outlived wrangler goes too.
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
    if (child.exitCode === null && child.signalCode === null) await exited;
    clearTimeout(timer);
  };
  const close = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(baseUrl, child, logs);
  } catch (e) {
    await close();
    throw e;
  }
  return { baseUrl, dir, logs, output: () => output, stop, close };
}
