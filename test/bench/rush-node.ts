/**
 * `npm run bench:rush`: the quota-release rush on the Node runtime, on loopback, bounded in count and time.
 *
 * The server runs as a child process (its own core on a 2-core machine). First it is warmed as a running server is
 * (see `prepareRush`), then a baseline: `GET /healthz` — the Hono app's hello-world route, with every middleware —
 * under autocannon at 100 connections for 5 s. Then the rush:
 * 2,000 distinct citizens, each with its own Idempotency-Key, released at once at 100 connections against one
 * service-day of `rush-200` (8 slots × 25 = 200). Prints bookings/s, total req/s, p50/p99 latency, the ratio of
 * booking throughput (every booking answer, 201 and 409, per second) to the baseline, and the counts; then checks
 * exactness in the database: exactly 200 bookings, numbers RDH-001…RDH-200, 25 per slot with contiguous numbers,
 * no 5xx, every other client quota_exhausted. Timings are printed, never asserted; the exit code is non-zero only if exactness fails.
 * The last line is the figures as one JSON object.
 */

import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startChildServer } from '../support/child-server.js';
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

const CITIZENS = 2_000;
const CONNECTIONS = 100;
/** Earlier days' releases the server has served before the one measured: about 10,000 requests. */
const WARMUP_RELEASES = 5;

/** CPU time (user + system, all threads) the server process has used so far, in ms; undefined off Linux. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
const perRequestUs = (before: number | undefined, after: number | undefined, requests: number) =>
  before === undefined || after === undefined ? undefined : Math.round(((after - before) * 1000) / requests);

async function main(): Promise<number> {
  const server = await startChildServer({ prefix: 'pakta-bench-' }); // removes its files itself if it does not come up
  try {
    const base = server.url;
    console.log(`rush bench: Node ${process.version}, server pid ${server.pid} on ${base}`);

    const { pact, date } = await prepareRush(base, {
      releases: WARMUP_RELEASES,
      citizens: CITIZENS,
      connections: CONNECTIONS,
    });

    // Baseline: the hello-world route of the same app on the same server.
    const pid = server.pid;
    const helloCpu = cpuMs(pid);
    const hello = await autocannon({ url: `${base}/healthz`, connections: CONNECTIONS, duration: BASELINE_SECONDS });
    const helloRps = hello.requests.total / hello.duration;
    const helloCpuUs = perRequestUs(helloCpu, cpuMs(pid), hello.requests.total);
    console.log(
      `baseline GET /healthz: ${round(helloRps, 0)} req/s, p50 ${hello.latency.p50} ms, p99 ${hello.latency.p99} ms, ` +
        `server CPU ${helloCpuUs ?? '?'} µs/request (${CONNECTIONS} connections, ${hello.duration} s, ${hello.non2xx} non-2xx, ${hello.errors} errors)`,
    );

    // The rush.
    const rushCpu = cpuMs(pid);
    const clientCpu = process.cpuUsage();
    const r = await runRush(base, { pact, date, count: CITIZENS, connections: CONNECTIONS, phoneBase: 10_000_000 });
    const rushCpuUs = perRequestUs(rushCpu, cpuMs(pid), r.latencies.length);
    const clientUsed = process.cpuUsage(clientCpu);
    const clientCpuUs = Math.round((clientUsed.user + clientUsed.system) / r.latencies.length);
    const figures = rushFigures(
      'rush-node',
      { citizens: CITIZENS, connections: CONNECTIONS },
      r,
      { requestsPerSecond: helloRps, p50Ms: hello.latency.p50, p99Ms: hello.latency.p99 },
      {
        /** Server CPU per request (all its threads): less sensitive than throughput to whatever else the machine runs. */
        helloCpuUsPerRequest: helloCpuUs ?? null,
        bookingCpuUsPerRequest: rushCpuUs ?? null,
        cpuRatio: helloCpuUs && rushCpuUs ? round(helloCpuUs / rushCpuUs, 3) : null,
        /** The load generator's own CPU per request: near the server's, the two share the machine's cores. */
        clientCpuUsPerRequest: clientCpuUs,
      },
    );
    printFigures(figures, {
      ratioNote: '   (goals: ratio ≥ 0.35, p99 ≤ 60 ms)',
      more:
        figures.cpuRatio === null
          ? []
          : [
              `server CPU per request: hello ${figures.helloCpuUsPerRequest} µs, booking ${figures.bookingCpuUsPerRequest} µs ` +
                `(ratio by CPU ${figures.cpuRatio}); load generator ${figures.clientCpuUsPerRequest} µs/request; ` +
                `load average ${loadavg()
                  .map((l) => l.toFixed(2))
                  .join(' ')}`,
            ],
    });

    // Exactness, from the answers and the database.
    const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
    let stored: StoredBooking[];
    try {
      stored = db
        .prepare('SELECT slot, ticket, status, phone FROM bookings WHERE tenant = ? AND service = ? AND date = ?')
        .all(TENANT, SERVICE, date) as StoredBooking[];
    } finally {
      db.close();
    }
    checkExact(figures, r, stored, { where: 'the database' });
    const [load] = loadavg();
    if (load! > availableParallelism()) {
      console.log(
        `note: the machine was busy (load average ${load!.toFixed(1)} on ${availableParallelism()} cores): throughput and latency are not comparable between runs`,
      );
    }
    console.log(JSON.stringify(figures));
    return figures.exact ? 0 : 1;
  } finally {
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
