/**
 * A rush over real HTTP on the Node runtime: 500 citizens at once for one slot whose quota is 50.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bookingBody, dateIn, getJson, postBooking, type Target } from '../support/client.js';
import { startNodeTarget } from '../support/node-server.js';

let target: Target;
beforeAll(async () => {
  target = await startNodeTarget();
});
afterAll(() => target.close());

it('gives exactly 50 of 500 simultaneous bookings, numbered 601–650 (the 12:00 slot, twelve slots of 50 before it), and quota_exhausted to the rest', async () => {
  const pact = (await getJson(`${target.baseUrl}/v1/tenants/contract`)).body.pact;
  const date = dateIn('Asia/Jayapura', 1);
  const results = await Promise.all(
    Array.from({ length: 500 }, () =>
      postBooking(target.baseUrl, 'contract', bookingBody(pact, { service: 'rush-50', date, slot: '12:00' })),
    ),
  );
  const created = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status !== 201);
  expect(created).toHaveLength(50);
  expect(created.map((r) => r.body.booking.ticket).sort()).toEqual(
    Array.from({ length: 50 }, (_, i) => `RSH-${601 + i}`),
  );
  expect(refused.every((r) => r.status === 409 && r.body.code === 'quota_exhausted')).toBe(true);
  const day = (await getJson(`${target.baseUrl}/v1/tenants/contract/availability?service=rush-50&from=${date}&days=1`))
    .body.days[0];
  expect(day.slots.find((s: { id: string }) => s.id === '12:00').remaining).toEqual({ counter: 0 });
});
