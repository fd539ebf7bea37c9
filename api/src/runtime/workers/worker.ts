/**
 * The Cloudflare Workers runtime: D1 for records, one Durable Object per service-day for the queue, keys and
 * secrets from Workers secrets, widget and demo from the assets binding. Like `node.ts`, it only wires adapters
 * into `createApp`. Configuration lives in `wrangler.toml`; deployment in docs/workers.md.
 *
 * Tenants are bundled: each `api/tenants/*.json` is imported below and checked when the module loads, so a bad
 * file fails `wrangler deploy` instead of a request. Another set of tenants (the tests add `contract`) is a
 * three-line entry calling `createWorker` with its own files, run with `wrangler dev <entry>`.
 */
import type { Hono } from 'hono';
import demo from '../../../tenants/demo.json';
import { type AppDeps, type AppEnv, createApp } from '../../app.js';
import { completePendingCertificates, housekeeping } from '../../bookings.js';
import { KeyRing } from '../../certificates/keys.js';
import { webCrypto } from '../../crypto.js';
import { PROBLEMS, problemType } from '../../errors.js';
import { messagesFor, negotiateLanguage } from '../../locales/index.js';
import type { StoredKey } from '../../store/store.js';
import { parseTenant } from '../../tenants/parse.js';
import { createRegistry } from '../../tenants/registry.js';
import type { TenantDefinition } from '../../tenants/schema.js';
import { serveWorkerAssets } from './assets.js';
import { D1Records } from './d1.js';
import { D1Challenges } from './d1-challenges.js';
import type { DayQueue } from './day-queue.js';
import { DurableObjectRateLimiter, type RateLimitCounter } from './rate-limit-counter.js';
import {
  checkHmacSecret,
  EnvSecretStore,
  HMAC_SECRETS,
  parseSigningKeys,
  SecretSigningKeyStore,
  SIGNING_KEYS_SECRET,
} from './secrets.js';
import { WorkersStore } from './workers-store.js';

export { DayQueue } from './day-queue.js';
export { RateLimitCounter } from './rate-limit-counter.js';

/** The tenants this Worker serves: every file of `api/tenants/` (a test checks none is missing here). */
export const BUNDLED_TENANTS: Record<string, unknown> = { 'api/tenants/demo.json': demo };

/** Bindings and secrets, as `wrangler.toml` and `wrangler secret put` provide them. */
export interface WorkerEnv {
  DB: D1Database;
  DAY_QUEUE: DurableObjectNamespace<DayQueue>;
  RATE_LIMITER: DurableObjectNamespace<RateLimitCounter>;
  ASSETS: Fetcher;
  PAKTA_PUBLIC_URL: string;
  PAKTA_SIGNING_KEYS: string;
  PAKTA_CITIZEN_HASH_KEY: string;
  PAKTA_MANAGE_TOKEN_KEY: string;
  PAKTA_PROOF_OF_WORK_KEY: string;
}

/** A binding, variable or secret is missing or unusable. The message lists every one, for the operator. */
export class WorkerConfigError extends Error {
  readonly code = 'worker_misconfigured';
  constructor(readonly problems: string[]) {
    super(
      `Pakta Worker is misconfigured (see wrangler.toml and docs/workers.md):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'WorkerConfigError';
  }
}

const has = (value: unknown, method: string) =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[method] === 'function';

/**
 * Checks every binding, variable and secret before anything is built, and reports all that is wrong at once,
 * so a missing one is named instead of failing somewhere mid-request.
 */
export async function checkEnv(
  env: Record<string, unknown>,
  now: number,
): Promise<{ env: WorkerEnv; signingKeys: StoredKey[] }> {
  const problems: string[] = [];
  if (!has(env.DB, 'prepare')) problems.push('D1 binding "DB" is missing ([[d1_databases]] binding = "DB")');
  if (!has(env.DAY_QUEUE, 'idFromName'))
    problems.push(
      'Durable Object binding "DAY_QUEUE" is missing ([[durable_objects.bindings]] class_name = "DayQueue")',
    );
  if (!has(env.RATE_LIMITER, 'idFromName'))
    problems.push(
      'Durable Object binding "RATE_LIMITER" is missing ([[durable_objects.bindings]] class_name = "RateLimitCounter")',
    );
  if (!has(env.ASSETS, 'fetch')) problems.push('assets binding "ASSETS" is missing ([assets] binding = "ASSETS")');
  const url = env.PAKTA_PUBLIC_URL;
  if (typeof url !== 'string' || !URL.canParse(url))
    problems.push('variable PAKTA_PUBLIC_URL is missing or not a URL ([vars])');
  let signingKeys: StoredKey[] = [];
  try {
    signingKeys = await parseSigningKeys(env[SIGNING_KEYS_SECRET] as string | undefined, now);
  } catch (e) {
    problems.push((e as Error).message);
  }
  for (const name of HMAC_SECRETS) {
    try {
      checkHmacSecret(name, env[name]);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length > 0) throw new WorkerConfigError(problems);
  return { env: env as unknown as WorkerEnv, signingKeys };
}

interface Runtime {
  app: Hono<AppEnv>;
  deps: AppDeps;
}

export interface WorkerOptions {
  /** How old an unsigned booking must be before the scheduled job signs it (default five minutes; tests use 0). */
  pendingGraceMs?: number;
}

async function buildRuntime(
  rawEnv: Record<string, unknown>,
  tenants: TenantDefinition[],
  options: WorkerOptions,
): Promise<Runtime> {
  const clock = Date.now;
  const { env, signingKeys } = await checkEnv(rawEnv, clock());
  const registry = await createRegistry(tenants);
  const longestDaysAhead = Math.max(...[...registry.values()].map((t) => t.bookingWindow.daysAhead));
  const keys = await KeyRing.open(new SecretSigningKeyStore(signingKeys), {
    now: clock(),
    publishForMs: (longestDaysAhead + 2) * 86_400_000,
  });
  const secrets = new EnvSecretStore(env as unknown as Record<string, unknown>);
  const challenges = new D1Challenges(env.DB);
  const deps: AppDeps = {
    store: new WorkersStore(new D1Records(env.DB), env.DAY_QUEUE, clock, options.pendingGraceMs),
    keys,
    tenants: registry,
    publicUrl: env.PAKTA_PUBLIC_URL.replace(/\/+$/, ''),
    clock,
    citizenMac: await webCrypto.mac(await secrets.secret('citizen-hash')),
    manageMac: await webCrypto.mac(await secrets.secret('manage-token')),
    rateLimiter: new DurableObjectRateLimiter(env.RATE_LIMITER),
    challenges,
    proofKey: await secrets.secret('proof-of-work'),
    // Set by Cloudflare's edge (and by wrangler dev) on every request; a client cannot forge it.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
  };
  const app = createApp(deps);
  serveWorkerAssets(app, env.ASSETS);
  return { app, deps };
}

/** The `internal` problem, answered while the Worker cannot build its app (the cause goes to the log only). */
function misconfigured(request: Request): Response {
  const lang = negotiateLanguage(request.headers.get('accept-language'));
  const body = {
    type: problemType('internal'),
    code: 'internal',
    title: PROBLEMS.internal.title,
    status: 500,
    detail: messagesFor(lang).problems.internal,
  };
  return new Response(JSON.stringify(body), {
    status: 500,
    headers: {
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Content-Language': lang,
      'Cache-Control': 'no-store',
    },
  });
}

export interface WorkerHandler {
  fetch(request: Request, env: Record<string, unknown>, ctx: ExecutionContext): Promise<Response>;
  scheduled(controller: ScheduledController, env: Record<string, unknown>, ctx: ExecutionContext): Promise<void>;
}

/**
 * The Worker for a set of tenants, given as parsed JSON by file name. The app is built on the first event of an
 * isolate and kept; a failed build is not kept, so fixing a secret needs no redeploy of code.
 */
export function createWorker(tenantFiles: Record<string, unknown>, options: WorkerOptions = {}): WorkerHandler {
  const tenants = Object.entries(tenantFiles).map(([file, json]) => parseTenant(JSON.stringify(json), file));
  if (tenants.length === 0) throw new Error('createWorker: no tenant files');
  const runtimes = new WeakMap<object, Promise<Runtime>>();
  const runtimeFor = (env: Record<string, unknown>): Promise<Runtime> => {
    let runtime = runtimes.get(env);
    if (!runtime) {
      runtime = buildRuntime(env, tenants, options);
      runtimes.set(env, runtime);
      runtime.catch(() => runtimes.delete(env));
    }
    return runtime;
  };

  return {
    async fetch(request, env, ctx) {
      let runtime: Runtime;
      try {
        runtime = await runtimeFor(env);
      } catch (e) {
        console.error(e instanceof Error ? e.message : e);
        return misconfigured(request);
      }
      return runtime.app.fetch(request, env, ctx);
    },
    // `[triggers] crons`: what Node does at start and hourly — sign certificates a failure left unsigned, erase
    // personal data past each tenant's retention — and forget proof-of-work challenges that can no longer be used.
    async scheduled(_controller, env, ctx) {
      ctx.waitUntil(
        (async () => {
          const { deps } = await runtimeFor(env);
          await completePendingCertificates(deps);
          await housekeeping(deps);
        })(),
      );
    },
  };
}

export default createWorker(BUNDLED_TENANTS);
