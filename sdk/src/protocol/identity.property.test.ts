/**
 * Phone numbers and NIKs as citizens type them: one person is one E.164 number however it was written, and a
 * NIK check accepts every plausible number and refuses the implausible ones.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNik, compactNik } from './nik.js';
import { normalizePhone } from './phone.js';

const digit = fc.constantFrom(...'0123456789');
const digits = (min: number, max: number) => fc.string({ unit: digit, minLength: min, maxLength: max });

/** The national significant number of an Indonesian mobile: 8, a non-zero operator digit, 7 to 10 more digits. */
const nationalMobile = fc
  .tuple(fc.constantFrom(...'123456789'), digits(7, 10))
  .map(([operator, rest]) => `8${operator}${rest}`);

const separator = fc.constantFrom('', '', ' ', '-', '.', ' - ', '  ', '\t');

/** Cuts `s` into groups at sorted positions. */
function groups(s: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % s.length).filter((c) => c > 0))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const c of at) {
    out.push(s.slice(from, c));
    from = c;
  }
  out.push(s.slice(from));
  return out;
}

/** A way a citizen might write `national`: a prefix, digit groups with separators, optional parentheses. */
const written = (national: string) =>
  fc
    .record({
      prefix: fc.constantFrom('0', '62', '+62', '+62 ', '62 ', '+62-', '(+62) ', ''),
      cuts: fc.array(fc.nat({ max: 20 }), { maxLength: 4 }),
      seps: fc.array(separator, { minLength: 4, maxLength: 4 }),
      parenFirst: fc.boolean(),
      pad: fc.constantFrom('', ' ', '  ', '\n'),
    })
    .map(({ prefix, cuts, seps, parenFirst, pad }) => {
      const [first, ...rest] = groups(national, cuts);
      // "(0812) 3456-7890", "+62 (812) 3456 7890"
      let text = parenFirst ? (prefix === '0' ? `(0${first})` : `${prefix}(${first})`) : `${prefix}${first}`;
      for (const [i, group] of rest.entries()) text += `${seps[i % seps.length]}${group}`;
      return `${pad}${text}${pad}`;
    });

describe('phone normalisation (properties)', () => {
  it('normalises every way of writing a valid mobile number to the same E.164', () => {
    fc.assert(
      fc.property(
        nationalMobile.chain((n) => fc.tuple(fc.constant(n), written(n), written(n))),
        ([national, a, b]) => {
          expect(normalizePhone(a)).toBe(`+62${national}`);
          expect(normalizePhone(b)).toBe(normalizePhone(a));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is idempotent on its output', () => {
    fc.assert(
      fc.property(fc.oneof(nationalMobile.chain(written), fc.string({ maxLength: 20 }), digits(0, 16)), (input) => {
        const once = normalizePhone(input);
        if (once !== undefined) {
          expect(once).toMatch(/^\+628[1-9]\d{7,10}$/);
          expect(normalizePhone(once)).toBe(once);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses numbers that are not Indonesian mobiles: landlines, too short, too long, other countries', () => {
    const notMobile = fc.oneof(
      // Landlines (021…, 0361…): the national number does not start with 8.
      fc.tuple(fc.constantFrom(...'1234567'), digits(6, 10)).map(([a, r]) => `0${a}${r}`),
      // 80… is not a mobile range.
      digits(7, 10).map((r) => `080${r}`),
      // Too short or too long after the 8.
      fc.tuple(fc.constantFrom(...'123456789'), digits(0, 6)).map(([o, r]) => `08${o}${r}`),
      fc.tuple(fc.constantFrom(...'123456789'), digits(11, 14)).map(([o, r]) => `+628${o}${r}`),
      // Other country codes.
      fc.tuple(fc.constantFrom('+1', '+60', '+65', '+61', '+44'), digits(8, 11)).map(([cc, r]) => `${cc}${r}`),
    );
    fc.assert(
      fc.property(notMobile, (input) => {
        expect(normalizePhone(input)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});

/** Province codes in use (Papua's newer provinces included). */
const PROVINCES = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75,
  76, 81, 82, 91, 92, 93, 94, 95, 96,
];
/** Days per month as a birth date may have them (29 February included: the year has only two digits). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const two = (n: number) => String(n).padStart(2, '0');

/** NIK parts: province, regency, district, birth day (+40 for women), month, two-digit year, serial. */
const nikParts = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    regency: fc.integer({ min: 1, max: 99 }),
    district: fc.integer({ min: 1, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    woman: fc.boolean(),
    year: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 1, max: 9999 }),
  })
  .map((p) => ({ ...p, day: 1 + Math.floor(p.dayFraction * MONTH_DAYS[p.month - 1]!) }));

const nikOf = (p: {
  province: number;
  regency: number;
  district: number;
  day: number;
  woman: boolean;
  month: number;
  year: number;
  serial: number;
}) =>
  `${two(p.province)}${two(p.regency)}${two(p.district)}${two(p.day + (p.woman ? 40 : 0))}${two(p.month)}${two(p.year)}${String(p.serial).padStart(4, '0')}`;

describe('NIK plausibility (properties)', () => {
  it('accepts every plausible NIK, also written with spaces or dots, and compacts it to its 16 digits', () => {
    fc.assert(
      fc.property(nikParts, fc.constantFrom('', ' ', '.'), (parts, sep) => {
        const nik = nikOf(parts);
        expect(nik).toMatch(/^\d{16}$/);
        expect(checkNik(nik)).toBeUndefined();
        const written = [nik.slice(0, 4), nik.slice(4, 8), nik.slice(8, 12), nik.slice(12)].join(sep);
        expect(checkNik(written)).toBeUndefined();
        expect(compactNik(written)).toBe(nik);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a birth month of 00 or 13 and above, whatever the rest', () => {
    fc.assert(
      fc.property(nikParts, fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), (parts, month) => {
        const nik = nikOf(parts);
        const bad = `${nik.slice(0, 8)}${two(month)}${nik.slice(10)}`;
        expect(checkNik(bad)).toBe('birth_date');
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses any single-digit change that makes the month 13 or more', () => {
    fc.assert(
      fc.property(nikParts, fc.integer({ min: 8, max: 9 }), digit, (parts, position, d) => {
        const nik = nikOf(parts);
        const changed = `${nik.slice(0, position)}${d}${nik.slice(position + 1)}`;
        const month = Number(changed.slice(8, 10));
        fc.pre(month >= 13);
        expect(checkNik(changed)).toBe('birth_date');
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a day beyond the month or an unknown province, and a serial of 0000', () => {
    fc.assert(
      fc.property(nikParts, (parts) => {
        const nik = nikOf(parts);
        const tooLate = `${nik.slice(0, 6)}${two(MONTH_DAYS[parts.month - 1]! + 1 + (parts.woman ? 40 : 0))}${nik.slice(8)}`;
        expect(checkNik(tooLate)).toBe('birth_date');
        expect(checkNik(`${nik.slice(0, 6)}00${nik.slice(8)}`)).toBe('birth_date');
        expect(checkNik(`00${nik.slice(2)}`)).toBe('region');
        expect(checkNik(`${nik.slice(0, 12)}0000`)).toBe('serial');
      }),
      { numRuns: 500 },
    );
  });

  it('refuses 15- and 17-digit strings and anything with letters', () => {
    fc.assert(
      fc.property(nikParts, digit, (parts, d) => {
        const nik = nikOf(parts);
        expect(checkNik(nik.slice(0, 15))).toBe('format');
        expect(checkNik(nik.slice(1))).toBe('format');
        expect(checkNik(`${nik}${d}`)).toBe('format');
        expect(checkNik(`${d}${nik}`)).toBe('format');
        expect(checkNik(`${nik.slice(0, 15)}x`)).toBe('format');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.oneof(digits(0, 15), digits(17, 24)), (s) => {
        expect(checkNik(s)).toBe('format');
      }),
      { numRuns: 500 },
    );
  });
});
