/**
 * The app through `app.request()` on a real SQLite file, with the clock held where each rule bites.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveChallenge } from 'altcha-lib';
import Database from 'better-sqlite3';
import { createLocalJWKSet, decodeJwt, errors, type JSONWebKeySet, jwtVerify, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { housekeeping, purgeExpiredPersonalData } from './bookings.js';
import { KeyRing } from './certificates/keys.js';
import { createNodeApp, DEFAULT_TENANTS_DIR, loadTenantFiles } from './runtime/node/node.js';
import type { SqliteStore } from './runtime/node/sqlite.js';
import { preparedAttempt } from './store/store.js';

const ISSUER = 'https://pakta.example.go.id';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Monday 23 November 2026, 09:00 WITA. */
const MONDAY_9 = Date.parse('2026-11-23T09:00:00+08:00');

async function setup(now = MONDAY_9, dbPath?: string, trustProxy = false) {
  const dir = mkdtempSync(join(tmpdir(), 'pakta-app-'));
  dirs.push(dir);
  const clock = { now };
  const built = await createNodeApp({
    publicUrl: ISSUER,
    dbPath: dbPath ?? join(dir, 'db.sqlite'),
    tenants: loadTenantFiles(DEFAULT_TENANTS_DIR),
    clock: () => clock.now,
    log: () => {},
    trustProxy,
  });
  const request = (path: string, init?: RequestInit) => built.app.request(path, init);
  const json = async (path: string, init?: RequestInit) => {
    const res = await request(path, init);
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };
  const pact = (await json('/v1/tenants/demo')).body.pact;
  const book = (fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    json('/v1/tenants/demo/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        service: 'informasi-umum',
        channel: 'counter',
        date: '2026-11-24',
        slot: '09:00',
        citizen: { name: 'Budi Santoso', phone: `08123${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` },
        pact: { version: pact.version, hash: pact.hash, accepted: true, locale: 'id' },
        ...fields,
      }),
    });
  const jwks = async () => createLocalJWKSet((await json('/t/demo/.well-known/jwks.json')).body as JSONWebKeySet);
  const rows = () => (built.store as SqliteStore).db.prepare('SELECT count(*) FROM bookings').pluck().get() as number;
  return { ...built, clock, request, json, book, pact, jwks, rows, dir };
}

describe('the release moment and cutoff, in the tenant’s zone', () => {
  it('opens a day’s quota at 07:00 WITA fourteen days before, not a minute earlier', async () => {
    const before = Date.parse('2026-11-23T06:59:00+08:00');
    const t = await setup(before);
    const day = async () =>
      (await t.json('/v1/tenants/demo/availability?service=informasi-umum&from=2026-12-07&days=1')).body.days[0];
    expect(await day()).toMatchObject({ open: false, reason: 'not_released', releasesAt: '2026-11-23T07:00:00+08:00' });
    expect((await t.book({ date: '2026-12-07' })).body.code).toBe('outside_window');
    t.clock.now = Date.parse('2026-11-23T07:00:00+08:00');
    expect(await day()).toMatchObject({ open: true });
    expect((await t.book({ date: '2026-12-07' })).status).toBe(201);
  });

  it('stops taking a slot 30 minutes before it starts', async () => {
    const t = await setup(Date.parse('2026-11-24T08:30:00+08:00'));
    expect((await t.book({ date: '2026-11-24', slot: '09:00' })).status).toBe(201);
    t.clock.now += 1000;
    expect((await t.book({ date: '2026-11-24', slot: '09:00' })).body.code).toBe('outside_window');
  });
});

describe('certificates', () => {
  it('expire at the end of the booking day in the tenant’s zone plus a grace period', async () => {
    const t = await setup();
    const { body } = await t.book();
    const claims = decodeJwt(body.certificate);
    expect(claims.iss).toBe(`${ISSUER}/t/demo`);
    expect(claims.exp).toBe(Date.parse('2026-11-25T00:00:00+08:00') / 1000 + 2 * 3600);
    const keys = await t.jwks();
    await expect(
      jwtVerify(body.certificate, keys, { currentDate: new Date((claims.exp! + 1) * 1000) }),
    ).rejects.toBeInstanceOf(errors.JWTExpired);
  });

  it('reject a tampered payload and a token of another type', async () => {
    const t = await setup();
    const { body } = await t.book();
    const keys = await t.jwks();
    const options = {
      issuer: `${ISSUER}/t/demo`,
      typ: 'pakta+jwt',
      algorithms: ['ES256'],
      currentDate: new Date(MONDAY_9),
    };
    await expect(jwtVerify(body.certificate, keys, options)).resolves.toBeDefined();

    const [h, p, s] = body.certificate.split('.');
    const forged = JSON.parse(Buffer.from(p, 'base64url').toString());
    forged.ticket.no = 'INF-999';
    const tampered = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${s}`;
    await expect(jwtVerify(tampered, keys, options)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);

    const { status } = decodeJwt(body.certificate) as { status: { uri: string } };
    const statusList = await (await t.request(new URL(status.uri).pathname)).text();
    await expect(jwtVerify(statusList, keys, options)).rejects.toBeInstanceOf(errors.JWTClaimValidationFailed);
  });

  it('keep verifying after key rotation, while new ones carry the new kid', async () => {
    const t = await setup();
    const old = (await t.book()).body.certificate;
    const oldKid = JSON.parse(Buffer.from(old.split('.')[0], 'base64url').toString()).kid;
    const newKid = await KeyRing.rotate(t.store as SqliteStore, MONDAY_9 + 1000);
    (t.store as SqliteStore).close();
    const again = await setup(MONDAY_9 + 2000, join(t.dir, 'db.sqlite'));
    const fresh = (await again.book()).body.certificate;
    expect(JSON.parse(Buffer.from(fresh.split('.')[0], 'base64url').toString()).kid).toBe(newKid);
    const keys = await again.jwks();
    await expect(jwtVerify(old, keys, { currentDate: new Date(MONDAY_9 + 5000) })).resolves.toBeDefined();
    await expect(jwtVerify(fresh, keys, { currentDate: new Date(MONDAY_9 + 5000) })).resolves.toBeDefined();
    // Once every certificate the old key signed has expired, the old key leaves the key set.
    again.clock.now = MONDAY_9 + 30 * 86_400_000;
    const later = (await again.json('/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
    expect(later).toEqual([newKid]);
    expect(later).not.toContain(oldKid);
  });

  it('are never signed by an unknown key: a self-made token fails against the served set', async () => {
    const t = await setup();
    const { privateKey } = await import('jose').then((j) => j.generateKeyPair('ES256'));
    const fake = await new SignJWT({ ticket: { no: 'INF-001' } })
      .setProtectedHeader({ alg: 'ES256', typ: 'pakta+jwt', kid: 'x' })
      .sign(privateKey);
    await expect(jwtVerify(fake, await t.jwks())).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
  });
});

/** A booking as the app hands it to the store: the 09:00 counter of general information on the Tuesday. */
const storeInput = (t: Awaited<ReturnType<typeof setup>>, id: string, citizenKey: string, phone: string) => ({
  id,
  tenant: 'demo',
  service: 'informasi-umum',
  agency: 'dpmptsp',
  channel: 'counter',
  date: '2026-11-24',
  slot: '09:00',
  ticketPrefix: 'INF',
  ticketBlock: { first: 1, last: 15, lastOfServiceDay: 15 },
  quota: 15,
  citizenKey,
  holderName: 'Budi Santoso',
  phone,
  pact: { version: t.pact.version, hash: t.pact.hash, language: 'id' as const, at: 1 },
  createdAt: MONDAY_9,
});

describe('crash between allocation and signing', () => {
  it('keeps the allocated booking, and a retry with the same key completes it instead of booking twice', async () => {
    const t = await setup();
    const store = t.store as SqliteStore;
    const input = storeInput(t, 'bk_crashcrashcrashcrash', 'tel:x', '+6281234567890');
    await expect(
      store.book(preparedAttempt(input, { key: 'retry-key-1', requestHash: 'h' }), () =>
        Promise.reject(new Error('power cut')),
      ),
    ).rejects.toThrow('power cut');
    expect((await store.get(input.id))?.certificate).toBeNull();
    const replay = await store.book(
      preparedAttempt({ ...input, id: 'bk_anotheranotheranother' }, { key: 'retry-key-1', requestHash: 'h' }),
      async () => 'signed',
    );
    expect(replay).toMatchObject({
      kind: 'replayed',
      booking: { id: input.id, ticket: 'INF-001', certificate: 'signed' },
    });
    expect(await store.get('bk_anotheranotheranother')).toBeUndefined();
  });

  it('signs inside the transaction when the signer answers at once: booking and certificate commit together or not at all', async () => {
    const t = await setup();
    const store = t.store as SqliteStore;
    const input = storeInput(t, 'bk_syncsyncsyncsyncsync', 'tel:z', '+6281234567892');
    let inTransaction: boolean | undefined;
    const failing = () => {
      inTransaction = store.db.inTransaction;
      throw new Error('signer failed');
    };
    await expect(store.book(preparedAttempt(input, { key: 'sync-key-1', requestHash: 'h' }), failing)).rejects.toThrow(
      'signer failed',
    );
    // It ran inside the transaction, and the failure left neither booking nor key behind.
    expect(inTransaction).toBe(true);
    expect(await store.get(input.id)).toBeUndefined();
    expect(store.db.prepare("SELECT count(*) FROM idempotency_keys WHERE key = 'sync-key-1'").pluck().get()).toBe(0);
    const booked = await store.book(
      preparedAttempt(input, { key: 'sync-key-1', requestHash: 'h' }),
      () => 'signed-at-once',
    );
    expect(booked).toMatchObject({
      kind: 'created',
      booking: { id: input.id, ticket: 'INF-001', certificate: 'signed-at-once' },
    });
    expect(await store.pendingCertificates()).toEqual([]);
  });

  it('commits bookings that arrive together in one group, and a failure in the group takes back only its own writes', async () => {
    const t = await setup();
    const store = t.store as SqliteStore;
    const inputs = ['bk_groupgroupgroupgroup1', 'bk_groupgroupgroupgroup2', 'bk_groupgroupgroupgroup3'].map((id, i) =>
      storeInput(t, id, `tel:group${i}`, `+62812345678${i}0`),
    );
    const outside = new Database(store.db.name, { readonly: true });
    const seen: unknown[] = [];
    const signer = (fail: boolean) => (b: { id: string }) => {
      // Bookings as this transaction sees them, and as committed (another connection).
      seen.push([
        store.db.prepare('SELECT count(*) FROM bookings').pluck().get(),
        outside.prepare('SELECT count(*) FROM bookings').pluck().get(),
      ]);
      if (fail) throw new Error(`cannot sign ${b.id}`);
      return `signed ${b.id}`;
    };
    const outcomes = await Promise.allSettled(
      inputs.map((input, i) =>
        store.book(preparedAttempt(input, { key: `group-key-${i}`, requestHash: 'h' }), signer(i === 1)),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.kind : String(o.reason)))).toEqual([
      'created',
      'Error: cannot sign bk_groupgroupgroupgroup2',
      'created',
    ]);
    // Each signer saw the group's earlier writes (not the failed one's), none of them committed yet: one commit.
    expect(seen).toEqual([
      [0, 0],
      [1, 0],
      [1, 0],
    ]);
    expect(outside.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(2);
    outside.close();
    expect(await store.get('bk_groupgroupgroupgroup2')).toBeUndefined();
    expect(store.db.prepare('SELECT ticket FROM bookings ORDER BY ticket').pluck().all()).toEqual([
      'INF-001',
      'INF-002',
    ]);
    expect(store.db.prepare("SELECT count(*) FROM idempotency_keys WHERE key = 'group-key-1'").pluck().get()).toBe(0);
  });

  it('answers each booking of a group as it ended up, even when the disk fills up in the middle of the group', async () => {
    const t = await setup();
    const store = t.store as SqliteStore;
    // No page beyond those the file has: a booking whose row needs a new page fails with SQLITE_FULL, which may
    // roll back the whole transaction rather than the booking's savepoint.
    store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true })}`);
    const inputs = [10, 4000, 10].map((size, i) => ({
      ...storeInput(t, `bk_fullfullfullfullful${i}`, `tel:full${i}`, `+62812345679${i}0`),
      holderName: 'B'.repeat(size),
    }));
    const outcomes = await Promise.allSettled(
      inputs.map((input, i) =>
        store.book(preparedAttempt(input, { key: `full-key-${i}`, requestHash: 'h' }), () => 'signed'),
      ),
    );
    expect(outcomes.some((o) => o.status === 'rejected' && /full/i.test(String(o.reason)))).toBe(true);
    // Whatever SQLite took back: a booking is stored exactly when its caller was told it was created.
    for (const [i, o] of outcomes.entries()) {
      expect(await store.get(inputs[i]!.id), `booking ${i}`).toEqual(
        o.status === 'fulfilled' ? expect.objectContaining({ id: inputs[i]!.id }) : undefined,
      );
    }
  });

  it('signs pending certificates when the server starts again', async () => {
    const t = await setup();
    const store = t.store as SqliteStore;
    await store
      .book(
        preparedAttempt(
          {
            id: 'bk_pendingpendingpending',
            tenant: 'demo',
            service: 'informasi-umum',
            agency: 'dpmptsp',
            channel: 'counter',
            date: '2026-11-24',
            slot: '09:00',
            ticketPrefix: 'INF',
            ticketBlock: { first: 1, last: 15, lastOfServiceDay: 15 },
            quota: 15,
            citizenKey: 'tel:y',
            holderName: 'Siti Aminah',
            phone: '+6281234567891',
            pact: { version: t.pact.version, hash: t.pact.hash, language: 'id', at: 1 },
            createdAt: MONDAY_9,
          },
          undefined,
        ),
        () => Promise.reject(new Error('killed')),
      )
      .catch(() => undefined);
    store.close();
    const again = await setup(MONDAY_9, join(t.dir, 'db.sqlite'));
    const booking = await again.store.get('bk_pendingpendingpending');
    const { payload } = await jwtVerify(booking!.certificate!, await again.jwks(), { currentDate: new Date(MONDAY_9) });
    expect(payload).toMatchObject({ sub: 'bk_pendingpendingpending', holder: { name: 'S*** A*****' } });
  });
});

describe('request bodies', () => {
  const post = (
    t: Awaited<ReturnType<typeof setup>>,
    body: NonNullable<RequestInit['body']>,
    type = 'application/json',
  ) => t.json('/v1/tenants/demo/bookings', { method: 'POST', headers: { 'content-type': type }, body });

  it('refuses what is not UTF-8 JSON, too large or of another type, and writes nothing', async () => {
    const t = await setup();
    expect((await post(t, '{"service":')).body.code).toBe('malformed_json');
    expect((await post(t, new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).body.code).toBe('malformed_json');
    expect((await post(t, 'a=1', 'application/x-www-form-urlencoded')).body.code).toBe('unsupported_media_type');
    const big = await post(t, JSON.stringify({ pad: 'x'.repeat(40_000) }));
    expect([big.status, big.body.code]).toEqual([413, 'payload_too_large']);
    expect(t.rows()).toBe(0);
  });

  it('lists each invalid field, in the request’s language', async () => {
    const t = await setup();
    const id = await t.book({ citizen: { name: '<script>alert(1)</script>', phone: 42 } });
    const en = await t.book(
      { citizen: { name: "Robert'); DROP TABLE bookings;--", phone: '0812' } },
      { 'accept-language': 'en' },
    );
    expect(id.status).toBe(400);
    expect(id.body.code).toBe('validation_failed');
    expect(id.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['citizen.name', 'citizen.phone']);
    expect(en.body.detail).toMatch(/missing or invalid/);
    expect(id.body.detail).toMatch(/belum lengkap/);
    expect(t.rows()).toBe(0);
  });
});

describe('retention', () => {
  it('erases name, phone and citizen hash 30 days after the booking date, keeping the anonymous record', async () => {
    const t = await setup();
    const { body } = await t.book({}, { 'idempotency-key': 'retention-attempt-1' });
    const db = (t.store as SqliteStore).db;
    expect(db.prepare('SELECT count(*) FROM idempotency_keys').pluck().get()).toBe(1);
    const personal = () =>
      db
        .prepare('SELECT holder_name, phone, citizen_key, ticket, status FROM bookings WHERE id = ?')
        .get(body.booking.id);
    t.clock.now = Date.parse('2026-12-24T12:00:00+08:00');
    expect(await purgeExpiredPersonalData(t.deps)).toBe(0);
    t.clock.now = Date.parse('2026-12-25T00:00:00+08:00');
    expect(await purgeExpiredPersonalData(t.deps)).toBe(1);
    expect(personal()).toEqual({
      holder_name: null,
      phone: null,
      citizen_key: null,
      ticket: body.booking.ticket,
      status: 'active',
    });
    expect(db.prepare('SELECT count(*) FROM idempotency_keys').pluck().get()).toBe(0);
  });
});

describe('rate limits', () => {
  it('refuse a client address past 60 attempts a minute with Retry-After, then let it in again', async () => {
    const t = await setup(MONDAY_9, undefined, true);
    const from = (ip: string) => ({ 'x-forwarded-for': `${ip}, 10.0.0.1` });
    for (let i = 0; i < 60; i++)
      expect((await t.book({ slot: '10:00', date: '2026-11-25' }, from('203.0.113.7'))).status).not.toBe(429);
    const refused = await t.book({}, from('203.0.113.7'));
    expect([refused.status, refused.body.code, refused.headers.get('retry-after')]).toEqual([
      429,
      'rate_limited',
      '60',
    ]);
    expect(refused.body.detail).toContain('60');
    expect((await t.book({}, from('203.0.113.8'))).status).toBe(201);
    t.clock.now += 60_000;
    expect((await t.book({}, from('203.0.113.7'))).status).toBe(201);
  });

  it('refuse one citizen past 6 attempts in 10 minutes, whatever address they come from', async () => {
    const t = await setup(MONDAY_9, undefined, true);
    const citizen = { name: 'Budi Santoso', phone: '0812-1111-2222' };
    const codes = [];
    for (let i = 0; i < 7; i++)
      codes.push((await t.book({ citizen }, { 'x-forwarded-for': `198.51.100.${i}` })).body.code);
    expect(codes.slice(1, 6)).toEqual(Array(5).fill('already_booked'));
    expect(codes[6]).toBe('rate_limited');
  });
});

describe('proof of work on rush services', () => {
  const solve = async (t: Awaited<ReturnType<typeof setup>>) => {
    const challenge = (await t.json('/v1/tenants/demo/challenge')).body;
    const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber)
      .promise;
    return btoa(JSON.stringify({ ...challenge, number: solution!.number }));
  };
  const withNik = (proof?: string) => ({
    service: 'paspor-baru',
    citizen: {
      name: 'Made Wirawan',
      phone: `0813${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      nik: '5103011203900001',
    },
    ...(proof ? { proof } : {}),
  });

  it('requires a solved, unspent challenge; a retry of the same attempt may present it again', async () => {
    const t = await setup();
    expect((await t.book(withNik())).body.code).toBe('proof_required');
    expect((await t.book(withNik(btoa('{"nope":1}')))).body.code).toBe('proof_invalid');
    const proof = await solve(t);
    const forged = btoa(JSON.stringify({ ...JSON.parse(atob(proof)), number: JSON.parse(atob(proof)).number + 1 }));
    expect((await t.book(withNik(forged))).body.code).toBe('proof_invalid');

    const body = withNik(proof);
    const first = await t.book(body, { 'idempotency-key': 'pow-attempt-1' });
    expect(first.status).toBe(201);
    const retry = await t.book(body, { 'idempotency-key': 'pow-attempt-1' });
    expect(retry.body.booking.id).toBe(first.body.booking.id);
    const other = await t.book(
      { ...withNik(proof), citizen: { ...withNik().citizen, nik: '5103011203900002' } },
      { 'idempotency-key': 'pow-attempt-2' },
    );
    expect(other.body.code).toBe('proof_reused');
  });

  it('spends a challenge once even when two attempts race with it', async () => {
    const t = await setup();
    const proof = await solve(t);
    const results = await Promise.all(
      ['5103011203900003', '5103011203900004', '5103011203900005'].map((nik, i) =>
        t.book(
          { ...withNik(proof), citizen: { ...withNik().citizen, nik } },
          { 'idempotency-key': `race-${i}-attempt` },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.body.code === 'proof_reused')).toHaveLength(2);
  });

  it('refuses an expired challenge', async () => {
    const t = await setup();
    const proof = await solve(t);
    t.clock.now += 11 * 60_000;
    expect((await t.book(withNik(proof))).body.code).toBe('proof_invalid');
  });

  it('does not spend the proof of a citizen refused for a full slot: it books another slot', async () => {
    const t = await setup();
    const store = t.store as SqliteStore;
    // The 09:00 counter of paspor-baru filled by others (20 places), straight through the store.
    for (let i = 0; i < 20; i++) {
      const input = storeInput(
        t,
        `bk_passportpassport${String(i).padStart(3, '0')}`,
        `tel:passport${i}`,
        `+628123456${String(i).padStart(4, '0')}`,
      );
      await store.book(
        preparedAttempt(
          {
            ...input,
            service: 'paspor-baru',
            agency: 'imigrasi',
            ticketPrefix: 'PAS',
            quota: 20,
            ticketBlock: { first: 1, last: 20, lastOfServiceDay: 20 },
          },
          undefined,
        ),
        () => 'signed',
      );
    }
    const proof = await solve(t);
    const refused = await t.book(withNik(proof), { 'idempotency-key': 'pow-full-slot-1' });
    expect([refused.status, refused.body.code]).toEqual([409, 'quota_exhausted']);
    const elsewhere = await t.book({ ...withNik(proof), slot: '10:00' }, { 'idempotency-key': 'pow-full-slot-2' });
    expect(elsewhere.status).toBe(201);
  });

  it('forgets spent challenges in housekeeping a day after they expired, not before', async () => {
    const t = await setup();
    const first = await t.book(withNik(await solve(t)), { 'idempotency-key': 'pow-forget-1' });
    expect(first.status).toBe(201);
    const spent = () => (t.store as SqliteStore).db.prepare('SELECT count(*) FROM spent_challenges').pluck().get();
    expect(spent()).toBe(1);
    // Expired ten minutes after it was made; kept a day longer for clocks that disagree.
    t.clock.now += 10 * 60_000 + 86_400_000 - 60_000;
    await housekeeping(t.deps);
    expect(spent()).toBe(1);
    t.clock.now += 2 * 60_000;
    await housekeeping(t.deps);
    expect(spent()).toBe(0);
  });
});

describe('compression on Node', () => {
  it('gzips the tenant catalogue for clients that accept it, and leaves it plain for those that do not', async () => {
    const t = await setup();
    const gz = await t.request('/v1/tenants/demo', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const plain = await t.request('/v1/tenants/demo');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(
      (await t.request('/v1/tenants/demo', { headers: { 'accept-encoding': '*' } })).headers.get('content-encoding'),
    ).toBe('gzip');
    // Either way a cache must keep the two apart.
    for (const res of [gz, plain]) expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
    const { gunzipSync } = await import('node:zlib');
    const unzipped = gunzipSync(Buffer.from(await gz.arrayBuffer())).toString();
    expect(JSON.parse(unzipped)).toEqual(await plain.json());
    expect(Number(unzipped.length)).toBeGreaterThan(20_000);
  });
});
