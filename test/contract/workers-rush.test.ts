/**
 * A rush on workerd: 300 citizens at once for one slot whose quota is 30. The slot's Durable Object is the only
 * place numbers are decided, so exactly 30 get one, numbered 001–030 without a gap or a repeat.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bookingBody, dateIn, getJson, postBooking, type Target } from '../support/client.js';
import { startWorkersTarget } from '../support/workers-server.js';

let target: Target;
beforeAll(async () => {
  target = await startWorkersTarget();
}, 120_000);
afterAll(() => target?.close());

it('gives exactly 30 of 300 simultaneous bookings, numbered 361–390 (the 12:00 slot, twelve slots of 30 before it), and quota_exhausted to the rest', async () => {
  const pact = (await getJson(`${target.baseUrl}/v1/tenants/contract`)).body.pact;
  const date = dateIn('Asia/Jayapura', 1);
  const results = await Promise.all(
    Array.from({ length: 300 }, () =>
      postBooking(target.baseUrl, 'contract', bookingBody(pact, { service: 'rush-30', date, slot: '12:00' })),
    ),
  );
  const created = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status !== 201);
  expect(created).toHaveLength(30);
  expect(created.map((r) => r.body.booking.ticket).sort()).toEqual(
    Array.from({ length: 30 }, (_, i) => `RTH-${361 + i}`),
  );
  expect(refused.map((r) => `${r.status} ${r.body.code}`)).toEqual(
    Array.from({ length: 270 }, () => '409 quota_exhausted'),
  );
  // Every one of the 30 reached D1 with a distinct status-list index and a certificate.
  const indexes = created.map(
    (r) => JSON.parse(Buffer.from(r.body.certificate.split('.')[1], 'base64url').toString()).status.idx,
  );
  expect(new Set(indexes).size).toBe(30);
  const day = (await getJson(`${target.baseUrl}/v1/tenants/contract/availability?service=rush-30&from=${date}&days=1`))
    .body.days[0];
  expect(day.slots.find((s: { id: string }) => s.id === '12:00').remaining).toEqual({ counter: 0 });
}, 60_000);
