/**
 * The real Node runtime as a child process — `node --import tsx --conditions=@pakta/source
 * api/src/runtime/node/node.ts` (the condition resolves workspace packages to their source), configured only through
 * its environment — for tests and benches that must see everything it prints, kill it, or restart it on the same
 * database. Each server gets its own temporary folder with the SQLite file and a copy of the tenant files (those in
 * `api/tenants` and the `contract` fixture), on a free loopback port.
 *
 *     const server = await startChildServer();
 *     try {
 *       await fetch(`${server.url}/healthz`);
 *       await server.kill('SIGKILL'); // and wait until it is gone
 *       await server.restart();       // same port, same database
 *     } finally {
 *       await server.close();         // stops it if it runs, and removes the folder
 *     }
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TENANTS_DIR } from '../../api/src/runtime/node/node.js';
import { CONTRACT_TENANT_FILE, freePort } from './node-server.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const STARTUP_MS = 30_000;
/** How long `close()` waits after SIGTERM before it sends SIGKILL. */
const STOP_MS = 5_000;

export interface ChildServerOptions {
  /** Name prefix of the temporary folder. */
  prefix?: string;
  /** Environment for the server on top of the defaults (PORT, PAKTA_DB, PAKTA_TENANTS, PAKTA_PUBLIC_URL, HOST); these win. */
  env?: Record<string, string>;
}

export interface ChildServer {
  /** `http://127.0.0.1:PORT`, also the server's PAKTA_PUBLIC_URL. */
  readonly url: string;
  /** The temporary folder: the SQLite file and `tenants/`. */
  readonly dir: string;
  readonly dbPath: string;
  readonly tenantsDir: string;
  /** Process id of the current run. */
  readonly pid: number | undefined;
  /** Whether the current run is still alive. */
  readonly running: boolean;
  /** Everything the server wrote to stdout and stderr, over all its runs. */
  output(): string;
  /** Sends `signal` to the current run (unless it is gone already) and resolves once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again with the same environment, port and database; stops a run still alive first (SIGTERM). */
  restart(): Promise<void>;
  /** Stops the server if it runs (SIGTERM, SIGKILL after 5 s) and removes the folder; safe to call more than once. */
  close(): Promise<void>;
}

interface Run {
  child: ChildProcess;
  exited: Promise<void>;
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Spawns the server; resolves once it prints that it listens, else kills it and rejects with what it printed. */
function spawnServer(env: NodeJS.ProcessEnv, record: (text: string) => void): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@pakta/source', 'api/src/runtime/node/node.ts'],
    { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  let printed = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      const error = new Error(`server ${why}:\n${printed}`);
      if (child.pid === undefined) return reject(error); // never spawned: there is nothing to wait for
      if (alive(child)) child.kill('SIGKILL');
      void exited.then(() => reject(error));
    };
    const timer = setTimeout(() => fail('did not start'), STARTUP_MS);
    const take = (d: Buffer) => {
      const text = d.toString();
      printed += text;
      record(text);
      return text;
    };
    child.stderr!.on('data', take);
    child.stdout!.on('data', (d: Buffer) => {
      take(d);
      if (printed.includes('Pakta listening')) {
        clearTimeout(timer);
        resolve({ child, exited });
      }
    });
    child.on('error', (e) => fail(`could not be spawned (${e.message})`));
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before listening`));
  });
}

/** Starts a fresh server; if it does not come up, nothing is left behind. */
export async function startChildServer(options: ChildServerOptions = {}): Promise<ChildServer> {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'pakta-child-'));
  const dbPath = join(dir, 'pakta.sqlite');
  const tenantsDir = join(dir, 'tenants');
  const output: string[] = [];
  let run: Run | undefined;
  let url = '';
  let env: NodeJS.ProcessEnv = {};
  try {
    mkdirSync(tenantsDir);
    for (const f of readdirSync(DEFAULT_TENANTS_DIR).filter((f) => f.endsWith('.json')))
      copyFileSync(join(DEFAULT_TENANTS_DIR, f), join(tenantsDir, f));
    copyFileSync(CONTRACT_TENANT_FILE, join(tenantsDir, 'contract.json'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      PORT: String(port),
      PAKTA_DB: dbPath,
      PAKTA_TENANTS: tenantsDir,
      PAKTA_PUBLIC_URL: url,
      HOST: '127.0.0.1',
      ...options.env,
    };
    run = await spawnServer(env, (text) => output.push(text));
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!run) return;
    if (alive(run.child)) run.child.kill(signal);
    await run.exited;
  };
  return {
    url,
    dir,
    dbPath,
    tenantsDir,
    get pid() {
      return run?.child.pid;
    },
    get running() {
      return run !== undefined && alive(run.child);
    },
    output: () => output.join(''),
    kill,
    async restart() {
      await kill('SIGTERM');
      run = undefined;
      run = await spawnServer(env, (text) => output.push(text));
    },
    async close() {
      if (run && alive(run.child)) {
        const child = run.child;
        const timer = setTimeout(() => alive(child) && child.kill('SIGKILL'), STOP_MS);
        await kill('SIGTERM');
        clearTimeout(timer);
      }
      run = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
