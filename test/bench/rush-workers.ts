/**
 * `tsx test/bench/rush-workers.ts`: the quota-release rush on the Workers runtime — workerd through `wrangler dev`,
 * local D1 and Durable Objects — on loopback, bounded in count and time. The same rush as `rush-node.ts`, so the
 * two sets of figures sit side by side: 2,000 distinct citizens, each with its own Idempotency-Key, at 100
 * connections against one service-day of `rush-200` (8 slots × 25 = 200), which is one Durable Object.
 *
 * First a baseline (`GET /healthz` under autocannon, 100 connections, 5 s) and a warm-up on another day. Prints
 * bookings/s, req/s, p50/p99 latency and the ratio to the baseline; then checks exactness from the answers and
 * from D1 itself (`wrangler d1 execute --local`): exactly 200 bookings, RDH-001…RDH-200 once each, 25 per slot,
 * no 5xx, every other citizen quota_exhausted. Timings are printed, never asserted; the exit code is non-zero only
 * if exactness fails. Human lines first; the last line is the figures as one JSON object.
 *
 * Options: `--citizens N` (≤ 5,000), `--connections N` (≤ 500). The run is stopped after 3 minutes.
 * Local figures include wrangler dev's proxy in front of workerd and say little about Cloudflare's network.
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { OFFLINE_ENV, WRANGLER } from '../../api/scripts/dev-worker.js';
import { REPO } from '../../api/scripts/worker-assets.js';
import { startWorkersTarget } from '../support/workers-server.js';
import {
  BASELINE_SECONDS,
  checkExact,
  prepareRush,
  printFigures,
  round,
  runRush,
  rushFigures,
  SERVICE,
  type StoredBooking,
  TENANT,
} from './rush.js';

const LIMIT_MS = 180_000;

function option(name: string, fallback: number, max: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? Math.min(value, max) : fallback;
}
const CITIZENS = option('citizens', 2_000, 5_000);
const CONNECTIONS = option('connections', 100, 500);

/** The day's bookings as D1 holds them, read with wrangler from the local state the server wrote. */
function bookingsInD1(state: string, date: string): StoredBooking[] {
  const sql = `SELECT slot, ticket, status, phone FROM bookings WHERE tenant = '${TENANT}' AND service = '${SERVICE}' AND date = '${date}'`;
  const out = spawnSync(
    process.execPath,
    [WRANGLER, 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', sql],
    {
      cwd: REPO,
      env: { ...process.env, ...OFFLINE_ENV, NO_COLOR: '1' },
      encoding: 'utf8',
    },
  );
  if (out.status !== 0) throw new Error(`wrangler d1 execute failed:\n${out.stdout}${out.stderr}`);
  return (JSON.parse(out.stdout) as { results: StoredBooking[] }[])[0]!.results;
}

async function main(): Promise<number> {
  const target = await startWorkersTarget();
  const stop = setTimeout(() => {
    console.log(`stopped: over ${LIMIT_MS / 1000} s`);
    void target.close().then(() => process.exit(2));
  }, LIMIT_MS);
  try {
    const base = target.baseUrl;
    console.log(`rush bench: Workers (workerd via wrangler dev, local D1 and Durable Objects) on ${base}`);

    // workerd is slower per request than Node: one earlier release warms it within the bench's time limit.
    const { pact, date } = await prepareRush(base, { releases: 1, citizens: CITIZENS, connections: CONNECTIONS });
    const hello = await autocannon({ url: `${base}/healthz`, connections: CONNECTIONS, duration: BASELINE_SECONDS });
    const helloRps = hello.requests.total / hello.duration;
    console.log(
      `baseline GET /healthz: ${round(helloRps, 0)} req/s, p50 ${hello.latency.p50} ms, p99 ${hello.latency.p99} ms (${CONNECTIONS} connections, ${hello.duration} s, ${hello.non2xx} non-2xx, ${hello.errors} errors)`,
    );

    const r = await runRush(base, { pact, date, count: CITIZENS, connections: CONNECTIONS, phoneBase: 10_000_000 });
    const figures = rushFigures('rush-workers', { citizens: CITIZENS, connections: CONNECTIONS }, r, {
      requestsPerSecond: helloRps,
      p50Ms: hello.latency.p50,
      p99Ms: hello.latency.p99,
    });
    printFigures(figures);

    await target.stop(); // wrangler reads the local D1 only while no server holds it
    const stored = bookingsInD1(join(target.dir, 'state'), date);
    checkExact(figures, r, stored, { where: 'D1', answeredTickets: true, exactNote: ' (answers and D1 agree)' });
    console.log(JSON.stringify(figures));
    return figures.exact ? 0 : 1;
  } finally {
    clearTimeout(stop);
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
