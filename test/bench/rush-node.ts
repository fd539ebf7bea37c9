/**
 * `npm run bench:rush`: the quota-release rush on the Node runtime, on loopback, bounded in count and time.
 *
 * The server runs as a child process (its own core on a 2-core machine). First a baseline: `GET /healthz` — the
 * Hono app's hello-world route, with every middleware — under autocannon at 100 connections for 5 s. Then the rush:
 * 2,000 distinct citizens, each with its own Idempotency-Key, released at once at 100 connections against one
 * service-day of `rush-200` (8 slots × 25 = 200). Prints bookings/s, total req/s, p50/p99 latency, the ratio of
 * booking throughput (every booking answer, 201 and 409, per second) to the baseline, and the counts; then checks
 * exactness in the database: exactly 200 bookings, numbers RDH-001…RDH-200, 25 per slot, no 5xx, every other
 * client quota_exhausted. Timings are printed, never asserted; the exit code is non-zero only if exactness fails.
 * The last line is the figures as one JSON object.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { dateIn, getJson } from '../support/client.js';
import { CONTRACT_TENANT_FILE, freePort } from '../support/node-server.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TENANT = 'contract';
const SERVICE = 'rush-200';
const PREFIX = 'RDH';
const SLOTS = ['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00'];
const QUOTA_PER_SLOT = 25;
const QUOTA = QUOTA_PER_SLOT * SLOTS.length;
const CITIZENS = 2_000;
const CONNECTIONS = 100;
const BASELINE_SECONDS = 5;
const WARMUP_REQUESTS = 400;

interface Server {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/node.ts'], {
    cwd: REPO,
    env: { ...process.env, ...env, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output.join('')}`));
    }, 30_000);
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      output.push(d.toString());
      if (output.join('').includes('Pakta listening')) {
        clearTimeout(timer);
        resolve({ child, output, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output.join('')}`));
    });
  });
}

/** CPU time (user + system, all threads) the server process has used so far, in ms; undefined off Linux. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
const perRequestUs = (before: number | undefined, after: number | undefined, requests: number) =>
  before === undefined || after === undefined ? undefined : Math.round(((after - before) * 1000) / requests);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

interface RushResult {
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
  codes: Map<string, number>;
  errors: number;
  timeouts: number;
}

/** `count` bookings for `date`, each a distinct citizen with its own key, at `connections` at once. */
async function rush(base: string, pact: { version: string; hash: string; lang: string }, date: string, count: number, connections: number, phoneBase: number): Promise<RushResult> {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const codes = new Map<string, number>();
  const started = performance.now();
  let last = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
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
              if (status >= 400) {
                try {
                  code = (JSON.parse(body) as { code?: string }).code ?? code;
                } catch {
                  code = `${status} (not JSON)`;
                }
              }
              codes.set(code, (codes.get(code) ?? 0) + 1);
            },
          },
        ],
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      last = performance.now();
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  // From the release to the last answer (autocannon itself only notices the end at its next one-second tick).
  return { seconds: (last - started) / 1000, latencies: latencies.sort((a, b) => a - b), statuses, codes, errors: result.errors, timeouts: result.timeouts };
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pakta-bench-'));
  const dbPath = join(dir, 'pakta.sqlite');
  const tenants = join(dir, 'tenants');
  mkdirSync(tenants);
  copyFileSync(join(REPO, 'api/tenants/demo.json'), join(tenants, 'demo.json'));
  copyFileSync(CONTRACT_TENANT_FILE, join(tenants, 'contract.json'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: Server | undefined;
  try {
    server = await startServer({ PORT: String(port), PAKTA_DB: dbPath, PAKTA_TENANTS: tenants, PAKTA_PUBLIC_URL: base });
    console.log(`rush bench: Node ${process.version}, server pid ${server.child.pid} on ${base}`);

    // Baseline: the hello-world route of the same app on the same server.
    const pid = server.child.pid;
    const helloCpu = cpuMs(pid);
    const hello = await autocannon({ url: `${base}/healthz`, connections: CONNECTIONS, duration: BASELINE_SECONDS });
    const helloRps = hello.requests.total / hello.duration;
    const helloCpuUs = perRequestUs(helloCpu, cpuMs(pid), hello.requests.total);
    console.log(
      `baseline GET /healthz: ${round(helloRps, 0)} req/s, p50 ${hello.latency.p50} ms, p99 ${hello.latency.p99} ms, ` +
        `server CPU ${helloCpuUs ?? '?'} µs/request (${CONNECTIONS} connections, ${hello.duration} s, ${hello.non2xx} non-2xx, ${hello.errors} errors)`,
    );

    const pact = (await getJson(`${base}/v1/tenants/${TENANT}`)).body.pact;
    // The server has served bookings before the release moment: warm the booking path on another day.
    const warm = await rush(base, pact, dateIn('Asia/Jayapura', 2), WARMUP_REQUESTS, 50, 20_000_000);
    console.log(`warm-up: ${WARMUP_REQUESTS} bookings on another day in ${round(warm.seconds, 2)} s (not counted)`);

    // The rush.
    const date = dateIn('Asia/Jayapura', 1);
    const rushCpu = cpuMs(pid);
    const r = await rush(base, pact, date, CITIZENS, CONNECTIONS, 10_000_000);
    const rushCpuUs = perRequestUs(rushCpu, cpuMs(pid), r.latencies.length);
    const created = r.statuses.get(201) ?? 0;
    const conflicts = r.statuses.get(409) ?? 0;
    const fiveXX = [...r.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const answers = r.latencies.length;
    const figures = {
      bench: 'rush-node',
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
      /** Server CPU per request (all its threads): less sensitive than throughput to whatever else the machine runs. */
      helloCpuUsPerRequest: helloCpuUs ?? null,
      bookingCpuUsPerRequest: rushCpuUs ?? null,
      cpuRatio: helloCpuUs && rushCpuUs ? round(helloCpuUs / rushCpuUs, 3) : null,
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
    console.log(
      `ratio (booking answers/s ÷ hello req/s): ${figures.bookingAnswersPerSecond} ÷ ${figures.helloRequestsPerSecond} = ${figures.ratio}` +
        `   (goals: ratio ≥ 0.35, p99 ≤ 60 ms)`,
    );
    if (figures.cpuRatio !== null) {
      console.log(
        `server CPU per request: hello ${figures.helloCpuUsPerRequest} µs, booking ${figures.bookingCpuUsPerRequest} µs ` +
          `(ratio by CPU ${figures.cpuRatio}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`,
      );
    }
    console.log(
      `answers: ${created} × 201, ${figures.quotaExhausted} × quota_exhausted, ${fiveXX} × 5xx, other ${JSON.stringify(figures.otherRefusals)}, ` +
        `${r.errors} connection errors, ${r.timeouts} timeouts`,
    );

    // Exactness, from the database.
    const problems: string[] = [];
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare('SELECT slot, ticket, ticket_seq, status, phone FROM bookings WHERE tenant = ? AND service = ? AND date = ?')
        .all(TENANT, SERVICE, date) as { slot: string; ticket: string; ticket_seq: number; status: string; phone: string }[];
      if (rows.length !== QUOTA) problems.push(`${rows.length} bookings in the database, expected exactly ${QUOTA}`);
      const expected = Array.from({ length: QUOTA }, (_, i) => `${PREFIX}-${String(i + 1).padStart(3, '0')}`);
      const tickets = rows.map((b) => b.ticket).sort();
      if (JSON.stringify(tickets) !== JSON.stringify(expected)) {
        const dupes = tickets.filter((t, i) => tickets[i - 1] === t);
        problems.push(`ticket numbers are not exactly ${expected[0]}…${expected.at(-1)} (duplicates: ${dupes.slice(0, 5).join(', ') || 'none'})`);
      }
      for (const slot of SLOTS) {
        const n = rows.filter((b) => b.slot === slot && b.status === 'active').length;
        if (n !== QUOTA_PER_SLOT) problems.push(`slot ${slot} holds ${n} bookings, expected ${QUOTA_PER_SLOT}`);
      }
      if (new Set(rows.map((b) => b.phone)).size !== rows.length) problems.push('a citizen holds two bookings');
    } finally {
      db.close();
    }
    if (created !== QUOTA) problems.push(`${created} clients were told 201, expected ${QUOTA}`);
    if (figures.quotaExhausted !== CITIZENS - QUOTA) problems.push(`${figures.quotaExhausted} quota_exhausted answers, expected ${CITIZENS - QUOTA}`);
    if (fiveXX > 0) problems.push(`${fiveXX} answers were 5xx`);
    if (answers !== CITIZENS || r.errors > 0 || r.timeouts > 0) problems.push(`${answers} answers for ${CITIZENS} citizens (${r.errors} errors, ${r.timeouts} timeouts)`);
    figures.exact = problems.length === 0;
    console.log(figures.exact ? `exact: ${QUOTA} bookings, ${PREFIX}-001…${PREFIX}-${QUOTA} once each, ${QUOTA_PER_SLOT} per slot, no 5xx` : `NOT EXACT:\n  ${problems.join('\n  ')}`);
    const [load] = loadavg();
    if (load! > availableParallelism()) {
      console.log(`note: the machine was busy (load average ${load!.toFixed(1)} on ${availableParallelism()} cores): throughput and latency are not comparable between runs`);
    }
    console.log(JSON.stringify(figures));
    return figures.exact ? 0 : 1;
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
