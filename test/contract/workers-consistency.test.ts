/**
 * When D1 fails after a service-day's Durable Object has allocated a number, nothing is lost and nothing is
 * counted twice: a keyed retry completes the booking with its number, an unkeyed failure frees its place without
 * reusing the number, the alarm finishes what no retry does, and a cancellation reaches D1 in the end. And a
 * proof-of-work challenge, spent in D1, buys one booking whichever isolate answers.
 */

import { solveChallenge } from 'altcha-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, dateIn, getJson, type Pact, postBooking, uniquePhone } from '../support/client.js';
import { eventually, type FaultsTarget, startFaultsTarget, TENANT } from '../support/faults-target.js';

const ZONE = 'Asia/Jayapura';

let f: FaultsTarget;
let base: string;
let pact: Pact;
let dayOffset = 2;
/** A service-day of its own per test: a fresh Durable Object that has issued no number yet. */
const freshDate = () => dateIn(ZONE, dayOffset++);

beforeAll(async () => {
  f = await startFaultsTarget();
  ({ base, pact } = f);
}, 120_000);
afterAll(() => f?.target.close());

const failNextWrites = (writes: number, when?: 'before' | 'after') => f.failNextWrites(writes, when);
const remaining = (date: string, slot: string) => f.remaining(date, slot);
const d1 = (sql: string) => f.d1(sql);

describe('D1 fails after the Durable Object allocated', () => {
  it('a retry with the same Idempotency-Key completes the booking with the number it was given', async () => {
    const date = freshDate();
    const body = JSON.stringify(bookingBody(pact, { service: 'general', date, slot: '09:00' }));
    const key = { 'idempotency-key': `retry-${crypto.randomUUID()}` };
    await failNextWrites(1);
    const failed = await postBooking(base, TENANT, body, key);
    expect([failed.status, failed.body.code]).toEqual([500, 'internal']);
    const retried = await postBooking(base, TENANT, body, key);
    expect(retried.status).toBe(201);
    // 09:00 is the tenth slot of a day open from midnight, 7 places each (5 counter, 2 video): counter 064–068.
    expect(retried.body.booking.ticket).toBe('GEN-064');
    expect(retried.body.certificate).toEqual(expect.any(String));
    const next = await postBooking(base, TENANT, bookingBody(pact, { service: 'general', date, slot: '09:00' }));
    expect(next.body.booking.ticket).toBe('GEN-065');
    expect(await remaining(date, '09:00')).toBe(3);
  });

  it('an unkeyed failure frees the place at once and its number is never given to anyone', async () => {
    const date = freshDate();
    const phone = uniquePhone();
    await failNextWrites(1);
    const failed = await postBooking(
      base,
      TENANT,
      bookingBody(pact, { service: 'general', date, slot: '09:00', phone }),
    );
    expect(failed.status).toBe(500);
    // The same citizen may book again (the failed place no longer holds them), and gets the next number.
    const again = await postBooking(
      base,
      TENANT,
      bookingBody(pact, { service: 'general', date, slot: '09:00', phone }),
    );
    expect(again.status).toBe(201);
    expect(again.body.booking.ticket).toBe('GEN-065');
    expect(await remaining(date, '09:00')).toBe(4);
  });

  it('when D1 wrote but the answer was lost, the alarm removes the unkeyed row nobody received', async () => {
    const date = freshDate();
    await failNextWrites(1, 'after');
    const failed = await postBooking(base, TENANT, bookingBody(pact, { service: 'general', date, slot: '10:00' }));
    expect(failed.status).toBe(500);
    await eventually(async () => (await remaining(date, '10:00')) === 5);
  });

  it('a keyed booking nobody retries is written to D1 by the alarm, and a late retry still answers it', async () => {
    const date = freshDate();
    const body = JSON.stringify(bookingBody(pact, { service: 'general', date, slot: '11:00' }));
    const key = { 'idempotency-key': `alarm-${crypto.randomUUID()}` };
    await failNextWrites(1);
    expect((await postBooking(base, TENANT, body, key)).status).toBe(500);
    await eventually(async () => (await remaining(date, '11:00')) === 4);
    const late = await postBooking(base, TENANT, body, key);
    // 11:00 is the twelfth slot: counter 078–082.
    expect([late.status, late.body.booking.ticket]).toEqual([201, 'GEN-078']);
  });

  it('the scheduled job signs the certificate of a booking nobody came back for', async () => {
    const date = freshDate();
    const body = JSON.stringify(bookingBody(pact, { service: 'general', date, slot: '14:00' }));
    const key = { 'idempotency-key': `cron-${crypto.randomUUID()}` };
    await failNextWrites(1);
    expect((await postBooking(base, TENANT, body, key)).status).toBe(500);
    await eventually(async () => (await remaining(date, '14:00')) === 4);
    const unsigned = `SELECT count(*) AS n FROM bookings WHERE date = '${date}' AND certificate IS NULL`;
    expect(await d1(unsigned)).toEqual([{ n: 1 }]);
    expect((await fetch(`${base}/__scheduled`, { method: 'POST' })).status).toBe(204);
    expect(await d1(unsigned)).toEqual([{ n: 0 }]);
    const [{ certificate }] = (await d1(`SELECT certificate FROM bookings WHERE date = '${date}'`)) as [
      { certificate: string },
    ];
    const late = await postBooking(base, TENANT, body, key);
    expect([late.status, late.body.certificate]).toEqual([201, certificate]);
  });

  it('a cancellation D1 refused is applied by a retry, or by the alarm', async () => {
    const date = freshDate();
    const book = async (slot: string) => {
      const r = await postBooking(base, TENANT, bookingBody(pact, { service: 'general', date, slot }));
      expect(r.status).toBe(201);
      return { id: r.body.booking.id as string, auth: { authorization: `Bearer ${r.body.manageToken}` } };
    };
    const cancel = (b: { id: string; auth: Record<string, string> }) =>
      getJson(`${base}/v1/bookings/${b.id}/cancel`, { method: 'POST', headers: b.auth });
    const status = async (b: { id: string; auth: Record<string, string> }) =>
      (await getJson(`${base}/v1/bookings/${b.id}`, { headers: b.auth })).body.booking.status;

    const retried = await book('12:00');
    await failNextWrites(1);
    expect((await cancel(retried)).status).toBe(500);
    const again = await cancel(retried);
    expect([again.status, again.body.booking?.status]).toEqual([200, 'cancelled']);
    expect(await remaining(date, '12:00')).toBe(5);

    const left = await book('13:00');
    await failNextWrites(1);
    expect((await cancel(left)).status).toBe(500);
    await eventually(async () => (await status(left)) === 'cancelled');
    expect(await remaining(date, '13:00')).toBe(5);
  });
});

describe('proof of work', () => {
  it('spends a challenge once for the whole Worker (in D1): the same attempt may retry, another booking may not', async () => {
    const demoPact = (await getJson(`${base}/v1/tenants/demo`)).body.pact;
    const days = (await getJson(`${base}/v1/tenants/demo/availability?service=paspor-baru&days=14`)).body.days;
    const day = days.find(
      (d: { open: boolean; slots: { remaining: { counter: number } }[] }) =>
        d.open && d.slots.some((s) => s.remaining.counter > 1),
    );
    const slot = day.slots.find((s: { remaining: { counter: number } }) => s.remaining.counter > 1).id;
    const challenge = (await getJson(`${base}/v1/tenants/demo/challenge`)).body;
    const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber)
      .promise;
    const proof = btoa(JSON.stringify({ ...challenge, number: solution!.number }));
    const body = (nik: string) => ({
      ...bookingBody(demoPact, { service: 'paspor-baru', date: day.date, slot, nik }),
      proof,
    });
    const first = JSON.stringify(body('5103011203900001'));
    const key = { 'idempotency-key': `pow-${crypto.randomUUID()}` };
    expect((await postBooking(base, 'demo', first, key)).status).toBe(201);
    expect((await postBooking(base, 'demo', first, key)).status).toBe(201);
    const other = await postBooking(base, 'demo', body('5103011203900002'), {
      'idempotency-key': `pow-${crypto.randomUUID()}`,
    });
    expect(other.body.code).toBe('proof_reused');
  });
});
