/**
 * The holder-name rule has two users: the API's `NameSchema`, which refuses a booking, and `nameProblem`, with which
 * the widget says what to fix before sending. They must agree on every string, or a name the widget lets through is
 * refused (or one the API takes is refused by the widget).
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { nameProblem } from './name.js';
import { NameSchema } from './schemas.js';

/** Names and near-names: letters of several scripts (one outside the BMP), marks, the allowed punctuation, and not. */
const unit = fc.constantFrom(..."aZé ñ.,'’-ÁßЖ中\u0301 1<\t\n", '\u{20000}', '\u{1F600}');
const candidate = fc.oneof(
  fc.string({ unit, maxLength: 120 }),
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

describe('the holder-name rule', () => {
  it('says of every string what the API schema says: no problem exactly when it accepts', () => {
    fc.assert(
      fc.property(candidate, (name) => {
        expect(nameProblem(name.trim()) === undefined).toBe(v.safeParse(NameSchema, name).success);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the problem', () => {
    expect(nameProblem('')).toBe('empty');
    expect(nameProblem('B')).toBe('short');
    expect(nameProblem('x'.repeat(101))).toBe('long');
    expect(nameProblem('Budi 123')).toBe('characters');
    expect(nameProblem("Ni Luh Putu Ayu Ari'ani")).toBeUndefined();
    expect(nameProblem('\u{20000}')).toBeUndefined();
  });
});
