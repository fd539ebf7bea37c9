/** Phone numbers and NIKs as citizens type them: the cases a reader checks first (the properties are next door). */
import { describe, expect, it } from 'vitest';
import { checkNik } from './nik.js';
import { normalizePhone } from './phone.js';

describe('phone numbers', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['+62 (812) 3456.7890', '+6281234567890'],
    ['0812345678', '+62812345678'],
  ])('normalises %s', (input, e164) => expect(normalizePhone(input)).toBe(e164));

  it.each(['021-555-1234', '+1 415 555 0100', '0812', '08123456789012345', '08a2345678', '', '+62'])(
    'refuses %s',
    (input) => expect(normalizePhone(input)).toBeUndefined(),
  );
});

describe('NIK', () => {
  it('accepts plausible NIKs, women’s birth days included', () => {
    expect(checkNik('5103011203900001')).toBeUndefined();
    expect(checkNik('5103015203900001')).toBeUndefined(); // day 12 + 40
    expect(checkNik('5103 0112 0390 0001')).toBeUndefined();
  });
  it.each([
    ['510301120390001', 'format'],
    ['51030112039000012', 'format'],
    ['99030112039000 1', 'format'],
    ['9903011203900001', 'region'],
    ['5100011203900001', 'region'],
    ['5103001203900001', 'region'],
    ['5103013203900001', 'birth_date'],
    ['5103011213900001', 'birth_date'],
    ['5103013102900001', 'birth_date'],
    ['5103011203900000', 'serial'],
  ])('refuses %s (%s)', (nik, problem) => expect(checkNik(nik)).toBe(problem));
});
