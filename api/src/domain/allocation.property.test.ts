/**
 * The allocation rule against an in-memory service-day, for any mix of attempts (retries, reused keys, returning
 * citizens), cancellations and voided places (a Workers request that failed before anyone got its booking): the
 * quota is never exceeded, no sequence is issued twice, sequences stay within their blocks while the block has one
 * left, a replayed key answers its own booking and a changed body or voided place is refused, and a citizen never
 * holds two bookings in the service-day.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AllocationAttempt, allocate } from './allocation.js';
import { MemoryServiceDay, type MemoryRow as Row } from './memory-service-day.js';
import { ticketBlock } from './numbering.js';

const SLOTS = ['08:00', '09:00', '10:00'];

const quotas = fc.record({ counter: fc.integer({ min: 1, max: 3 }), video: fc.integer({ min: 1, max: 2 }) });

const bookOp = fc.record({
  op: fc.constant('book' as const),
  slot: fc.constantFrom(...SLOTS),
  channel: fc.constantFrom('counter', 'video'),
  citizen: fc.integer({ min: 0, max: 7 }),
  key: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
  body: fc.integer({ min: 0, max: 1 }),
});
const cancelOp = fc.record({ op: fc.constantFrom('cancel' as const, 'void' as const), which: fc.nat() });
const ops = (withFrees: boolean) =>
  fc.array(withFrees ? fc.oneof({ weight: 4, arbitrary: bookOp }, { weight: 1, arbitrary: cancelOp }) : bookOp, {
    maxLength: 60,
  });

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type Op = ValueOf<typeof bookOp> | ValueOf<typeof cancelOp>;

/** Runs `script` on a fresh service-day, checking each outcome and every invariant after each step. */
function run(quotaPerSlot: { counter: number; video: number }, script: Op[]): MemoryServiceDay {
  const day = new MemoryServiceDay();
  /** What the test saw each key first used with. */
  const keys = new Map<string, { requestHash: string; row: Row }>();
  for (const step of script) {
    if (step.op !== 'book') {
      const row = day.rows[step.which % Math.max(1, day.rows.length)];
      if (row && step.op === 'cancel') row.status = 'cancelled';
      if (row && step.op === 'void') row.voided = true;
      continue;
    }
    const block = ticketBlock(SLOTS, quotaPerSlot, step.slot, step.channel)!;
    const key = step.key === undefined ? undefined : `key-${step.key}`;
    const attempt: AllocationAttempt = {
      slot: step.slot,
      channel: step.channel,
      quota: quotaPerSlot[step.channel],
      citizenKey: `citizen-${step.citizen}`,
      ticketPrefix: 'INF',
      ticketBlock: block,
    };
    const idempotency = key === undefined ? undefined : { key, requestHash: `body-${step.body}` };
    const blockFullBefore = day.rows.some((r) => r.sequence === block.last);
    const outcome = allocate(day.tx(attempt, idempotency), attempt, idempotency);

    const seen = key === undefined ? undefined : keys.get(key);
    if (seen) {
      // A key already used: its own booking again, or a refusal; never a second booking.
      if (seen.requestHash === idempotency!.requestHash && !seen.row.voided)
        expect(outcome).toEqual({ kind: 'replay', held: seen.row });
      else expect(outcome).toEqual({ kind: 'idempotency_key_reused' });
      continue;
    }
    if (outcome.kind === 'booked') {
      const row = outcome.inserted;
      expect(outcome.ticket).toBe(`INF-${String(outcome.sequence).padStart(3, '0')}`);
      // Inside its block while the block has a number left; past every block only once it has none.
      if (!blockFullBefore) expect(row.sequence >= block.first && row.sequence <= block.last).toBe(true);
      else expect(row.sequence).toBeGreaterThan(block.lastOfServiceDay);
      if (key !== undefined) keys.set(key, { requestHash: idempotency!.requestHash, row });
    } else {
      expect(outcome.kind).toMatch(/^(quota_exhausted|already_booked)$/);
    }

    const live = day.rows.filter((r) => r.status === 'active' && !r.voided);
    for (const slot of SLOTS) {
      for (const channel of ['counter', 'video'] as const) {
        expect(live.filter((r) => r.slot === slot && r.channel === channel).length).toBeLessThanOrEqual(
          quotaPerSlot[channel],
        );
      }
    }
    const sequences = day.rows.map((r) => r.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
    const citizens = live.map((r) => r.citizenKey);
    expect(new Set(citizens).size).toBe(citizens.length);
  }
  return day;
}

describe('allocation rule (properties)', () => {
  it('keeps the quota, issues each sequence once, replays keys and gives a citizen one booking, through cancellations and voided places', () => {
    fc.assert(
      fc.property(quotas, ops(true), (q, script) => {
        run(q, script);
      }),
      { numRuns: 400 },
    );
  });

  it('without cancellations, every sequence lies in its own block and a full slot refuses', () => {
    fc.assert(
      fc.property(quotas, ops(false), (q, script) => {
        const day = run(q, script);
        for (const row of day.rows) {
          const block = ticketBlock(SLOTS, q, row.slot, row.channel)!;
          expect(row.sequence).toBeGreaterThanOrEqual(block.first);
          expect(row.sequence).toBeLessThanOrEqual(block.last);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a slot full of bookings refuses a new citizen, and a citizen holding a booking is refused another slot', () => {
    const q = { counter: 1, video: 1 };
    const day = new MemoryServiceDay();
    const attempt = (citizen: string, slot: string): AllocationAttempt => ({
      slot,
      channel: 'counter',
      quota: 1,
      citizenKey: citizen,
      ticketPrefix: 'INF',
      ticketBlock: ticketBlock(SLOTS, q, slot, 'counter')!,
    });
    expect(allocate(day.tx(attempt('a', '08:00')), attempt('a', '08:00'))).toMatchObject({
      kind: 'booked',
      sequence: 1,
      taken: 1,
    });
    expect(allocate(day.tx(attempt('b', '08:00')), attempt('b', '08:00'))).toEqual({
      kind: 'quota_exhausted',
      taken: 1,
    });
    expect(allocate(day.tx(attempt('a', '09:00')), attempt('a', '09:00'))).toEqual({
      kind: 'already_booked',
      taken: 0,
    });
    day.rows[0]!.status = 'cancelled';
    // The place is free again, its number is not: the next one past every block.
    expect(allocate(day.tx(attempt('b', '08:00')), attempt('b', '08:00'))).toMatchObject({
      kind: 'booked',
      sequence: 7,
      ticket: 'INF-007',
    });
  });
});
