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
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { dateIn, getJson } from '../support/client.js';
import { startWorkersTarget } from '../support/workers-server.js';
import { OFFLINE_ENV, WRANGLER } from '../../api/src/scripts/dev-worker.js';
import { REPO } from '../../api/src/scripts/worker-assets.js';

const TENANT = 'contract';
const SERVICE = 'rush-200';
const PREFIX = 'RDH';
const SLOTS = ['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00'];
const QUOTA_PER_SLOT = 25;
const QUOTA = QUOTA_PER_SLOT * SLOTS.length;
const BASELINE_SECONDS = 5;
const WARMUP_REQUESTS = 400;
const LIMIT_MS = 180_000;

function option(name: string, fallback: number, max: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? Math.min(value, max) : fallback;
}
const CITIZENS = option('citizens', 2_000, 5_000);
const CONNECTIONS = option('connections', 100, 500);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

interface RushResult {
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
  codes: Map<string, number>;
  tickets: { slot: string; ticket: string }[];
  errors: number;
  timeouts: number;
}

/** `count` bookings for `date`, each a distinct citizen with its own key, at `connections` at once. */
async function rush(base: string, pact: { version: string; hash: string; lang: string }, date: string, count: number, connections: number, phoneBase: number): Promise<RushResult> {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const codes = new Map<string, number>();
  const tickets: { slot: string; ticket: string }[] = [];
  const started = performance.now();
  // Called without a callback, autocannon answers an Instance that is also a promise (its types say only the latter).
  const instance = autocannon({
    url: base,
    connections,
    amount: count,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: `/v1/tenants/${TENANT}/bookings`,
        setupRequest: (req) => {
          const i = next++;
          return {
            ...req,
            headers: { 'content-type': 'application/json', 'idempotency-key': `rush-${date}-${String(i).padStart(6, '0')}` },
            body: JSON.stringify({
              service: SERVICE,
              channel: 'counter',
              date,
              slot: SLOTS[i % SLOTS.length],
              citizen: { name: 'Budi Santoso', phone: `0813${String(phoneBase + i).padStart(8, '0')}` },
              pact: { version: pact.version, hash: pact.hash, accepted: true, locale: pact.lang },
            }),
          };
        },
        onResponse: (status, body) => {
          let code = String(status);
          try {
            const json = JSON.parse(body) as { code?: string; booking?: { slot: string; ticket: string } };
            if (status === 201 && json.booking) tickets.push({ slot: json.booking.slot, ticket: json.booking.ticket });
            else code = json.code ?? code;
          } catch {
            code = `${status} (not JSON)`;
          }
          codes.set(code, (codes.get(code) ?? 0) + 1);
        },
      },
    ],
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const result = await instance;
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), statuses, codes, tickets, errors: result.errors, timeouts: result.timeouts };
}

/** The day's bookings as D1 holds them, read with wrangler from the local state the server wrote. */
function bookingsInD1(state: string, date: string): { slot: string; ticket: string; status: string; phone: string }[] {
  const sql = `SELECT slot, ticket, status, phone FROM bookings WHERE tenant = '${TENANT}' AND service = '${SERVICE}' AND date = '${date}'`;
  const out = spawnSync(process.execPath, [WRANGLER, 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', sql], {
    cwd: REPO,
    env: { ...process.env, ...OFFLINE_ENV, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`wrangler d1 execute failed:\n${out.stdout}${out.stderr}`);
  return (JSON.parse(out.stdout) as { results: { slot: string; ticket: string; status: string; phone: string }[] }[])[0]!.results;
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

    const hello = await autocannon({ url: `${base}/healthz`, connections: CONNECTIONS, duration: BASELINE_SECONDS });
    const helloRps = hello.requests.total / hello.duration;
    console.log(`baseline GET /healthz: ${round(helloRps, 0)} req/s, p50 ${hello.latency.p50} ms, p99 ${hello.latency.p99} ms (${CONNECTIONS} connections, ${hello.duration} s, ${hello.non2xx} non-2xx, ${hello.errors} errors)`);

    const pact = (await getJson(`${base}/v1/tenants/${TENANT}`)).body.pact;
    const warm = await rush(base, pact, dateIn('Asia/Jayapura', 2), WARMUP_REQUESTS, 50, 20_000_000);
    console.log(`warm-up: ${WARMUP_REQUESTS} bookings on another day in ${round(warm.seconds, 2)} s (not counted)`);

    const date = dateIn('Asia/Jayapura', 1);
    const r = await rush(base, pact, date, CITIZENS, CONNECTIONS, 10_000_000);
    const created = r.statuses.get(201) ?? 0;
    const conflicts = r.statuses.get(409) ?? 0;
    const fiveXX = [...r.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const answers = r.latencies.length;
    const figures = {
      bench: 'rush-workers',
      citizens: CITIZENS,
      connections: CONNECTIONS,
      quota: QUOTA,
      rushSeconds: round(r.seconds, 3),
      bookingsPerSecond: round(created / r.seconds),
      requestsPerSecond: round(answers / r.seconds),
      bookingAnswersPerSecond: round((created + conflicts) / r.seconds),
      p50Ms: round(percentile(r.latencies, 50), 2),
      p99Ms: round(percentile(r.latencies, 99), 2),
      maxMs: round(r.latencies.at(-1) ?? NaN, 2),
      helloRequestsPerSecond: round(helloRps),
      helloP50Ms: hello.latency.p50,
      helloP99Ms: hello.latency.p99,
      ratio: round((created + conflicts) / r.seconds / helloRps, 3),
      created,
      quotaExhausted: r.codes.get('quota_exhausted') ?? 0,
      otherRefusals: Object.fromEntries([...r.codes].filter(([c]) => c !== '201' && c !== 'quota_exhausted')),
      fiveXX,
      clientErrors: r.errors,
      timeouts: r.timeouts,
      exact: false,
    };
    console.log(
      `rush: ${CITIZENS} citizens at ${CONNECTIONS} connections for ${QUOTA} places in ${figures.rushSeconds} s — ` +
        `${figures.bookingsPerSecond} bookings/s, ${figures.requestsPerSecond} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms`,
    );
    console.log(`ratio (booking answers/s ÷ hello req/s): ${figures.bookingAnswersPerSecond} ÷ ${figures.helloRequestsPerSecond} = ${figures.ratio}`);
    console.log(
      `answers: ${created} × 201, ${figures.quotaExhausted} × quota_exhausted, ${fiveXX} × 5xx, other ${JSON.stringify(figures.otherRefusals)}, ` +
        `${r.errors} connection errors, ${r.timeouts} timeouts`,
    );

    const problems: string[] = [];
    const expected = Array.from({ length: QUOTA }, (_, i) => `${PREFIX}-${String(i + 1).padStart(3, '0')}`);
    const answered = r.tickets.map((t) => t.ticket).sort();
    if (JSON.stringify(answered) !== JSON.stringify(expected)) problems.push(`the 201 answers do not carry exactly ${expected[0]}…${expected.at(-1)}`);
    await target.stop(); // wrangler reads the local D1 only while no server holds it
    const rows = bookingsInD1(join(target.dir, 'state'), date);
    if (rows.length !== QUOTA) problems.push(`${rows.length} bookings in D1, expected exactly ${QUOTA}`);
    if (JSON.stringify(rows.map((b) => b.ticket).sort()) !== JSON.stringify(expected)) problems.push(`D1's ticket numbers are not exactly ${expected[0]}…${expected.at(-1)}`);
    for (const slot of SLOTS) {
      const n = rows.filter((b) => b.slot === slot && b.status === 'active').length;
      if (n !== QUOTA_PER_SLOT) problems.push(`slot ${slot} holds ${n} bookings in D1, expected ${QUOTA_PER_SLOT}`);
    }
    if (new Set(rows.map((b) => b.phone)).size !== rows.length) problems.push('a citizen holds two bookings');
    if (created !== QUOTA) problems.push(`${created} clients were told 201, expected ${QUOTA}`);
    if (figures.quotaExhausted !== CITIZENS - QUOTA) problems.push(`${figures.quotaExhausted} quota_exhausted answers, expected ${CITIZENS - QUOTA}`);
    if (fiveXX > 0) problems.push(`${fiveXX} answers were 5xx`);
    if (answers !== CITIZENS || r.errors > 0 || r.timeouts > 0) problems.push(`${answers} answers for ${CITIZENS} citizens (${r.errors} errors, ${r.timeouts} timeouts)`);
    figures.exact = problems.length === 0;
    console.log(figures.exact ? `exact: ${QUOTA} bookings, ${PREFIX}-001…${PREFIX}-${QUOTA} once each, ${QUOTA_PER_SLOT} per slot, no 5xx (answers and D1 agree)` : `NOT EXACT:\n  ${problems.join('\n  ')}`);
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
