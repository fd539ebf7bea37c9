/**
 * The Workers runtime with fault injection (`test/contract/workers-faults-entry.ts`) and what tests do through it:
 * make D1 refuse writes, read D1, count a slot's remaining places, wait for the alarm to act.
 */
import { getJson, type Pact } from './client.js';
import { startWorkersTarget, type WorkersTarget } from './workers-server.js';

export const TENANT = 'contract';

export interface FaultsTarget {
  target: WorkersTarget;
  base: string;
  /** The contract tenant's pact, in Indonesian. */
  pact: Pact;
  /** Makes the next `writes` D1 writes fail, before or after they reach D1. */
  failNextWrites(writes: number, when?: 'before' | 'after'): Promise<Response>;
  /** Rows of a SELECT on the server's D1 (through the test entry: a second wrangler on the same state upsets it). */
  d1(sql: string): Promise<Record<string, unknown>[]>;
  /** Places left at the counter in `slot` of `service` (default `general`) on `date`. */
  remaining(date: string, slot: string, service?: string): Promise<number>;
}

export async function startFaultsTarget(): Promise<FaultsTarget> {
  const target = await startWorkersTarget({ entry: 'test/contract/workers-faults-entry.ts' });
  const base = target.baseUrl;
  return {
    target,
    base,
    pact: (await getJson(`${base}/v1/tenants/${TENANT}`)).body.pact,
    failNextWrites: (writes, when = 'before') =>
      fetch(`${base}/__faults?writes=${writes}&when=${when}`, { method: 'POST' }),
    d1: async (sql) => (await getJson<Record<string, unknown>[]>(`${base}/__d1`, { method: 'POST', body: sql })).body,
    remaining: async (date, slot, service = 'general') =>
      (
        await getJson(`${base}/v1/tenants/${TENANT}/availability?service=${service}&from=${date}&days=1`)
      ).body.days[0].slots.find((s: { id: string }) => s.id === slot).remaining.counter,
  };
}

/** Polls `check` until it answers something other than `undefined` or `false`, and answers that. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
