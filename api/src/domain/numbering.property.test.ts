/**
 * Ticket numbers, for any prefix a tenant file allows and any sequence: formatting and parsing are inverse, and
 * the printed numbers keep the order in which they were issued.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTicket, nextSequence, parseTicket } from './numbering.js';

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

  it('issues the number after the highest, and refuses sequences below 1 or not whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (highest) => {
        expect(nextSequence(highest)).toBe(highest + 1);
        expect(parseTicket(formatTicket('PAS', nextSequence(highest)))!.sequence).toBe(highest + 1);
      }),
    );
    fc.assert(
      fc.property(
        prefix,
        fc.oneof(fc.integer({ max: 0 }), fc.double({ noNaN: false }).filter((d) => !Number.isInteger(d) || d < 1)),
        (p, bad) => {
          expect(() => formatTicket(p, bad)).toThrow(RangeError);
        },
      ),
    );
  });
});
