import { compactNik, NameSchema, normalizePhone } from '@pakta/sdk/protocol';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  bookingRequest,
  daysToFetch,
  firstBookableDay,
  localDate,
  normaliseName,
  remainingFor,
  slotChange,
  validateDetails,
  validateName,
  validateNik,
  validatePhone,
} from './state';
import type { Availability, TenantConfig } from './types';

describe('phone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['+62-812-3456-7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['81234567890', '+6281234567890'],
    ['(0812) 3456.7890', '+6281234567890'],
    [' 0856-1234-567 ', '+628561234567'],
    ['0812-345-678', '+62812345678'],
    ['0812-3456-78901', '+62812345678901'],
  ])('%s → %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
    expect(validatePhone(raw)).toBeNull();
  });

  it.each([
    ['', 'phoneEmpty'],
    ['   ', 'phoneEmpty'],
    ['0812-abc', 'phoneChars'],
    ['+1 415 555 0100', 'phoneInvalid'],
    ['021-5551234', 'phoneInvalid'], // a Jakarta landline, not WhatsApp-able mobile
    ['0812-34', 'phoneInvalid'],
    ['0812-3456-789012', 'phoneInvalid'],
    ['0802-3456-7890', 'phoneInvalid'],
    ['+0812345678', 'phoneInvalid'],
  ])('%j is refused (%s)', (raw, code) => {
    expect(validatePhone(raw)).toBe(code);
    expect(normalizePhone(raw)).toBeUndefined();
  });
});

describe('NIK', () => {
  it('accepts 16 plausible digits, with the spaces and dots people type', () => {
    expect(validateNik('5103014501900001', true)).toBeNull();
    expect(validateNik('5103 0145 0190 0001', true)).toBeNull();
    expect(compactNik('5103.0145.0190.0001')).toBe('5103014501900001');
    // a woman's birth day is day + 40
    expect(validateNik('3171015608900002', true)).toBeNull();
  });

  it('is only asked for when required', () => {
    expect(validateNik('', false)).toBeNull();
    expect(validateNik('', true)).toBe('nikEmpty');
  });

  it.each([
    ['51030145019000a1', 'nikChars'],
    ['510301450190', 'nikLength'],
    ['51030145019000011', 'nikLength'],
    ['9903014501900001', 'nikInvalid'], // no province 99
    ['5100014501900001', 'nikInvalid'], // regency 00
    ['5103014513900001', 'nikInvalid'], // month 13
    ['5103013202900001', 'nikInvalid'], // 32 February
    ['5103017202900001', 'nikInvalid'], // 72 - 40 = 32
    ['5103014501900000', 'nikInvalid'], // serial 0000
  ])('%s → %s', (nik, code) => {
    expect(validateNik(nik, true)).toBe(code);
  });
});

describe('name', () => {
  it.each([
    'Budi Santoso',
    'Sukarno',
    "Ni Luh Putu Ayu Ari'ani",
    'I Gusti Ngurah Rai',
    'Dr. Siti Nurhaliza, S.H.',
    'Muhammad Al-Fatih',
    'José',
  ])('accepts %j', (n) => expect(validateName(n)).toBeNull());

  it.each([
    ['', 'nameEmpty'],
    ['  ', 'nameEmpty'],
    ['B', 'nameShort'],
    ['x'.repeat(101), 'nameLong'],
    ['Budi 123', 'nameChars'],
    ['<script>', 'nameChars'],
    ['-Budi', 'nameChars'],
  ])('%j → %s', (n, code) => expect(validateName(n)).toBe(code));

  it('collapses spaces', () => expect(normaliseName('  Budi   Santoso ')).toBe('Budi Santoso'));

  // Letters beyond the Basic Multilingual Plane are two UTF-16 units each, and the API counts units: the widget counted
  // code points, so it refused a one-letter name the API takes and let through 51 such letters the API refuses.
  it('counts a name as the API does, letters outside the BMP as two', () => {
    const letter = '\u{20000}'; // a CJK ideograph: a letter, one code point, two UTF-16 units
    expect(validateName(letter)).toBeNull();
    expect(validateName(letter.repeat(50))).toBeNull();
    expect(validateName(letter.repeat(51))).toBe('nameLong');
    const sent = (name: string) => v.safeParse(NameSchema, normaliseName(name)).success;
    for (const name of [letter, letter.repeat(50), letter.repeat(51), 'B', 'x'.repeat(100), 'x'.repeat(101)]) {
      expect(validateName(name) === null).toBe(sent(name));
    }
  });
});

describe('details', () => {
  it('lists every wrong field, the NIK only when the service needs it', () => {
    expect(validateDetails({ name: '', phone: '12', nik: '' }, false)).toEqual({
      name: 'nameEmpty',
      phone: 'phoneInvalid',
    });
    expect(validateDetails({ name: 'Budi', phone: '081234567890', nik: '' }, true)).toEqual({ nik: 'nikEmpty' });
    expect(validateDetails({ name: 'Budi', phone: '081234567890', nik: '5103014501900001' }, true)).toEqual({});
  });
});

const avail = (remaining: Record<string, number>, more: Partial<Availability> = {}): Availability => ({
  service: 'paspor-baru',
  timeZone: 'Asia/Makassar',
  days: [
    { date: '2026-11-28', open: false, reason: 'weekend', slots: [] },
    {
      date: '2026-11-30',
      open: true,
      slots: [
        { id: '08:00', start: '2026-11-30T08:00:00+08:00', end: '2026-11-30T08:30:00+08:00', remaining },
        {
          id: '08:30',
          start: '2026-11-30T08:30:00+08:00',
          end: '2026-11-30T09:00:00+08:00',
          remaining: { counter: 5, video: 0 },
        },
      ],
    },
  ],
  ...more,
});

describe('availability', () => {
  it('reads the places left for a channel', () => {
    const a = avail({ counter: 3, video: 1 });
    expect(remainingFor(a, '2026-11-30', '08:00', 'video')).toBe(1);
    expect(remainingFor(a, '2026-11-30', '08:00', 'whatsapp')).toBe(0);
    expect(remainingFor(a, '2026-11-30', '09:00', 'counter')).toBeNull();
    expect(remainingFor(null, '2026-11-30', '08:00', 'counter')).toBeNull();
  });

  it('finds the first day with a free place on the channel', () => {
    expect(firstBookableDay(avail({ counter: 0, video: 0 }), 'counter')).toBe('2026-11-30');
    expect(firstBookableDay(avail({ counter: 0, video: 0 }), 'video')).toBeNull();
  });

  it('notices when the chosen slot fills up or its count changes', () => {
    const before = avail({ counter: 3, video: 1 });
    expect(slotChange(before, avail({ counter: 0, video: 1 }), '2026-11-30', '08:00', 'counter')).toEqual({
      kind: 'gone',
      slot: '08:00',
    });
    expect(slotChange(before, avail({ counter: 2, video: 1 }), '2026-11-30', '08:00', 'counter')).toEqual({
      kind: 'changed',
      slot: '08:00',
      remaining: 2,
    });
    expect(slotChange(before, avail({ counter: 3, video: 0 }), '2026-11-30', '08:00', 'counter')).toBeNull();
    // the slot's booking cutoff passed: the API leaves it out
    const gone = avail({ counter: 3 });
    gone.days[1]!.slots.shift();
    expect(slotChange(before, gone, '2026-11-30', '08:00', 'counter')).toEqual({ kind: 'gone', slot: '08:00' });
    expect(slotChange(before, before, '2026-11-30', null, 'counter')).toBeNull();
  });

  it('asks for the whole booking window within the API’s 1–31 days', () => {
    expect(daysToFetch(0)).toBe(1);
    expect(daysToFetch(7)).toBe(8);
    expect(daysToFetch(90)).toBe(31);
  });
});

describe('booking request', () => {
  const pact: TenantConfig['pact'] = { version: '2026.1', lang: 'en', text: 'I promise.', hash: 'a'.repeat(64) };
  const choice = { service: 'paspor-baru', channel: 'counter', date: '2026-11-30', slot: '08:00' };

  it('sends the pact version and hash exactly as received, the phone in E.164, the NIK only when needed', () => {
    const details = { name: ' Budi  Santoso ', phone: '0812-3456-7890', nik: '5103 0145 0190 0001' };
    expect(bookingRequest(choice, details, true, pact, 'en')).toEqual({
      ...choice,
      citizen: { name: 'Budi Santoso', phone: '+6281234567890', nik: '5103014501900001' },
      pact: { version: '2026.1', hash: 'a'.repeat(64), accepted: true, locale: 'en' },
    });
    expect(bookingRequest(choice, details, false, pact, 'id')?.citizen).toEqual({
      name: 'Budi Santoso',
      phone: '+6281234567890',
    });
  });

  it('is not made while a choice is missing', () => {
    expect(
      bookingRequest({ ...choice, slot: null }, { name: 'Budi', phone: '081234567890', nik: '' }, false, pact, 'id'),
    ).toBeNull();
  });
});

describe('dates', () => {
  it('takes the tenant’s local date of an instant', () => {
    // 23:30 UTC is already the next day in WITA (UTC+8) but not in UTC
    const at = new Date('2026-11-23T23:30:00Z');
    expect(localDate(at, 'Asia/Makassar')).toBe('2026-11-24');
    expect(localDate(at, 'UTC')).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-23T16:59:00Z'), 'Asia/Jakarta')).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-23T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-11-24');
  });
});
