/**
 * Ticket numbers, for any prefix a tenant file allows and any sequence: formatting and parsing are inverse, and
 * the printed numbers keep their order; the day's blocks tile it, and no mix of bookings and cancellations issues a
 * number twice.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTicket, nextSequence, parseTicket, ticketBlock } from './numbering.js';

/** What the tenant schema allows as `ticketPrefix`: one to four capital letters. */
const prefix = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 1, maxLength: 4 });
const sequence = fc.integer({ min: 1, max: 10_000_000 });

describe('ticket numbers (properties)', () => {
  it('parse(format(prefix, n)) gives back the prefix and n', () => {
    fc.assert(
      fc.property(prefix, sequence, (p, n) => {
        const ticket = formatTicket(p, n);
        expect(ticket).toMatch(/^[A-Z]{1,4}-\d{3,}$/);
        expect(parseTicket(ticket)).toEqual({ prefix: p, sequence: n });
      }),
      { numRuns: 500 },
    );
  });

  it('is injective: two different (prefix, n) never print the same ticket', () => {
    fc.assert(
      fc.property(prefix, sequence, prefix, sequence, (p, n, q, m) => {
        fc.pre(p !== q || n !== m);
        expect(formatTicket(p, n)).not.toBe(formatTicket(q, m));
      }),
      { numRuns: 500 },
    );
  });

  it('preserves issue order: as text up to 999 (what a counter display sorts), and by parsed number beyond', () => {
    fc.assert(
      fc.property(prefix, fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }), (p, a, b) => {
        fc.pre(a !== b);
        const [x, y] = [formatTicket(p, a), formatTicket(p, b)];
        expect(x < y).toBe(a < b);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(prefix, sequence, sequence, (p, a, b) => {
        fc.pre(a < b);
        const [x, y] = [formatTicket(p, a), formatTicket(p, b)];
        expect(parseTicket(x)!.sequence).toBeLessThan(parseTicket(y)!.sequence);
        // Longer only ever means later: ordering by (length, text) is issue order at any size.
        expect(x.length).toBeLessThanOrEqual(y.length);
        if (x.length === y.length) expect(x < y).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses sequences below 1 or not whole', () => {
    fc.assert(
      fc.property(
        prefix,
        fc.oneof(
          fc.integer({ max: 0 }),
          fc.double({ noNaN: false }).filter((d) => !Number.isInteger(d) || d < 1),
        ),
        (p, bad) => {
          expect(() => formatTicket(p, bad)).toThrow(RangeError);
        },
      ),
    );
  });
});

/** A day: 1–30 slots, 1–3 channels with 1–40 places per slot each. */
const day = fc
  .record({
    slots: fc.integer({ min: 1, max: 30 }),
    quota: fc.dictionary(fc.constantFrom('counter', 'video', 'whatsapp'), fc.integer({ min: 1, max: 40 }), {
      minKeys: 1,
    }),
  })
  .map(({ slots, quota }) => ({
    slots: Array.from(
      { length: slots },
      (_, i) => `${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
    ),
    quota,
  }));

describe('ticket blocks (properties)', () => {
  it('tile the day: every number from 1 to the last belongs to exactly one slot and channel, in slot order', () => {
    fc.assert(
      fc.property(day, ({ slots, quota }) => {
        const owner: string[] = [];
        for (const slot of slots) {
          for (const channel of Object.keys(quota)) {
            const b = ticketBlock(slots, quota, slot, channel)!;
            expect(b.last - b.first + 1).toBe(quota[channel]);
            const clash = owner.slice(b.first, b.last + 1).find((o) => o !== undefined);
            expect(clash).toBeUndefined();
            for (let n = b.first; n <= b.last; n++) owner[n] = `${slot}|${channel}`;
            // Blocks follow each other: the slot's channels in turn, then the next slot.
            expect(b.first).toBe(owner.length - quota[channel]!);
          }
        }
        const lastOfServiceDay = ticketBlock(slots, quota, slots[0]!, Object.keys(quota)[0]!)!.lastOfServiceDay;
        expect(owner.length - 1).toBe(lastOfServiceDay);
      }),
      { numRuns: 300 },
    );
  });

  it('never issues a number twice, bookings and cancellations in any order; without cancellations each block fills from its start', () => {
    const step = fc.oneof(fc.record({ book: fc.nat(), channel: fc.nat() }), fc.record({ cancel: fc.nat() }));
    fc.assert(
      fc.property(day, fc.array(step, { maxLength: 300 }), ({ slots, quota }, steps) => {
        const channels = Object.keys(quota);
        const issued = new Map<number, string>();
        const active: { n: number; place: string }[] = [];
        let cancelled = false;
        for (const s of steps) {
          if ('cancel' in s) {
            if (active.length === 0) continue;
            active.splice(s.cancel % active.length, 1);
            cancelled = true;
            continue;
          }
          const slot = slots[s.book % slots.length]!;
          const channel = channels[s.channel % channels.length]!;
          const place = `${slot}|${channel}`;
          if (active.filter((a) => a.place === place).length >= quota[channel]!) continue; // the quota check refuses it
          const block = ticketBlock(slots, quota, slot, channel)!;
          const numbers = [...issued.keys()];
          const inBlock = numbers.filter((n) => n >= block.first && n <= block.last);
          const n = nextSequence(block, Math.max(0, ...inBlock), Math.max(0, ...numbers));
          expect(issued.has(n)).toBe(false);
          // Inside its own block, or past every block.
          expect((n >= block.first && n <= block.last) || n > block.lastOfServiceDay).toBe(true);
          issued.set(n, place);
          active.push({ n, place });
        }
        if (!cancelled) {
          for (const slot of slots) {
            for (const channel of channels) {
              const b = ticketBlock(slots, quota, slot, channel)!;
              const mine = [...issued]
                .filter(([, p]) => p === `${slot}|${channel}`)
                .map(([n]) => n)
                .sort((x, y) => x - y);
              expect(mine).toEqual(Array.from({ length: mine.length }, (_, i) => b.first + i));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
