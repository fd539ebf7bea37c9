/**
 * The fetch wrapper against a real local HTTP server: headers, problem+json, and above all that a booking
 * retried after a lost answer, a busy key or a 429 carries the same Idempotency-Key (so it cannot book twice).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, Booker, apiBaseFromScript, attemptFor, createClient, newIdempotencyKey, normaliseBase, parseRetryAfter } from './api';
import type { BookingRequest } from './types';

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
  res.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** The real API's idempotent behaviour: same key and body → the same booking. */
const bookOnce: Handler = (req, res, body) => {
  const key = String(req.headers['idempotency-key']);
  if (!booked.has(key)) booked.set(key, `bk_${booked.size + 1}`);
  json(res, 201, { booking: { id: booked.get(key), ticket: 'PAS-001' }, certificate: 'x.y.z', certificateUrl: 'http://x/c/#x.y.z', manageToken: 't' });
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
const client = (lang: 'id' | 'en' = 'id', timeout?: number) => createClient({ base, lang: () => lang, timeout });
const keys = () => seen.filter((s) => s.method === 'POST').map((s) => s.headers['idempotency-key']);
const hangUp: Handler = (req) => req.socket.destroy();

describe('requests', () => {
  it('sends Accept-Language and asks for the tenant in that language', async () => {
    script.push((_, res) => json(res, 200, { tenant: { id: 'demo' } }));
    await client('en').tenant('demo', 'en');
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/tenants/demo?lang=en' });
    expect(seen[0]!.headers['accept-language']).toBe('en');
  });

  it('asks for availability and sends the manage token for a booking', async () => {
    script.push((_, res) => json(res, 200, { days: [] }));
    script.push((_, res) => json(res, 200, { booking: {} }));
    script.push((_, res) => json(res, 200, { booking: {} }));
    const c = client();
    await c.availability('demo', 'paspor baru', 8);
    await c.booking('bk_1', 'secret');
    await c.cancel('bk_1', 'secret');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /v1/tenants/demo/availability?service=paspor%20baru&days=8',
      'GET /v1/bookings/bk_1',
      'POST /v1/bookings/bk_1/cancel',
    ]);
    expect(seen[1]!.headers.authorization).toBe('Bearer secret');
    expect(seen[2]!.headers.authorization).toBe('Bearer secret');
  });

  it('turns problem+json into ApiError with code, message, status, Retry-After and field errors', async () => {
    script.push((_, res) =>
      json(
        res,
        400,
        { type: 'urn:pakta:problem:validation_failed', code: 'validation_failed', title: 'Invalid', status: 400, detail: 'Periksa data.', errors: [{ path: 'citizen.phone', message: 'x' }] },
      ),
    );
    const e = await client().tenant('demo', 'id').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'validation_failed', message: 'Periksa data.', status: 400, errors: [{ path: 'citizen.phone', message: 'x' }] });

    script.push((_, res) => json(res, 429, { code: 'rate_limited', title: 'Too many', status: 429 }, { 'Retry-After': '7' }));
    await expect(client().tenant('demo', 'id')).rejects.toMatchObject({ code: 'rate_limited', message: 'Too many', retryAfter: 7 });
  });

  it('names an answer that is not problem+json by its status, and no answer `network`', async () => {
    script.push((_, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    });
    await expect(client().tenant('demo', 'id')).rejects.toMatchObject({ code: 'http_502', status: 502 });
    script.push(hangUp);
    await expect(client().tenant('demo', 'id')).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('gives up on a hanging request as a network failure', async () => {
    script.push(() => {}); // never answers
    await expect(client('id', 200).tenant('demo', 'id')).rejects.toMatchObject({ code: 'network' });
  });
});

describe('Idempotency-Key', () => {
  it('is 22 characters of the allowed alphabet, different each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(Array.from({ length: 1000 }, () => newIdempotencyKey())).size).toBe(1000);
  });

  it('stays for the same body and changes with it', () => {
    const a = attemptFor(null, req);
    expect(attemptFor(a, { ...req })).toBe(a);
    const b = attemptFor(a, { ...req, slot: '08:30' });
    expect(b.key).not.toBe(a.key);
    expect(JSON.parse(b.body)).toMatchObject({ slot: '08:30' });
  });

  it('is sent with the booking, with the body as JSON', async () => {
    const r = await new Booker(client(), 'demo', noWait).book(req);
    expect(r.booking.id).toBe('bk_1');
    expect(seen[0]!.url).toBe('/v1/tenants/demo/bookings');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual(req);
    expect(keys()[0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('is reused when the answer was lost (the server booked, the phone never heard): one booking', async () => {
    // the server books, then the connection drops before the answer arrives
    script.push((r, res, body) => {
      bookOnce(r, { writeHead: () => {}, end: () => {} } as unknown as ServerResponse, body);
      r.socket.destroy();
    });
    const r = await new Booker(client(), 'demo', noWait).book(req);
    expect(keys()).toHaveLength(2);
    expect(keys()[0]).toBe(keys()[1]);
    expect(booked.size).toBe(1);
    expect(r.booking.id).toBe('bk_1');
  });

  it('is reused while the server is still processing the same key', async () => {
    const busy: Handler = (_, res) => json(res, 409, { code: 'idempotency_in_flight', status: 409 });
    script.push(busy, busy);
    await new Booker(client(), 'demo', noWait).book(req);
    expect(keys()).toHaveLength(3);
    expect(new Set(keys()).size).toBe(1);
  });

  it('is reused by a manual retry after a 429 and after the network stayed down', async () => {
    const booker = new Booker(client(), 'demo', noWait);
    script.push((_, res) => json(res, 429, { code: 'rate_limited', status: 429 }, { 'Retry-After': '3' }));
    await expect(booker.book(req)).rejects.toMatchObject({ code: 'rate_limited', retryAfter: 3 });
    script.push(hangUp, hangUp);
    await expect(booker.book(req)).rejects.toMatchObject({ code: 'network' });
    const r = await booker.book({ ...req }); // "Coba lagi": the same booking again
    expect(r.booking.id).toBe('bk_1');
    expect(keys()).toHaveLength(4);
    expect(new Set(keys()).size).toBe(1);
    expect(booked.size).toBe(1);
  });

  it('is new after a definite refusal, and for a changed booking', async () => {
    const booker = new Booker(client(), 'demo', noWait);
    script.push((_, res) => json(res, 409, { code: 'quota_exhausted', status: 409 }));
    await expect(booker.book(req)).rejects.toMatchObject({ code: 'quota_exhausted' });
    await booker.book({ ...req, slot: '08:30' });
    booker.reset();
    await booker.book({ ...req, slot: '08:30' });
    expect(keys()).toHaveLength(3);
    expect(new Set(keys()).size).toBe(3);
  });

  it('does not retry by itself forever', async () => {
    script.push(hangUp, hangUp, hangUp);
    await expect(new Booker(client(), 'demo', noWait).book(req)).rejects.toMatchObject({ code: 'network' });
    expect(keys()).toHaveLength(2);
  });
});

describe('API base', () => {
  it.each([
    ['https://mpp.example.go.id/widget.js', 'https://mpp.example.go.id/'],
    ['https://mpp.example.go.id/widget.classic.js', 'https://mpp.example.go.id/'],
    ['https://mpp.example.go.id/widget/v0.1.0/widget.js', 'https://mpp.example.go.id/'],
    ['https://mpp.example.go.id/widget/v1.2.3-rc.1/widget.classic.js?x=1#y', 'https://mpp.example.go.id/'],
    ['https://example.go.id/pakta/widget.js', 'https://example.go.id/pakta/'],
    ['https://example.go.id/pakta/widget/v0.1.0/widget.js', 'https://example.go.id/pakta/'],
    ['http://localhost:8787/widget.js', 'http://localhost:8787/'],
  ])('%s → %s', (src, expected) => expect(apiBaseFromScript(src)).toBe(expected));

  it('takes the api attribute relative to the page, always ending with /', () => {
    expect(normaliseBase('https://api.example.go.id', 'https://site.example/')).toBe('https://api.example.go.id/');
    expect(normaliseBase('/pakta', 'https://site.example/a/b')).toBe('https://site.example/pakta/');
    expect(normaliseBase('https://x.example/api/', 'https://site.example/')).toBe('https://x.example/api/');
  });
});

describe('Retry-After', () => {
  it('reads seconds or an HTTP date', () => {
    expect(parseRetryAfter('12')).toBe(12);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30);
  });
});
