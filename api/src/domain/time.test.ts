import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, instantOf, isoInZone, isRealDate, offsetMinutes, wallClock, weekdayOf } from './time.js';

describe('time in a tenant’s zone', () => {
  it('knows the three Indonesian zones', () => {
    const t = Date.parse('2026-06-01T00:00:00Z');
    expect(offsetMinutes(t, 'Asia/Jakarta')).toBe(420);
    expect(offsetMinutes(t, 'Asia/Makassar')).toBe(480);
    expect(offsetMinutes(t, 'Asia/Jayapura')).toBe(540);
  });

  it('puts an instant just after UTC midnight on different local dates per zone', () => {
    // 16:30 UTC is 23:30 WIB, 00:30 WITA (next day), 01:30 WIT (next day).
    const t = Date.parse('2026-03-09T16:30:00Z');
    expect(wallClock(t, 'Asia/Jakarta').date).toBe('2026-03-09');
    expect(wallClock(t, 'Asia/Makassar').date).toBe('2026-03-10');
    expect(wallClock(t, 'Asia/Jayapura')).toMatchObject({ date: '2026-03-10', time: '01:30' });
  });

  it('finds the instant of a local wall-clock time, also across a DST change elsewhere', () => {
    expect(new Date(instantOf('2026-11-24', 8 * 60, 'Asia/Makassar')).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(new Date(instantOf('2026-03-29', 12 * 60, 'Europe/Amsterdam')).toISOString()).toBe(
      '2026-03-29T10:00:00.000Z',
    );
  });

  it('formats ISO 8601 with the zone offset', () => {
    expect(isoInZone(Date.parse('2026-11-24T00:00:00Z'), 'Asia/Makassar')).toBe('2026-11-24T08:00:00+08:00');
    expect(isoInZone(Date.parse('2026-11-24T00:00:00Z'), 'Asia/Jayapura')).toBe('2026-11-24T09:00:00+09:00');
  });

  it('does calendar arithmetic on dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-11-23', '2026-12-01')).toBe(8);
    expect(weekdayOf('2026-11-27')).toBe('fri');
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-13-01')).toBe(false);
  });
});
