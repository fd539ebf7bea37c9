/**
 * Crash safety of the Node runtime: the server runs as a child process, takes a rush of 400 bookings for a
 * service-day with quota 200 (8 slots of 25), and is killed with SIGKILL after the first answers. Restarted on
 * the same database it must hold every booking a client was told about, with a certificate that verifies; no
 * number twice; no slot over quota; and a client that got no answer and retries with its Idempotency-Key gets
 * its original booking if it was committed, else a fresh answer — never a second booking.
 */

import { request as httpRequest } from 'node:http';
import Database from 'better-sqlite3';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../support/child-server.js';
import { dateIn, getJson } from '../support/client.js';

const TENANT = 'contract';
const SERVICE = 'rush-200';
const QUOTA_PER_SLOT = 25;
/** rush-200: 180-minute slots over 00:00–24:00. */
const SLOTS = ['00:00', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00'];
const CLIENTS = 400;

/**
 * When to kill. Refusals are answered first (no signature to wait for): after the first 60 answers the quota is
 * usually committed with its certificates not yet signed; after the first 10 created bookings it is usually
 * committed and signed but mostly unanswered. Both states must recover.
 */
const ROUNDS = [
  {
    when: 'after the first 60 answers',
    days: 1,
    kill: (answers: number, _created: number) => answers === 60,
    someCreated: false,
  },
  {
    when: 'after the first 10 created bookings',
    days: 2,
    kill: (_answers: number, created: number) => created === 10,
    someCreated: true,
  },
];

interface Answer {
  status: number;
  body: any;
}

/** A POST on its own connection; rejects when the connection dies before a complete answer. */
function post(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('error', reject);
        res.on('close', () => {
          if (!res.complete) return reject(new Error('answer cut off'));
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (e) {
            reject(e as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Client {
  key: string;
  phone: string;
  slot: string;
  body: string;
  first?: Answer;
  retry?: Answer;
}

interface BookingRow {
  id: string;
  slot: string;
  ticket: string;
  ticket_seq: number;
  status: string;
  phone: string;
  certificate: string | null;
}

describe.each(ROUNDS)('SIGKILL in the middle of a rush, $when', ({ days, kill, someCreated }) => {
  let base: string;
  let server: ChildServer | undefined;
  let clients: Client[];
  /** Idempotency key → booking id, as committed when the server died. */
  let committed: Map<string, string>;
  let keys: JWTVerifyGetKey;

  const rows = () => {
    const db = new Database(server!.dbPath, { readonly: true, fileMustExist: true });
    try {
      return {
        bookings: db
          .prepare('SELECT id, slot, ticket, ticket_seq, status, phone, certificate FROM bookings')
          .all() as BookingRow[],
        keys: db.prepare('SELECT key, booking_id FROM idempotency_keys WHERE tenant = ?').all(TENANT) as {
          key: string;
          booking_id: string;
        }[],
      };
    } finally {
      db.close();
    }
  };
  const verify = (certificate: string) =>
    jwtVerify(certificate, keys, { issuer: `${base}/t/${TENANT}`, typ: 'pakta+jwt', algorithms: ['ES256'] });

  beforeAll(async () => {
    server = await startChildServer({ prefix: 'pakta-crash-' });
    base = server.url;

    const pact = (await getJson(`${base}/v1/tenants/${TENANT}`)).body.pact;
    const date = dateIn('Asia/Jayapura', days);
    const run = crypto.randomUUID().slice(0, 8);
    clients = Array.from({ length: CLIENTS }, (_, i) => {
      const phone = `0813${String(7_000_000 + i).padStart(8, '0')}`;
      const slot = SLOTS[i % SLOTS.length]!;
      const body = JSON.stringify({
        service: SERVICE,
        channel: 'counter',
        date,
        slot,
        citizen: { name: 'Budi Santoso', phone },
        pact: { version: pact.version, hash: pact.hash, accepted: true, locale: pact.lang },
      });
      return { key: `crash-${run}-${String(i).padStart(4, '0')}`, phone, slot, body };
    });

    // The rush, and the kill once the first answers are in.
    const victim = server;
    let [answers, created] = [0, 0];
    await Promise.allSettled(
      clients.map(async (c) => {
        c.first = await post(`${base}/v1/tenants/${TENANT}/bookings`, c.body, { 'idempotency-key': c.key });
        answers += 1;
        if (c.first.status === 201) created += 1;
        if (kill(answers, created)) void victim.kill('SIGKILL');
      }),
    );
    await victim.kill('SIGKILL');

    committed = new Map(rows().keys.map((r) => [r.key, r.booking_id]));
    await victim.restart();
    keys = createRemoteJWKSet(new URL(`${base}/t/${TENANT}/.well-known/jwks.json`));
  }, 120_000);

  afterAll(() => server?.close());

  it('was killed in the middle: some clients were answered, others were cut off', () => {
    const answered = clients.filter((c) => c.first);
    expect(answered.length).toBeGreaterThanOrEqual(10);
    expect(answered.length).toBeLessThan(CLIENTS);
    for (const c of answered) {
      expect([201, 409]).toContain(c.first!.status);
      if (c.first!.status === 409) expect(c.first!.body.code).toBe('quota_exhausted');
    }
  });

  it('holds every booking a client received, with the certificate it received, which verifies after the restart', async () => {
    const byId = new Map(rows().bookings.map((b) => [b.id, b]));
    const created = clients.filter((c) => c.first?.status === 201);
    if (someCreated) expect(created.length).toBeGreaterThanOrEqual(10);
    for (const c of created) {
      const { booking, certificate } = c.first!.body;
      const row = byId.get(booking.id);
      expect(row, `booking ${booking.id} of ${c.key}`).toBeDefined();
      expect(committed.get(c.key)).toBe(booking.id);
      expect(row!.ticket).toBe(booking.ticket);
      expect(row!.certificate).toBe(certificate);
      const { payload } = await verify(certificate);
      expect(payload).toMatchObject({
        sub: booking.id,
        ticket: { no: booking.ticket, slot: c.slot, service: SERVICE },
      });
    }
    // A refused client holds nothing.
    for (const c of clients.filter((c) => c.first?.status === 409)) expect(committed.has(c.key)).toBe(false);
  });

  it('signs, on restart, what the crash left unsigned: every stored certificate verifies', async () => {
    const { bookings } = rows();
    expect(bookings.filter((b) => b.certificate === null)).toEqual([]);
    for (const b of bookings) {
      const { payload } = await verify(b.certificate!);
      expect(payload).toMatchObject({ sub: b.id, ticket: { no: b.ticket, slot: b.slot } });
    }
  });

  it('gives a retrying client its original booking if it was committed, never a second one', async () => {
    const before = new Set(rows().bookings.map((b) => b.id));
    // Everyone retries with the same key and body: the cut-off clients because they must, the answered ones to
    // show that the restart kept their idempotency record too.
    await Promise.all(
      clients.map(
        async (c) =>
          (c.retry = await post(`${base}/v1/tenants/${TENANT}/bookings`, c.body, { 'idempotency-key': c.key })),
      ),
    );
    const cutOff = clients.filter((c) => !c.first);
    expect(cutOff.length).toBeGreaterThan(0);
    for (const c of clients) {
      const retry = c.retry!;
      const original = committed.get(c.key);
      if (original) {
        expect([retry.status, retry.body.booking?.id], c.key).toEqual([201, original]);
        if (c.first?.status === 201) expect(retry.body.certificate).toBe(c.first.body.certificate);
      } else if (c.first?.status === 409) {
        expect([retry.status, retry.body.code], c.key).toEqual([409, 'quota_exhausted']);
      } else {
        // Never reached the database: booked now, or the slot filled meanwhile.
        expect([201, 409], c.key).toContain(retry.status);
        if (retry.status === 201) expect(before.has(retry.body.booking.id)).toBe(false);
        else expect(retry.body.code).toBe('quota_exhausted');
      }
      if (retry.status === 201) {
        const { payload } = await verify(retry.body.certificate);
        expect(payload.sub).toBe(retry.body.booking.id);
      }
    }
  });

  it('keeps one booking per key and per citizen, distinct numbers, and no slot over its quota', () => {
    const { bookings, keys: keyRows } = rows();
    const ours = new Set(clients.map((c) => c.key));
    expect(keyRows.every((k) => ours.has(k.key))).toBe(true);
    // Every booking came with a key, and each key points at its own booking.
    expect(keyRows).toHaveLength(bookings.length);
    expect(new Set(keyRows.map((k) => k.booking_id)).size).toBe(bookings.length);
    expect(new Set(bookings.map((b) => b.id))).toEqual(new Set(keyRows.map((k) => k.booking_id)));
    // One citizen, one booking.
    expect(new Set(bookings.map((b) => b.phone)).size).toBe(bookings.length);
    // What the clients were finally told matches the database exactly.
    const told = clients.filter((c) => c.retry!.status === 201).map((c) => c.retry!.body.booking.id as string);
    expect(new Set(told)).toEqual(new Set(bookings.map((b) => b.id)));
    // Numbers.
    expect(new Set(bookings.map((b) => b.ticket)).size).toBe(bookings.length);
    expect(new Set(bookings.map((b) => b.ticket_seq)).size).toBe(bookings.length);
    // Quota.
    expect(bookings.length).toBeLessThanOrEqual(QUOTA_PER_SLOT * SLOTS.length);
    for (const slot of SLOTS) {
      expect(bookings.filter((b) => b.slot === slot && b.status === 'active').length, slot).toBeLessThanOrEqual(
        QUOTA_PER_SLOT,
      );
    }
    // 400 asked for 200 places, 50 per slot: by the end every slot is full.
    expect(bookings.length).toBe(QUOTA_PER_SLOT * SLOTS.length);
  });
});
