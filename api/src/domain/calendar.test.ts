import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTenant } from '../tenants/parse.js';
import { availabilityOf, countKey } from './availability.js';
import { bookableSlots, checkBookable, dayStatus, releaseInstant, slotsOf } from './calendar.js';

const demo = parseTenant(readFileSync(new URL('../../tenants/demo.json', import.meta.url), 'utf8'), 'demo.json');
const passport = demo.agencies.flatMap((a) => a.services).find((s) => s.id === 'paspor-baru')!;
/** Instant of a WITA wall-clock time. */
const wita = (iso: string) => Date.parse(`${iso}+08:00`);

describe('slots', () => {
  it('cuts opening periods into whole slots, with the Friday prayer break', () => {
    const monday = slotsOf(demo, passport, '2026-11-23').map((s) => s.id);
    const friday = slotsOf(demo, passport, '2026-11-27').map((s) => s.id);
    expect(monday[0]).toBe('08:00');
    expect(monday).toContain('11:30');
    expect(monday).not.toContain('12:00');
    expect(friday).not.toContain('11:00');
    expect(friday).toContain('13:30');
    expect(friday.length).toBeLessThan(monday.length);
  });

  it('offers no slots on weekends and closed dates', () => {
    expect(slotsOf(demo, passport, '2026-11-28')).toEqual([]);
    expect(slotsOf(demo, passport, '2026-12-25')).toEqual([]);
  });
});

describe('day status and the booking window', () => {
  const now = wita('2026-11-23T09:10:00');

  it('says why a day is closed', () => {
    expect(dayStatus(demo, '2026-11-22', now)).toEqual({ open: false, reason: 'past' });
    expect(dayStatus(demo, '2026-11-28', now)).toEqual({ open: false, reason: 'weekend' });
    expect(dayStatus(demo, '2026-12-25', now)).toMatchObject({
      open: false,
      reason: 'holiday',
      note: { en: expect.any(String) },
    });
    expect(dayStatus(demo, '2026-11-24', now)).toEqual({ open: true });
  });

  it('releases a day’s quota at the release time, daysAhead days before', () => {
    const { daysAhead, releaseTime } = demo.bookingWindow;
    const releaseDay = '2026-11-23';
    const target = new Date(Date.parse(`${releaseDay}T00:00:00Z`) + daysAhead * 86_400_000).toISOString().slice(0, 10);
    const releasesAt = releaseInstant(demo, target);
    expect(new Date(releasesAt).toISOString()).toBe(new Date(wita(`${releaseDay}T${releaseTime}:00`)).toISOString());
    const status = dayStatus(demo, target, releasesAt - 1);
    // The target may fall on a weekend or holiday; then it is closed for that reason instead.
    if (
      (demo.openingHours as Record<string, string[]>)[
        ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(target).getUTCDay()]!
      ]!.length &&
      !demo.closedDates.some((c) => c.date === target)
    ) {
      expect(status).toMatchObject({ open: false, reason: 'not_released', releasesAt });
      expect(dayStatus(demo, target, releasesAt)).toEqual({ open: true });
    }
    expect(dayStatus(demo, '2027-06-30', now)).toEqual({ open: false, reason: 'beyond_window' });
  });

  it('closes a slot minutesBefore its start', () => {
    const cutoffMinutes = demo.bookingWindow.minutesBefore;
    const slotStart = wita('2026-11-23T10:00:00');
    const justBefore = slotStart - cutoffMinutes * 60_000;
    expect(checkBookable(demo, passport, 'counter', '2026-11-23', '10:00', justBefore)).toMatchObject({ quota: 20 });
    expect(checkBookable(demo, passport, 'counter', '2026-11-23', '10:00', justBefore + 1)).toEqual({
      error: 'outside_window',
    });
    expect(bookableSlots(demo, passport, '2026-11-23', justBefore + 1).map((s) => s.id)).not.toContain('10:00');
  });

  it('refuses unknown slots and channels, closed and out-of-window dates', () => {
    expect(checkBookable(demo, passport, 'whatsapp', '2026-11-24', '08:00', now)).toEqual({ error: 'unknown_channel' });
    expect(checkBookable(demo, passport, 'counter', '2026-11-24', '08:10', now)).toEqual({ error: 'unknown_slot' });
    expect(checkBookable(demo, passport, 'counter', '2026-11-28', '08:00', now)).toEqual({ error: 'date_closed' });
    expect(checkBookable(demo, passport, 'counter', '2026-11-20', '08:00', now)).toEqual({ error: 'outside_window' });
  });
});

describe('availability', () => {
  it('is quota minus active bookings, per slot and channel', () => {
    const now = wita('2026-11-23T06:00:00');
    const counts = new Map([
      [countKey('08:00', 'counter'), 19],
      [countKey('08:00', 'video'), 4],
    ]);
    const day = availabilityOf(demo, passport, '2026-11-24', now, counts);
    expect(day.open).toBe(true);
    expect(day.slots[0]).toEqual({
      id: '08:00',
      start: '2026-11-24T08:00:00+08:00',
      end: '2026-11-24T08:30:00+08:00',
      remaining: { counter: 1, video: 0 },
    });
    expect(day.slots[1]!.remaining).toEqual({ counter: 20, video: 4 });
  });

  it('explains closed days with a note or the release moment', () => {
    const now = wita('2026-11-23T06:00:00');
    expect(availabilityOf(demo, passport, '2026-12-25', now, new Map())).toMatchObject({
      open: false,
      reason: 'holiday',
      slots: [],
    });
    const far = availabilityOf(demo, passport, '2026-12-07', now, new Map());
    expect(far).toMatchObject({ open: false, reason: 'not_released', releasesAt: '2026-11-23T07:00:00+08:00' });
  });
});
