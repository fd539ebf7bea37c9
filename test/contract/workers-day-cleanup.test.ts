/**
 * A service-day's Durable Object deletes all its storage once the day is past its keep period (two days after the
 * date in production) and nothing is left to sync to D1 — not before, and not while D1 still lacks something.
 * D1 keeps the booking, and a cancellation arriving after the deletion still cancels it there. The test entry
 * lets a future day expire within seconds (`/__keep`) and shows what the object stores (`/__day`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, dateIn, getJson, type Pact, postBooking } from '../support/client.js';
import { eventually, type FaultsTarget, startFaultsTarget, TENANT } from '../support/faults-target.js';
import type { StoredDay } from './stored-day.js';

const SERVICE = 'general';
const ZONE = 'Asia/Jayapura';

let f: FaultsTarget;
let base: string;
let pact: Pact;

beforeAll(async () => {
  f = await startFaultsTarget();
  ({ base, pact } = f);
}, 120_000);
afterAll(() => f?.target.close());

/** Makes `date` expire at `at` (the keep period counts from the date's midnight UTC). */
const expireAt = (date: string, at: number) =>
  fetch(`${base}/__keep?ms=${at - Date.parse(`${date}T00:00:00Z`)}`, { method: 'POST' });
const stored = async (date: string) =>
  (await getJson<StoredDay>(`${base}/__day?tenant=${TENANT}&service=${SERVICE}&date=${date}`)).body;
const failNextWrites = (writes: number) => f.failNextWrites(writes);
const d1 = (sql: string) => f.d1(sql);
const remaining = (date: string, slot: string) => f.remaining(date, slot, SERVICE);

async function book(date: string, slot: string) {
  const r = await postBooking(base, TENANT, bookingBody(pact, { service: SERVICE, date, slot }));
  expect(r.status).toBe(201);
  return {
    id: r.body.booking.id as string,
    ticket: r.body.booking.ticket as string,
    auth: { authorization: `Bearer ${r.body.manageToken}` },
  };
}
const cancel = (b: { id: string; auth: Record<string, string> }) =>
  getJson(`${base}/v1/bookings/${b.id}/cancel`, { method: 'POST', headers: b.auth });
const inD1 = (id: string) => d1(`SELECT ticket, status FROM bookings WHERE id = '${id}'`);
const EMPTY: Omit<StoredDay, 'faultsLeft'> = { tables: [], places: [], alarm: null };

// Injected failures outlive a test that stops early; the next one must not inherit them.
afterEach(() => failNextWrites(0));

describe('a day object past its keep period', () => {
  it('keeps its storage until the keep period is over, then deletes all of it; D1 keeps the booking', async () => {
    const date = dateIn(ZONE, 2);
    const expires = Date.now() + 3000;
    await expireAt(date, expires);
    const booking = await book(date, '09:00');
    // The first alarm finds everything in D1 but the day not over, and sleeps until it is: as long as that alarm
    // is pending, the day must still be stored.
    const kept = await eventually(async () => {
      const day = await stored(date);
      return day.alarm === expires ? day : undefined;
    });
    expect(kept.places).toEqual([{ id: booking.id, state: 'recorded', status: 'active', needs_sync: 0 }]);

    const gone = await eventually(async () => {
      const day = await stored(date);
      return day.tables.length === 0 ? day : undefined;
    });
    expect(Date.now()).toBeGreaterThanOrEqual(expires);
    expect(gone).toMatchObject(EMPTY);
    expect(await inD1(booking.id)).toEqual([{ ticket: booking.ticket, status: 'active' }]);
  });

  it('does not delete while a cancellation has not reached D1, and deletes once the alarm has applied it', async () => {
    const date = dateIn(ZONE, 3);
    const booking = await book(date, '10:00');
    await expireAt(date, Date.now() - 1);
    const refusals = 5;
    await failNextWrites(refusals);
    expect((await cancel(booking)).status).toBe(500);
    // Wait for at least two alarms refused by D1 after the day expired; the place must still be stored then.
    const unsynced = await eventually(async () => {
      const day = await stored(date);
      return day.faultsLeft <= refusals - 3 ? day : undefined;
    });
    expect(unsynced.places).toEqual([{ id: booking.id, state: 'recorded', status: 'cancelled', needs_sync: 1 }]);
    expect(await inD1(booking.id)).toEqual([{ ticket: booking.ticket, status: 'active' }]);

    await failNextWrites(0);
    const gone = await eventually(async () => {
      const day = await stored(date);
      return day.tables.length === 0 ? day : undefined;
    });
    expect(gone).toMatchObject(EMPTY);
    expect(await inD1(booking.id)).toEqual([{ ticket: booking.ticket, status: 'cancelled' }]);
  });

  it('a cancellation after the deletion still cancels the booking in D1, and leaves the object empty', async () => {
    const date = dateIn(ZONE, 4);
    await expireAt(date, Date.now() - 1);
    const booking = await book(date, '11:00');
    await eventually(async () => ((await stored(date)).tables.length === 0 ? true : undefined));
    expect(await remaining(date, '11:00')).toBe(4);

    const late = await cancel(booking);
    expect([late.status, late.body.booking?.status]).toEqual([200, 'cancelled']);
    expect(await inD1(booking.id)).toEqual([{ ticket: booking.ticket, status: 'cancelled' }]);
    expect(await remaining(date, '11:00')).toBe(5);
    expect(await stored(date)).toMatchObject(EMPTY);
    const again = await cancel(booking);
    expect([again.status, again.body.code]).toEqual([409, 'already_cancelled']);
  });
});
