// The typed client against the real Node runtime (SQLite on disk), tenant `contract`: open all day, no rate limits.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn, uniquePhone } from '../../test/support/client.js';
import { startNodeTarget } from '../../test/support/node-server.js';
import {
  type BookingRequest,
  createClient,
  newIdempotencyKey,
  PaktaApiError,
  type PaktaClient,
  type TenantConfig,
} from './client.js';
import { createVerifier } from './verify.js';

const TENANT = 'contract';
const ZONE = 'Asia/Jayapura';
const date = dateIn(ZONE, 1);

let target: Awaited<ReturnType<typeof startNodeTarget>>;
let client: PaktaClient;
let config: TenantConfig;
let nextSlot = 0;
/** A slot of tomorrow not used by another test, so quotas never interfere. */
const freshSlot = () => `${String(nextSlot++).padStart(2, '0')}:00`;

function request(slot = freshSlot(), name = 'Budi Santoso'): BookingRequest {
  return {
    service: 'general',
    channel: 'counter',
    date,
    slot,
    citizen: { name, phone: uniquePhone() },
    pact: { version: config.pact.version, hash: config.pact.hash, accepted: true, locale: config.pact.lang },
  };
}

async function remaining(slot: string): Promise<number | undefined> {
  const day = (await client.availability({ service: 'general', from: date, days: 1 })).days[0];
  return day?.slots.find((s) => s.id === slot)?.remaining.counter;
}

/** Rejects with the PaktaApiError the call ends with. */
async function apiError(promise: Promise<unknown>): Promise<PaktaApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PaktaApiError);
  return err as PaktaApiError;
}

beforeAll(async () => {
  target = await startNodeTarget();
  client = createClient({ baseUrl: target.baseUrl, tenant: TENANT });
  config = await client.tenant();
});
afterAll(() => target.close());

describe('createClient', () => {
  it('reads the tenant, with the pact in the language asked for', async () => {
    expect(config.tenant).toEqual({ id: TENANT, name: 'Mal Pelayanan Publik Uji Kontrak', timeZone: ZONE });
    expect(config.services.map((s) => s.id)).toContain('general');
    expect(config.pact).toMatchObject({ version: 'test.1', lang: 'id', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const english = await client.tenant({ lang: 'en' });
    expect(english.pact.lang).toBe('en');
    expect(english.pact.text).toMatch(/^I promise/);
    const englishClient = createClient({ baseUrl: `${target.baseUrl}/`, tenant: TENANT, lang: 'en' });
    expect((await englishClient.tenant()).pact.lang).toBe('en');
  });

  it('reads availability for a service, from a date, for a number of days', async () => {
    const availability = await client.availability({ service: 'general', from: date, days: 2 });
    expect(availability).toMatchObject({ service: 'general', timeZone: ZONE });
    expect(availability.days.map((d) => d.date)).toEqual([date, dateIn(ZONE, 2)]);
    expect(availability.days[0]?.slots[0]).toMatchObject({ id: '00:00', remaining: { counter: 5, video: 2 } });
  });

  it('books, and the certificate it returns verifies', async () => {
    const slot = freshSlot();
    const created = await client.book(request(slot));
    expect(created.booking).toMatchObject({ service: 'general', channel: 'counter', date, slot, status: 'active' });
    expect(created.booking.ticket).toMatch(/^GEN-\d{3}$/);
    expect(created.certificateUrl).toBe(`${target.baseUrl}/c/#${created.certificate}`);
    const verifier = createVerifier({ issuers: [`${target.baseUrl}/t/${TENANT}`] });
    const { certificate, status } = await verifier.verifyAndCheck(created.certificateUrl);
    expect(certificate.ticket).toBe(created.booking.ticket);
    expect(status).toBe('valid');
    expect(await remaining(slot)).toBe(4);
  });

  it('replays a booking retried after its answer was lost: one key, exactly one booking', async () => {
    const keys: string[] = [];
    let loseNextAnswer = true;
    const flaky: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST') {
        keys.push(new Headers(init.headers).get('idempotency-key') ?? '');
        if (loseNextAnswer) {
          loseNextAnswer = false;
          await response.body?.cancel();
          throw new TypeError('fetch failed'); // the server booked; the citizen's connection dropped
        }
      }
      return response;
    };
    const retrying = createClient({ baseUrl: target.baseUrl, tenant: TENANT, fetch: flaky });
    const slot = freshSlot();
    const body = request(slot);

    const lost = await apiError(retrying.book(body));
    expect(lost).toMatchObject({ code: 'network', status: 0, idempotencyKey: keys[0] });
    expect(await remaining(slot)).toBe(4); // it did book

    const created = await retrying.book(structuredClone(body)); // the same call again, as a user retries it
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await remaining(slot)).toBe(4); // and not twice

    // an explicit attempt: send it as often as needed, it stays one booking
    loseNextAnswer = true;
    const slot2 = freshSlot();
    const attempt = retrying.bookingAttempt(request(slot2));
    await expect(attempt.send()).rejects.toMatchObject({ code: 'network' });
    const [first, again] = [await attempt.send(), await attempt.send()];
    expect(again.booking.id).toBe(first.booking.id);
    expect(keys.slice(2)).toEqual([attempt.idempotencyKey, attempt.idempotencyKey, attempt.idempotencyKey]);
    expect(await remaining(slot2)).toBe(4);

    // after a definite answer a new booking gets a new key
    await retrying.book(request(freshSlot(), 'Siti Aminah'));
    expect(keys.at(-1)).not.toBe(keys[0]);
    expect(created.booking.status).toBe('active');
  });

  it('with a retry policy, sends again by itself after a lost answer and while the key is busy: one key, one booking', async () => {
    const keys: string[] = [];
    const waits: number[] = [];
    /** What happens to each POST in turn: the answer is lost, the server says the key is busy, or it goes through. */
    let script: ('lose' | 'busy')[] = [];
    const flaky: typeof fetch = async (input, init) => {
      if (init?.method !== 'POST') return fetch(input, init);
      keys.push(new Headers(init.headers).get('idempotency-key') ?? '');
      const step = script.shift();
      if (step === 'busy') {
        return new Response(JSON.stringify({ code: 'idempotency_in_flight', status: 409 }), {
          status: 409,
          headers: { 'content-type': 'application/problem+json' },
        });
      }
      const response = await fetch(input, init);
      if (step === 'lose') {
        await response.body?.cancel();
        throw new TypeError('fetch failed'); // the server booked; the answer never arrived
      }
      return response;
    };
    const wait = async (ms: number) => void waits.push(ms);
    const retrying = createClient({ baseUrl: target.baseUrl, tenant: TENANT, fetch: flaky, retry: { wait } });
    const slot = freshSlot();

    script = ['lose', 'busy', 'busy'];
    const created = await retrying.book(request(slot));
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(waits).toEqual([1500, 1000, 2000]);
    expect(await remaining(slot)).toBe(4); // booked once

    // not forever: one re-send after no answer, then the caller's own retry reuses the key
    keys.length = 0;
    script = ['lose', 'lose'];
    const body = request(freshSlot());
    await expect(retrying.book(body)).rejects.toMatchObject({ code: 'network' });
    expect(keys).toHaveLength(2);
    await retrying.book(structuredClone(body));
    expect(new Set(keys).size).toBe(1);

    // a definite answer is not sent again
    keys.length = 0;
    const refused = await apiError(retrying.book(request('99:99')));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(keys).toHaveLength(1);
    expect(created.booking.status).toBe('active');
  });

  it('makes idempotency keys of 22 characters the API accepts, a new one each time', () => {
    const many = Array.from({ length: 1000 }, () => newIdempotencyKey());
    expect(many.every((key) => /^[A-Za-z0-9_-]{22}$/.test(key))).toBe(true);
    expect(new Set(many).size).toBe(1000);
  });

  it('fetches a fresh proof-of-work challenge that a number up to maxnumber solves', async () => {
    const challenge = await client.challenge();
    expect(challenge).toMatchObject({
      algorithm: 'SHA-256',
      challenge: expect.stringMatching(/^[0-9a-f]{64}$/),
      salt: expect.any(String),
      signature: expect.any(String),
    });
    const max = challenge.maxnumber ?? 1e6;
    let n = 0;
    while (
      n <= max &&
      createHash('sha256')
        .update(challenge.salt + n)
        .digest('hex') !== challenge.challenge
    )
      n++;
    expect(n).toBeLessThanOrEqual(max);
    expect((await client.challenge()).salt).not.toBe(challenge.salt);
  });

  it('accepts a saved key, and refuses one the API would refuse', async () => {
    const body = request();
    const first = await client.book(body, { idempotencyKey: 'saved-key-0001' });
    const replay = await client.book(body, { idempotencyKey: 'saved-key-0001' });
    expect(replay.booking.id).toBe(first.booking.id);
    expect(() => client.bookingAttempt(body, { idempotencyKey: 'short' })).toThrow(TypeError);
  });

  it('shows and cancels a booking with its manage token; the certificate is then revoked', async () => {
    const slot = freshSlot();
    const created = await client.book(request(slot));
    const view = await client.booking(created.booking.id, created.manageToken);
    expect(view).toEqual({
      booking: created.booking,
      certificate: created.certificate,
      certificateUrl: created.certificateUrl,
    });

    const cancelled = await client.cancel(created.booking.id, created.manageToken);
    expect(cancelled.booking).toMatchObject({ id: created.booking.id, status: 'cancelled' });
    expect(await remaining(slot)).toBe(5);
    expect((await client.booking(created.booking.id, created.manageToken)).booking.status).toBe('cancelled');
    const verifier = createVerifier({ issuers: [`${target.baseUrl}/t/${TENANT}`] });
    await expect(verifier.verifyAndCheck(created.certificate)).rejects.toMatchObject({ code: 'revoked' });

    expect(await apiError(client.cancel(created.booking.id, created.manageToken))).toMatchObject({
      code: 'already_cancelled',
      status: 409,
    });
    expect(await apiError(client.booking(created.booking.id, 'not-the-token'))).toMatchObject({
      code: 'unauthorized',
      status: 401,
    });
  });

  it('maps problems to PaktaApiError with their code, status, detail and field errors', async () => {
    const mismatch = await apiError(client.book({ ...request(), pact: { ...request().pact, hash: '0'.repeat(64) } }));
    expect(mismatch).toMatchObject({ name: 'PaktaApiError', code: 'pact_mismatch', status: 422 });
    expect(mismatch.detail).not.toBe('');
    expect(mismatch.problem).toMatchObject({
      type: 'urn:pakta:problem:pact_mismatch',
      code: 'pact_mismatch',
      status: 422,
    });
    expect(mismatch.idempotencyKey).toEqual(expect.any(String));

    const invalid = await apiError(client.book({ ...request(), slot: '25:00' }));
    expect(invalid).toMatchObject({ code: 'validation_failed', status: 400 });
    expect(invalid.errors.map((e) => e.path)).toContain('slot');

    expect(await apiError(client.availability({ service: 'nope' }))).toMatchObject({
      code: 'unknown_service',
      status: 404,
    });
    const nowhere = createClient({ baseUrl: target.baseUrl, tenant: 'no-such-tenant', lang: 'en' });
    const notFound = await apiError(nowhere.tenant());
    expect(notFound).toMatchObject({ code: 'not_found', status: 404 });
    expect(notFound.message).toContain('/v1/tenants/no-such-tenant');
  });

  it('reads Retry-After, and names answers that are not problems', async () => {
    const stub =
      (response: Response): typeof fetch =>
      async () =>
        response.clone();
    const limited = createClient({
      baseUrl: 'https://pakta.example',
      tenant: TENANT,
      fetch: stub(
        new Response(
          JSON.stringify({
            type: 'urn:pakta:problem:rate_limited',
            code: 'rate_limited',
            title: 'Too many requests',
            status: 429,
            detail: 'Tunggu.',
          }),
          {
            status: 429,
            headers: { 'content-type': 'application/problem+json', 'retry-after': '17' },
          },
        ),
      ),
    });
    expect(await apiError(limited.tenant())).toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryAfter: 17,
      detail: 'Tunggu.',
    });
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const dated = createClient({
      baseUrl: 'https://pakta.example',
      tenant: TENANT,
      fetch: stub(new Response('{}', { status: 503, headers: { 'retry-after': inAMinute } })),
    });
    expect((await apiError(dated.tenant())).retryAfter).toBeGreaterThanOrEqual(58);
    const proxy = createClient({
      baseUrl: 'https://pakta.example',
      tenant: TENANT,
      fetch: stub(new Response('<h1>Bad gateway</h1>', { status: 502 })),
    });
    expect(await apiError(proxy.tenant())).toMatchObject({ code: 'http_502', status: 502, retryAfter: undefined });
    const odd = createClient({
      baseUrl: 'https://pakta.example',
      tenant: TENANT,
      fetch: stub(new Response('[]', { status: 200 })),
    });
    expect(await apiError(odd.tenant())).toMatchObject({ code: 'malformed_response', status: 200 });
    const slow = createClient({
      baseUrl: 'http://127.0.0.1:9',
      tenant: TENANT,
      timeout: 50,
      fetch: (_input, init) =>
        new Promise((_ok, fail) => init?.signal?.addEventListener('abort', () => fail(init.signal?.reason))),
    });
    expect((await apiError(slow.tenant())).message).toMatch(/no answer within 50 ms/);
  });

  it('types a problem code it does not know (from a newer API) as http_{status}, and keeps the document', async () => {
    const document = {
      type: 'urn:pakta:problem:brand_new',
      code: 'brand_new',
      title: 'New',
      status: 422,
      detail: 'Baru.',
    };
    const newer = createClient({
      baseUrl: 'https://pakta.example',
      tenant: TENANT,
      fetch: async () =>
        new Response(JSON.stringify(document), {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
        }),
    });
    const err = await apiError(newer.tenant());
    expect(err).toMatchObject({ code: 'http_422', status: 422, detail: 'Baru.' });
    expect(err.problem).toEqual(document);
  });

  it('retries with the same key after a success it could not read', async () => {
    const keys: string[] = [];
    let calls = 0;
    const client = createClient({
      baseUrl: 'https://pakta.example',
      tenant: TENANT,
      fetch: async (_input, init) => {
        keys.push(new Headers(init?.headers).get('idempotency-key')!);
        calls += 1;
        return calls === 1
          ? new Response('<html>mangled</html>', { status: 201 })
          : new Response('{"booking":{}}', { status: 201, headers: { 'content-type': 'application/json' } });
      },
    });
    const request = {
      service: 's',
      channel: 'counter',
      date: '2026-11-24',
      slot: '08:00',
      citizen: { name: 'Budi', phone: '0812' },
      pact: { version: 'v', hash: 'h', accepted: true, locale: 'id' },
    } as const;
    expect(await apiError(client.book(request as never))).toMatchObject({ code: 'malformed_response' });
    await client.book(request as never);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('refuses options that cannot work', () => {
    expect(() => createClient({ baseUrl: 'ftp://pakta.example', tenant: TENANT })).toThrow(TypeError);
    expect(() => createClient({ baseUrl: 'not a url', tenant: TENANT })).toThrow(TypeError);
    expect(() => createClient({ baseUrl: 'https://pakta.example', tenant: '' })).toThrow(TypeError);
  });
});
