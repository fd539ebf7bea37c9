/**
 * The widget's booking over the SDK's client and its retry policy, against a real local HTTP server: a booking retried
 * after a lost answer, a busy key or a 429 carries the same Idempotency-Key (so it cannot book twice); a changed or
 * refused one a new key. (The policy itself is the SDK's, tested against the real API in sdk/src/client.test.ts.)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, outcomeUnknown, type PaktaApiError } from './booking';
import type { BookingRequest, Language } from './types';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base = '';
let seen: Seen[] = [];
let script: Handler[] = [];
/** Bookings the fake server made, by Idempotency-Key, to prove that retries book once. */
let booked = new Map<string, string>();

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, {
    'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json',
    ...headers,
  });
  res.end(JSON.stringify(body));
};

/** The real API's idempotent behaviour: same key and body → the same booking. */
const bookOnce: Handler = (req, res, _body) => {
  const key = String(req.headers['idempotency-key']);
  if (!booked.has(key)) booked.set(key, `bk_${booked.size + 1}`);
  json(res, 201, {
    booking: { id: booked.get(key), ticket: 'PAS-001' },
    certificate: 'x.y.z',
    certificateUrl: 'http://x/c/#x.y.z',
    manageToken: 't',
  });
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      (script.shift() ?? bookOnce)(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  seen = [];
  script = [];
  booked = new Map();
});

const req: BookingRequest = {
  service: 'paspor-baru',
  channel: 'counter',
  date: '2026-11-30',
  slot: '08:00',
  citizen: { name: 'Budi Santoso', phone: '+6281234567890' },
  pact: { version: '2026.1', hash: 'a'.repeat(64), accepted: true, locale: 'id' },
};

const noWait = () => Promise.resolve();
const client = (lang: Language = 'id') => apiClient(base, 'demo', lang, noWait);
const keys = () => seen.filter((s) => s.method === 'POST').map((s) => s.headers['idempotency-key']);
const hangUp: Handler = (req) => req.socket.destroy();

describe('the widget’s booking client', () => {
  it('sends the booking as JSON with an Idempotency-Key, in the language shown', async () => {
    const r = await client('en').book(req);
    expect(r.booking.id).toBe('bk_1');
    expect(seen[0]!.url).toBe('/v1/tenants/demo/bookings');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers['accept-language']).toBe('en');
    expect(JSON.parse(seen[0]!.body)).toEqual(req);
    expect(keys()[0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('sends again with the same key when the answer was lost (the server booked, the phone never heard): one booking', async () => {
    // the server books, then the connection drops before the answer arrives
    script.push((r, _res, body) => {
      bookOnce(r, { writeHead: () => {}, end: () => {} } as unknown as ServerResponse, body);
      r.socket.destroy();
    });
    const r = await client().book(req);
    expect(keys()).toHaveLength(2);
    expect(keys()[0]).toBe(keys()[1]);
    expect(booked.size).toBe(1);
    expect(r.booking.id).toBe('bk_1');
  });

  it('sends again with the same key while the server is still processing it', async () => {
    const busy: Handler = (_, res) => json(res, 409, { code: 'idempotency_in_flight', status: 409 });
    script.push(busy, busy);
    await client().book(req);
    expect(keys()).toHaveLength(3);
    expect(new Set(keys()).size).toBe(1);
  });

  it('keeps the attempt for the citizen’s retry after a 429 and after the network stayed down', async () => {
    const tenantClient = client();
    script.push((_, res) => json(res, 429, { code: 'rate_limited', status: 429 }, { 'Retry-After': '3' }));
    const limited = await tenantClient.book(req).catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 'rate_limited', retryAfter: 3 });
    // the widget keeps the attempt's proof of work for the retry exactly when the outcome is unknown
    expect(outcomeUnknown(limited as PaktaApiError)).toBe(true);
    script.push(hangUp, hangUp);
    await expect(tenantClient.book(req)).rejects.toMatchObject({ code: 'network' });
    const r = await tenantClient.book({ ...req }); // "Coba lagi": the same booking again
    expect(r.booking.id).toBe('bk_1');
    expect(keys()).toHaveLength(4);
    expect(new Set(keys()).size).toBe(1);
    expect(booked.size).toBe(1);
  });

  it('makes a new attempt after a definite refusal, for a changed booking and after a success', async () => {
    const tenantClient = client();
    script.push((_, res) => json(res, 409, { code: 'quota_exhausted', status: 409 }));
    const full = await tenantClient.book(req).catch((e: unknown) => e);
    expect(full).toMatchObject({ code: 'quota_exhausted' });
    expect(outcomeUnknown(full as PaktaApiError)).toBe(false);
    await tenantClient.book({ ...req, slot: '08:30' });
    await tenantClient.book({ ...req, slot: '08:30' });
    expect(keys()).toHaveLength(3);
    expect(new Set(keys()).size).toBe(3);
  });

  it('does not send again by itself forever', async () => {
    script.push(hangUp, hangUp, hangUp);
    await expect(client().book(req)).rejects.toMatchObject({ code: 'network' });
    expect(keys()).toHaveLength(2);
  });
});
