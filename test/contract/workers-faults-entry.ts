/**
 * The test Worker with a fault switch on the Durable Objects' D1 writes, to prove that a failure between the
 * Durable Object's allocation and D1 loses nothing. `POST /__faults?writes=N&when=before|after` makes the next
 * N writes of any day queue fail: `before` D1 applies them (nothing written), `after` it (written, but the
 * answer is lost — the ambiguous case). Locally the Worker and its Durable Objects share one isolate, so a
 * module variable is enough. Alarms are shortened from 30 s to half a second.
 *
 * A day is kept two days after its date, too long to wait for: `POST /__keep?ms=N` sets how long after its date
 * (midnight UTC) each day queue keeps its storage, from the next alarm on — negative to have a future day expire
 * now. `GET /__day?tenant=&service=&date=` answers what that day's object holds: its tables, places and alarm.
 *
 * `POST /__scheduled` runs the cron job and answers when it is done. (wrangler 4.86's own trigger,
 * `/cdn-cgi/handler/scheduled`, fails locally when assets are configured: workers-sdk issue 9882.) Here the job
 * signs unsigned bookings at once instead of after five minutes. `POST /__d1` with a SELECT as body answers its
 * rows, so tests can look into D1 while the server runs (a second wrangler on the same local state would upset it).
 */

import { type DayQueueEnv, KEEP_AFTER_DATE_MS, serviceDayName } from '../../api/src/runtime/workers/day-queue.js';
import { BUNDLED_TENANTS, createWorker, DayQueue as RealDayQueue } from '../../api/src/runtime/workers/worker.js';
import contract from '../fixtures/tenants/contract.json';
import type { StoredDay } from './stored-day.js';

export { RateLimitCounter } from '../../api/src/runtime/workers/worker.js';

const faults = { writes: 0, when: 'before' as 'before' | 'after' };

async function maybeFail<T>(write: () => Promise<T>): Promise<T> {
  if (faults.writes <= 0) return write();
  faults.writes--;
  if (faults.when === 'after') await write();
  throw new Error(`injected D1 failure (${faults.when})`);
}

const isWrite = (sql: string) => /^\s*(INSERT|UPDATE|DELETE)/i.test(sql);

function faulty(db: D1Database): D1Database {
  const wrap = (statement: D1PreparedStatement, write: boolean): D1PreparedStatement =>
    ({
      bind: (...values) => wrap(statement.bind(...values), write),
      first: () => statement.first(),
      all: () => statement.all(),
      run: () => (write ? maybeFail(() => statement.run()) : statement.run()),
      // D1's batch checks that it was handed its own statements.
      unwrap: () => statement,
    }) as D1PreparedStatement & { unwrap(): D1PreparedStatement };
  // The records call only these two; the rest of D1Database is left out.
  const wrapped: Pick<D1Database, 'prepare' | 'batch'> = {
    prepare: (sql) => wrap(db.prepare(sql), isWrite(sql)),
    batch: (statements) =>
      maybeFail(() =>
        db.batch(statements.map((s) => (s as D1PreparedStatement & { unwrap(): D1PreparedStatement }).unwrap())),
      ),
  };
  return wrapped as D1Database;
}

/** Shared by every day queue of the isolate, so `/__keep` reaches objects already running. */
const timing = { settleMs: 500, retryMs: 500, keepAfterDateMs: KEEP_AFTER_DATE_MS };

export class DayQueue extends RealDayQueue {
  protected override readonly timing = timing;
  readonly #storage: DurableObjectState['storage'];

  constructor(state: DurableObjectState, env: DayQueueEnv) {
    super(state, { ...env, DB: faulty(env.DB) });
    this.#storage = state.storage;
  }

  /** Reads without writing, so asking does not bring back a deleted day. */
  async stored(): Promise<StoredDay> {
    const faultsLeft = faults.writes;
    const sql = <T extends Record<string, string | number | null>>(query: string) =>
      this.#storage.sql.exec<T>(query).toArray();
    const tables = sql<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map(
      (t) => t.name,
    );
    const places = tables.includes('places')
      ? sql<StoredDay['places'][number]>('SELECT id, state, status, needs_sync FROM places')
      : [];
    return { tables, places, alarm: await this.#storage.getAlarm(), faultsLeft };
  }
}

const worker = createWorker(
  { ...BUNDLED_TENANTS, 'test/fixtures/tenants/contract.json': contract },
  { pendingGraceMs: 0 },
);

async function selectFromD1(db: D1Database, request: Request): Promise<Response> {
  const sql = await request.text();
  if (!/^\s*SELECT\b/i.test(sql)) return new Response(null, { status: 400 });
  return Response.json((await db.prepare(sql).all()).results);
}

async function storedDay(queues: DurableObjectNamespace<DayQueue>, query: URLSearchParams): Promise<Response> {
  const name = serviceDayName(query.get('tenant') ?? '', query.get('service') ?? '', query.get('date') ?? '');
  return Response.json(await queues.get(queues.idFromName(name)).stored());
}

async function runScheduled(env: Record<string, unknown>, ctx: ExecutionContext): Promise<Response> {
  const jobs: Promise<unknown>[] = [];
  await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: Date.now(), noRetry: () => {} }, env, {
    ...ctx,
    props: ctx.props,
    waitUntil: (p) => void jobs.push(p),
    passThroughOnException: () => ctx.passThroughOnException(),
  });
  await Promise.all(jobs);
  return new Response(null, { status: 204 });
}

export default {
  fetch(request: Request, env: Record<string, unknown>, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/__faults' && request.method === 'POST') {
      faults.writes = Number(url.searchParams.get('writes') ?? 0);
      faults.when = url.searchParams.get('when') === 'after' ? 'after' : 'before';
      return Promise.resolve(new Response(null, { status: 204 }));
    }
    if (url.pathname === '/__keep' && request.method === 'POST') {
      timing.keepAfterDateMs = Number(url.searchParams.get('ms') ?? KEEP_AFTER_DATE_MS);
      return Promise.resolve(new Response(null, { status: 204 }));
    }
    if (url.pathname === '/__day' && request.method === 'GET')
      return storedDay(env.DAY_QUEUE as DurableObjectNamespace<DayQueue>, url.searchParams);
    if (url.pathname === '/__scheduled' && request.method === 'POST') return runScheduled(env, ctx);
    if (url.pathname === '/__d1' && request.method === 'POST') return selectFromD1(env.DB as D1Database, request);
    return worker.fetch(request, env, ctx);
  },
  scheduled: worker.scheduled,
};
