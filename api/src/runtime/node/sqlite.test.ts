/**
 * What the SQLite store knows without reading the file: which slots are full and which idempotency keys have
 * booked. Each test makes it wrong in the way it could go wrong (a restart, another connection writing, a purge)
 * and checks that a full slot is still refused and a retry still reaches its booking. Then its SQL against the
 * allocation rule's in-memory reference, and its checkpoints.
 */

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { allocate } from '../../domain/allocation.js';
import { MemoryServiceDay } from '../../domain/memory-service-day.js';
import { ticketBlock } from '../../domain/numbering.js';
import { type NewBooking, preparedAttempt } from '../../store/store.js';
import { SqliteStore } from './sqlite.js';

const open: { close(): void }[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pakta-sqlite-'));
  dirs.push(dir);
  return join(dir, 'db.sqlite');
}

function storeAt(path: string): SqliteStore {
  const store = new SqliteStore(path);
  open.push(store);
  return store;
}

/** A second connection to the same file, as another process would have. */
function otherConnection(path: string): Database.Database {
  const db = new Database(path);
  open.push(db);
  return db;
}

const QUOTA = 2;
const place = { tenant: 'demo', service: 'informasi-umum', channel: 'counter', date: '2026-11-24', slot: '09:00' };
let n = 0;

function input(fields: Partial<NewBooking> = {}): NewBooking {
  n++;
  return {
    ...place,
    id: `bk_storetest${String(n).padStart(12, '0')}`,
    agency: 'dpmptsp',
    ticketPrefix: 'INF',
    ticketBlock: { first: 1, last: QUOTA, lastOfServiceDay: QUOTA },
    quota: QUOTA,
    citizenKey: `tel:${n}`,
    holderName: 'Budi Santoso',
    phone: `+62812000${String(n).padStart(5, '0')}`,
    pact: { version: 'v1', hash: 'a'.repeat(64), language: 'id', at: 1 },
    createdAt: Date.parse('2026-11-23T09:00:00+08:00'),
    ...fields,
  };
}

const book = (store: SqliteStore, key: string | undefined, fields: Partial<NewBooking> = {}) =>
  store.book(preparedAttempt(input(fields), key === undefined ? undefined : { key, requestHash: 'h' }), () => 'signed');

const full = (store: SqliteStore, key?: string) => store.fullSlots.refuses(place, QUOTA, key);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A booking is refused, so the store counts the slot full again; then a new key is refused and `bookedKey` is not. */
async function expectFullButFor(store: SqliteStore, bookedKey: string): Promise<void> {
  expect(await book(store, `key-refused-${n}`)).toEqual({ kind: 'quota_exhausted' });
  expect(await full(store, 'key-new')).toBe(true);
  expect(await full(store, bookedKey)).toBe(false);
}

describe('SQLite store: refusing a full slot without a read', () => {
  it('refuses a full slot to a new key or none, and lets a key that booked there through to its booking', async () => {
    const store = storeAt(file());
    await book(store, 'key-a');
    expect(await full(store, 'key-new')).toBe(false);
    await book(store, 'key-b');
    expect(await full(store, 'key-new')).toBe(true);
    expect(await full(store)).toBe(true);
    expect(await full(store, 'key-a')).toBe(false);
    expect(await book(store, 'key-a')).toMatchObject({ kind: 'replayed' });
    // The same key at another tenant is another key.
    expect(store.fullSlots.refuses({ ...place, tenant: 'other' }, QUOTA, 'key-a')).toBe(false);
  });

  it('answers an attempt for a slot it knows full without preparing it, and prepares one it cannot refuse', async () => {
    const store = storeAt(file());
    await book(store, 'key-a');
    await book(store, 'key-b');
    const prepared: string[] = [];
    const attempt = (key: string) => {
      const ready = preparedAttempt(input(), { key, requestHash: 'h' });
      return {
        ...ready,
        prepare: () => {
          prepared.push(key);
          return ready.prepare();
        },
      };
    };
    expect(await store.book(attempt('key-new'), () => 'signed')).toEqual({ kind: 'quota_exhausted' });
    expect(await store.book(attempt('key-a'), () => 'signed')).toMatchObject({ kind: 'replayed' });
    // Only the retry of a key that booked was prepared (its citizen hashed, its proof spent): the refusal cost none.
    expect(prepared).toEqual(['key-a']);
  });

  it('after a restart, knows the keys that booked before it, once a booking has counted the slot again', async () => {
    const path = file();
    const before = storeAt(path);
    await book(before, 'key-a');
    await book(before, 'key-b');
    before.close();
    const after = storeAt(path);
    expect(await full(after, 'key-new')).toBe(false); // nothing counted yet: `book` decides
    await expectFullButFor(after, 'key-b');
  });

  it('frees the slot for a cancellation through the store at once, and through another connection within a moment', async () => {
    const path = file();
    const store = storeAt(path);
    const first = await book(store, 'key-a');
    await book(store, 'key-b');
    expect(await full(store)).toBe(true);
    if (first.kind !== 'created') throw new Error(first.kind);
    await store.cancel(first.booking.id, 1);
    expect(await full(store)).toBe(false);

    expect(await book(store, 'key-c')).toMatchObject({ kind: 'created' });
    expect(await full(store)).toBe(true);
    otherConnection(path)
      .prepare(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = 1 WHERE id = (SELECT booking_id FROM idempotency_keys WHERE key = 'key-b')",
      )
      .run();
    await pause(5);
    expect(await full(store)).toBe(false);
    expect(await book(store, 'key-d')).toMatchObject({ kind: 'created' });
  });

  it('lets through a retry of a key another connection booked, once it has seen that connection commit', async () => {
    const path = file();
    const store = storeAt(path);
    const other = storeAt(path);
    await book(store, 'key-a');
    await book(other, 'key-b'); // fills the slot; `store` still counts one
    await expectFullButFor(store, 'key-b');
  });

  it('finds a key another connection wrote at a rowid its purge freed, before and after reading every key again', async () => {
    const path = file();
    const store = storeAt(path);
    const other = storeAt(path);
    const first = await book(store, 'key-a');
    await book(store, 'key-b');
    await book(other, 'key-old', { date: '2026-10-01' }); // the newest key row, for a long past day
    await store.purgePersonalData('demo', '2026-09-01', 1); // housekeeping that erases nothing: it reads every key again
    // `other` purges the newest key row, frees a place and takes it again: the new key row gets the freed rowid.
    expect(await other.purgePersonalData('demo', '2026-11-01', 1)).toBe(1);
    if (first.kind !== 'created') throw new Error(first.kind);
    await other.cancel(first.booking.id, 1);
    await book(other, 'key-reused-rowid');
    await expectFullButFor(store, 'key-reused-rowid');
    await store.purgePersonalData('demo', '2026-09-01', 1);
    await expectFullButFor(store, 'key-reused-rowid');
  });
});

describe('SQLite store: checkpoints', () => {
  it('copies the log into the database file once bookings pause, not in the commits of a rush', async () => {
    const path = file();
    const store = storeAt(path);
    await pause(400); // the checkpoint of the migrations
    const size = () => statSync(path).size;
    const before = size();
    // One commit each, with large rows: the log passes the 1,000 pages at which SQLite would checkpoint by default.
    for (let i = 0; i < 300; i++) {
      const at = {
        date: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
        slot: `${String(8 + (Math.floor(i / 28) % 8)).padStart(2, '0')}:00`,
      };
      expect(await book(store, `key-${i}`, { ...at, holderName: 'x'.repeat(8000) })).toMatchObject({ kind: 'created' });
    }
    expect(size()).toBe(before);
    await pause(400);
    expect(size()).toBeGreaterThan(before);
  });
});

describe('SQLite store: the allocation rule in its SQL (property)', () => {
  it('answers any mix of attempts and cancellations as the in-memory service-day does, sequence for sequence', async () => {
    const SLOTS = ['08:00', '09:00'];
    const quotaPerSlot = { counter: 2, video: 1 };
    const step = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          slot: fc.constantFrom(...SLOTS),
          channel: fc.constantFrom('counter', 'video'),
          citizen: fc.nat(5),
          key: fc.option(fc.nat(6), { nil: undefined }),
          body: fc.nat(1),
        }),
      },
      { weight: 1, arbitrary: fc.record({ cancel: fc.nat() }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (script) => {
        const store = new SqliteStore(':memory:');
        try {
          const day = new MemoryServiceDay();
          const ids: string[] = [];
          for (const s of script) {
            if ('cancel' in s) {
              const i = s.cancel % Math.max(1, ids.length);
              if (ids[i] === undefined) continue;
              await store.cancel(ids[i]!, 1);
              day.rows[i]!.status = 'cancelled';
              continue;
            }
            const booking = input({
              slot: s.slot,
              channel: s.channel,
              quota: quotaPerSlot[s.channel as 'counter' | 'video'],
              ticketBlock: ticketBlock(SLOTS, quotaPerSlot, s.slot, s.channel)!,
              citizenKey: `tel:${s.citizen}`,
            });
            const key = s.key === undefined ? undefined : { key: `key-${s.key}`, requestHash: `body-${s.body}` };
            const expected = allocate(day.tx(booking, key), booking, key);
            const outcome = await store.book(preparedAttempt(booking, key), () => 'signed');
            if (expected.kind === 'booked') {
              ids.push(booking.id);
              expect(outcome).toMatchObject({
                kind: 'created',
                booking: { sequence: expected.sequence, ticket: expected.ticket },
              });
            } else if (expected.kind === 'replay') {
              expect(outcome).toMatchObject({ kind: 'replayed', booking: { id: ids[expected.held.id] } });
            } else {
              expect(outcome).toEqual({ kind: expected.kind });
            }
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
