/**
 * What `rush-node.ts` and `rush-workers.ts` share, so that their figures sit side by side: the rush itself
 * (distinct citizens, each with its own Idempotency-Key, released at once against one service-day of `rush-200`,
 * 8 slots × 25 = 200), the figures computed from it, their printing, and the exactness checks on the answers and
 * on the bookings as stored. Each bench starts its own server and measures its own baseline.
 */
import autocannon from 'autocannon';
import { dateIn, getJson } from '../support/client.js';

export const TENANT = 'contract';
export const SERVICE = 'rush-200';
export const PREFIX = 'RDH';
export const SLOTS = ['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00'];
export const QUOTA_PER_SLOT = 25;
export const QUOTA = QUOTA_PER_SLOT * SLOTS.length;
/** The baseline's length: `GET /healthz` under autocannon. */
export const BASELINE_SECONDS = 5;
/** Warming the hello-world route before its baseline, as the booking route is warmed by earlier releases. */
export const WARMUP_HELLO_SECONDS = 2;

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface Pact {
  version: string;
  hash: string;
  lang: string;
}

export interface RushOptions {
  pact: Pact;
  /** The service-day, `YYYY-MM-DD`. */
  date: string;
  /** Citizens, one request each. */
  count: number;
  connections: number;
  /** Citizen i books with phone `0813` + (phoneBase + i), 8 digits. */
  phoneBase: number;
}

export interface RushResult {
  /** From the release to the last answer. */
  seconds: number;
  /** Every answer's latency in ms, ascending. */
  latencies: number[];
  statuses: Map<number, number>;
  /** `201`, else the problem's `code` (or `STATUS (not JSON)`), with its count. */
  codes: Map<string, number>;
  /** Slot and ticket of every 201 answer. */
  tickets: { slot: string; ticket: string }[];
  errors: number;
  timeouts: number;
}

/** `count` bookings for `date`, each a distinct citizen with its own key, at `connections` at once. */
export async function runRush(
  base: string,
  { pact, date, count, connections, phoneBase }: RushOptions,
): Promise<RushResult> {
  let next = 0;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const codes = new Map<string, number>();
  const tickets: { slot: string; ticket: string }[] = [];
  // Every request is built before the release, so that the load generator does as little per request as it does
  // for the baseline (one prepared request): on two cores its own work would otherwise slow the server's answers.
  const path = `/v1/tenants/${TENANT}/bookings`;
  const prepared = Array.from({ length: count }, (_, i) => ({
    method: 'POST' as const,
    path,
    headers: { 'content-type': 'application/json', 'idempotency-key': `rush-${date}-${String(i).padStart(6, '0')}` },
    body: JSON.stringify({
      service: SERVICE,
      channel: 'counter',
      date,
      slot: SLOTS[i % SLOTS.length],
      citizen: { name: 'Budi Santoso', phone: `0813${String(phoneBase + i).padStart(8, '0')}` },
      pact: { version: pact.version, hash: pact.hash, accepted: true, locale: pact.lang },
    }),
  }));
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
            path,
            setupRequest: (req) => ({ ...req, ...prepared[next++]! }),
            onResponse: (status, body) => {
              let code = String(status);
              try {
                const json = JSON.parse(body) as { code?: string; booking?: { slot: string; ticket: string } };
                if (status === 201 && json.booking)
                  tickets.push({ slot: json.booking.slot, ticket: json.booking.ticket });
                else code = json.code ?? code;
              } catch {
                code = `${status} (not JSON)`;
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
  return {
    seconds: (last - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
    statuses,
    codes,
    tickets,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * Warms the server as one that has been running is warm, then gives the pact and the date of the rush that counts.
 * A rush comes after the releases of earlier days, and the JIT compiles a route only once it has run for a while:
 * measured cold, the first seconds of either route cost two to three times what they cost warm, and which route
 * happened to run first would decide the ratio. So both are warmed, neither counted: the hello-world route for
 * `WARMUP_HELLO_SECONDS`, and the booking route by the same rush on `releases` earlier days (days 2… ahead).
 */
export async function prepareRush(
  base: string,
  { releases, citizens, connections }: { releases: number; citizens: number; connections: number },
): Promise<{ pact: Pact; date: string }> {
  const pact = (await getJson(`${base}/v1/tenants/${TENANT}`)).body.pact as Pact;
  await autocannon({ url: `${base}/healthz`, connections, duration: WARMUP_HELLO_SECONDS });
  let seconds = 0;
  for (let day = 0; day < releases; day++) {
    const warm = await runRush(base, {
      pact,
      date: dateIn('Asia/Jayapura', 2 + day),
      count: citizens,
      connections,
      phoneBase: 20_000_000 + day * citizens,
    });
    seconds += warm.seconds;
  }
  console.log(
    `warm-up: GET /healthz for ${WARMUP_HELLO_SECONDS} s, then the same rush on ${releases} other day${releases === 1 ? '' : 's'} ` +
      `(${releases * citizens} booking requests in ${round(seconds, 2)} s); not counted`,
  );
  return { pact, date: dateIn('Asia/Jayapura', 1) };
}

/** The baseline the rush is compared with: `GET /healthz` under autocannon. */
export interface Baseline {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * The figures of a rush of `citizens` at `connections` against its baseline, as one flat object: `extra` (a
 * bench's own figures) goes after `ratio`; `exact` is set by `checkExact`.
 */
export function rushFigures<E extends object>(
  bench: string,
  run: { citizens: number; connections: number },
  r: RushResult,
  hello: Baseline,
  extra?: E,
) {
  const created = r.statuses.get(201) ?? 0;
  const conflicts = r.statuses.get(409) ?? 0;
  return {
    bench,
    citizens: run.citizens,
    connections: run.connections,
    quota: QUOTA,
    rushSeconds: round(r.seconds, 3),
    bookingsPerSecond: round(created / r.seconds),
    requestsPerSecond: round(r.latencies.length / r.seconds),
    bookingAnswersPerSecond: round((created + conflicts) / r.seconds),
    p50Ms: round(percentile(r.latencies, 50), 2),
    p99Ms: round(percentile(r.latencies, 99), 2),
    maxMs: round(r.latencies.at(-1) ?? NaN, 2),
    helloRequestsPerSecond: round(hello.requestsPerSecond),
    helloP50Ms: hello.p50Ms,
    helloP99Ms: hello.p99Ms,
    ratio: round((created + conflicts) / r.seconds / hello.requestsPerSecond, 3),
    ...(extra as E),
    created,
    quotaExhausted: r.codes.get('quota_exhausted') ?? 0,
    otherRefusals: Object.fromEntries([...r.codes].filter(([c]) => c !== '201' && c !== 'quota_exhausted')),
    fiveXX: [...r.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0),
    clientErrors: r.errors,
    timeouts: r.timeouts,
    exact: false,
  };
}

export type RushFigures = ReturnType<typeof rushFigures<object>>;

/** The human lines: the rush, the ratio to the baseline (then `ratioNote`), `more` lines, the answers by kind. */
export function printFigures(f: RushFigures, options: { ratioNote?: string; more?: string[] } = {}): void {
  console.log(
    `rush: ${f.citizens} citizens at ${f.connections} connections for ${f.quota} places in ${f.rushSeconds} s — ` +
      `${f.bookingsPerSecond} bookings/s, ${f.requestsPerSecond} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, max ${f.maxMs} ms`,
  );
  console.log(
    `ratio (booking answers/s ÷ hello req/s): ${f.bookingAnswersPerSecond} ÷ ${f.helloRequestsPerSecond} = ${f.ratio}${options.ratioNote ?? ''}`,
  );
  for (const line of options.more ?? []) console.log(line);
  console.log(
    `answers: ${f.created} × 201, ${f.quotaExhausted} × quota_exhausted, ${f.fiveXX} × 5xx, other ${JSON.stringify(f.otherRefusals)}, ` +
      `${f.clientErrors} connection errors, ${f.timeouts} timeouts`,
  );
}

/** A booking of the rush's service-day as the server stored it. */
export interface StoredBooking {
  slot: string;
  ticket: string;
  status: string;
  phone: string;
}

/** Nothing if `tickets` are exactly RDH-001…RDH-200 once each, else why not. */
function ticketProblems(tickets: string[], whose: string): string[] {
  const expected = Array.from({ length: QUOTA }, (_, i) => `${PREFIX}-${String(i + 1).padStart(3, '0')}`);
  const sorted = [...tickets].sort();
  if (JSON.stringify(sorted) === JSON.stringify(expected)) return [];
  const dupes = sorted.filter((t, i) => sorted[i - 1] === t);
  return [
    `${whose} are not exactly ${expected[0]}…${expected.at(-1)} (duplicates: ${dupes.slice(0, 5).join(', ') || 'none'})`,
  ];
}

/**
 * Exactness of the rush, from the answers and from `stored` (the service-day's bookings as `where` holds them):
 * exactly 200 bookings, RDH-001…RDH-200 once each, 25 per slot numbered contiguously in slot order, one per citizen; 200 answers 201, every other
 * citizen quota_exhausted, no 5xx, an answer for everyone. With `answeredTickets`, the 201 answers must also carry
 * RDH-001…RDH-200. Sets `f.exact`, prints the verdict (`exact: …` then `exactNote`, or `NOT EXACT:` and why).
 */
export function checkExact(
  f: RushFigures,
  r: RushResult,
  stored: StoredBooking[],
  options: { where: string; answeredTickets?: boolean; exactNote?: string },
): boolean {
  const { where } = options;
  const problems = options.answeredTickets
    ? ticketProblems(
        r.tickets.map((t) => t.ticket),
        'the tickets of the 201 answers',
      )
    : [];
  if (stored.length !== QUOTA) problems.push(`${stored.length} bookings in ${where}, expected exactly ${QUOTA}`);
  problems.push(
    ...ticketProblems(
      stored.map((b) => b.ticket),
      `the ticket numbers in ${where}`,
    ),
  );
  SLOTS.forEach((slot, i) => {
    const mine = stored
      .filter((b) => b.slot === slot && b.status === 'active')
      .map((b) => b.ticket)
      .sort();
    // The slot's own block, in the order the tenant calls them: 00:00 holds 001–025, 03:00 026–050, …
    const block = Array.from(
      { length: QUOTA_PER_SLOT },
      (_, k) => `${PREFIX}-${String(i * QUOTA_PER_SLOT + k + 1).padStart(3, '0')}`,
    );
    if (JSON.stringify(mine) !== JSON.stringify(block)) {
      problems.push(
        `slot ${slot} holds ${mine.length} bookings in ${where} (${mine[0]}…${mine.at(-1)}), expected ${block[0]}…${block.at(-1)}`,
      );
    }
  });
  if (new Set(stored.map((b) => b.phone)).size !== stored.length) problems.push('a citizen holds two bookings');
  if (f.created !== QUOTA) problems.push(`${f.created} clients were told 201, expected ${QUOTA}`);
  if (f.quotaExhausted !== f.citizens - QUOTA)
    problems.push(`${f.quotaExhausted} quota_exhausted answers, expected ${f.citizens - QUOTA}`);
  if (f.fiveXX > 0) problems.push(`${f.fiveXX} answers were 5xx`);
  const answers = r.latencies.length;
  if (answers !== f.citizens || r.errors > 0 || r.timeouts > 0)
    problems.push(`${answers} answers for ${f.citizens} citizens (${r.errors} errors, ${r.timeouts} timeouts)`);
  f.exact = problems.length === 0;
  console.log(
    f.exact
      ? `exact: ${QUOTA} bookings, ${PREFIX}-001…${PREFIX}-${QUOTA} once each, ${QUOTA_PER_SLOT} per slot with contiguous numbers, no 5xx${options.exactNote ?? ''}`
      : `NOT EXACT:\n  ${problems.join('\n  ')}`,
  );
  return f.exact;
}
