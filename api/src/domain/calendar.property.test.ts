/**
 * Slots and time zones for any tenant a tenant file can describe: slots never overlap and stay inside the opening
 * hours, and local dates and times in WIB, WITA and WIT are exact around midnight.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTenant, TenantFileError } from '../tenants/parse.js';
import type { TenantDefinition } from '../tenants/schema.js';
import { type Slot, slotsOf, today } from './calendar.js';
import {
  addDays,
  daysBetween,
  instantOf,
  isoInZone,
  isRealDate,
  minutesOf,
  timeOf,
  wallClock,
  weekdayOf,
} from './time.js';

const demo = JSON.parse(readFileSync(new URL('../../tenants/demo.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
> & { agencies: unknown[] };
/** The demo tenant with one agency: opening hours are what vary, and a small file parses fast. */
const base = { ...demo, agencies: demo.agencies.slice(0, 1) };
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A tenant like the demo tenant with the given opening hours (every weekday) and no closed dates. */
function tenantWith(periods: string[]): TenantDefinition {
  const openingHours = Object.fromEntries(WEEKDAYS.map((d) => [d, periods]));
  return parseTenant(JSON.stringify({ ...base, openingHours, closedDates: [] }), 'generated.json');
}

const hhmm = (minutes: number) => (minutes === 1440 ? '24:00' : timeOf(minutes));
const date = fc.integer({ min: 0, max: 365 * 110 }).map((d) => addDays('1990-01-01', d));
const slotMinutes = fc.integer({ min: 5, max: 240 });

/** Opening periods as a tenant file may well write them: in order, apart or touching, within the day. */
const orderedPeriods = fc
  .array(fc.record({ gap: fc.integer({ min: 0, max: 300 }), length: fc.integer({ min: 1, max: 720 }) }), {
    maxLength: 6,
  })
  .map((pieces) => {
    const periods: [number, number][] = [];
    let cursor = 0;
    for (const { gap, length } of pieces) {
      const from = cursor + gap;
      const to = from + length;
      if (to > 1440) break;
      periods.push([from, to]);
      cursor = to;
    }
    return periods;
  });

/** Anything shaped like a period, in any order, overlapping or not, some past midnight. */
const anyPeriod = fc
  .tuple(
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 59 }),
  )
  .map(
    ([h1, m1, h2, m2]) =>
      `${String(h1).padStart(2, '0')}:${String(m1).padStart(2, '0')}-${String(h2).padStart(2, '0')}:${String(m2).padStart(2, '0')}`,
  );

function expectWellFormedSlots(slots: readonly Slot[], periods: [number, number][], minutes: number): void {
  for (const [i, s] of slots.entries()) {
    expect(s.endMinutes - s.startMinutes, s.id).toBe(minutes);
    expect(s.id).toBe(timeOf(s.startMinutes));
    expect(s.startMinutes).toBeGreaterThanOrEqual(0);
    expect(s.endMinutes).toBeLessThanOrEqual(1440);
    expect(
      periods.some(([from, to]) => from <= s.startMinutes && s.endMinutes <= to),
      `${s.id} inside an opening period`,
    ).toBe(true);
    if (i > 0) {
      const prev = slots[i - 1]!;
      expect(s.startMinutes, `${prev.id} and ${s.id} do not overlap`).toBeGreaterThanOrEqual(prev.endMinutes);
      expect(s.id > prev.id, `ids ascending: ${prev.id} < ${s.id}`).toBe(true);
    }
  }
  expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
}

describe('slot generation (properties)', () => {
  it('cuts ordered opening periods into whole, non-overlapping slots of exactly slotMinutes, ids sorted and unique', () => {
    fc.assert(
      fc.property(orderedPeriods, slotMinutes, date, (periods, minutes, d) => {
        const tenant = tenantWith(periods.map(([from, to]) => `${hhmm(from)}-${hhmm(to)}`));
        const slots = slotsOf(tenant, { slotMinutes: minutes }, d);
        expectWellFormedSlots(slots, periods, minutes);
        // Every whole slot that fits is offered, starting at the period's start.
        expect(slots.length).toBe(periods.reduce((n, [from, to]) => n + Math.floor((to - from) / minutes), 0));
        for (const s of slots)
          expect(
            periods.some(
              ([from, to]) => s.startMinutes >= from && s.endMinutes <= to && (s.startMinutes - from) % minutes === 0,
            ),
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives well-formed slots for every set of opening hours a tenant file is accepted with', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(anyPeriod, { maxLength: 4 }), slotMinutes, date, (periods, minutes, d) => {
        let tenant: TenantDefinition;
        try {
          tenant = tenantWith(periods);
        } catch (e) {
          expect(e).toBeInstanceOf(TenantFileError);
          return;
        }
        accepted++;
        const asMinutes = periods.map((p) => [minutesOf(p.slice(0, 5)), minutesOf(p.slice(6, 11))] as [number, number]);
        expectWellFormedSlots(slotsOf(tenant, { slotMinutes: minutes }, d), asMinutes, minutes);
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it('offers nothing on a closed date or a day without opening hours', () => {
    fc.assert(
      fc.property(orderedPeriods, slotMinutes, date, (periods, minutes, d) => {
        const open = periods.map(([from, to]) => `${hhmm(from)}-${hhmm(to)}`);
        const closedOn = parseTenant(
          JSON.stringify({
            ...base,
            openingHours: Object.fromEntries(WEEKDAYS.map((w) => [w, open])),
            closedDates: [{ date: d, reason: { id: 'Libur', en: 'Holiday' } }],
          }),
          'closed.json',
        );
        expect(slotsOf(closedOn, { slotMinutes: minutes }, d)).toEqual([]);
        const shut = parseTenant(
          JSON.stringify({
            ...base,
            openingHours: Object.fromEntries(WEEKDAYS.map((w) => [w, w === weekdayOf(d) ? [] : open])),
            closedDates: [],
          }),
          'shut.json',
        );
        expect(slotsOf(shut, { slotMinutes: minutes }, d)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

/** Indonesia's three zones (and a second WIB city), with their fixed offsets in hours. */
const ZONES = [
  { tz: 'Asia/Jakarta', name: 'WIB', offset: 7 },
  { tz: 'Asia/Pontianak', name: 'WIB', offset: 7 },
  { tz: 'Asia/Makassar', name: 'WITA', offset: 8 },
  { tz: 'Asia/Jayapura', name: 'WIT', offset: 9 },
] as const;
const zone = fc.constantFrom(...ZONES);
const HOUR = 3_600_000;
/** Dates since Indonesia's zones took their present offsets (1988), to 2099. */
const recentDate = fc.integer({ min: 0, max: 365 * 110 }).map((d) => addDays('1990-01-01', d));
/** The local date of `instant` at a fixed offset, computed without the code under test. */
const localDateAt = (instant: number, offsetHours: number) =>
  new Date(instant + offsetHours * HOUR).toISOString().slice(0, 10);

describe('time zones WIB, WITA, WIT (properties)', () => {
  it('wallClock(instantOf(date, m, tz), tz) gives back the date and m, for every minute of the day', () => {
    fc.assert(
      fc.property(recentDate, zone, (d, { tz, offset }) => {
        for (let m = 0; m < 1440; m++) {
          const instant = instantOf(d, m, tz);
          // Independent oracle: the ISO string with the zone's fixed offset.
          expect(instant).toBe(Date.parse(`${d}T${timeOf(m)}:00+0${offset}:00`));
          const w = wallClock(instant, tz);
          if (w.date !== d || w.minutes !== m || w.time !== timeOf(m) || w.seconds !== 0) {
            expect({ date: w.date, minutes: w.minutes, time: w.time, seconds: w.seconds }).toEqual({
              date: d,
              minutes: m,
              time: timeOf(m),
              seconds: 0,
            });
          }
        }
      }),
      { numRuns: 24 },
    );
  });

  it('round-trips any minute and date, and isoInZone names the same instant', () => {
    fc.assert(
      fc.property(recentDate, fc.integer({ min: 0, max: 1439 }), zone, (d, m, { tz, offset }) => {
        const instant = instantOf(d, m, tz);
        expect(wallClock(instant, tz)).toMatchObject({ date: d, minutes: m });
        const iso = isoInZone(instant, tz);
        expect(iso).toBe(`${d}T${timeOf(m)}:00+0${offset}:00`);
        expect(Date.parse(iso)).toBe(instant);
      }),
      { numRuns: 2000 },
    );
  });

  it('within ±2 h of UTC midnight, every Indonesian zone is already on the UTC date (5:00–11:00 local)', () => {
    fc.assert(
      fc.property(recentDate, fc.integer({ min: -2 * HOUR, max: 2 * HOUR }), (d, delta) => {
        const instant = Date.parse(`${d}T00:00:00Z`) + delta;
        const utcDate = new Date(instant).toISOString().slice(0, 10);
        for (const { tz, offset } of ZONES) {
          const w = wallClock(instant, tz);
          expect(w.date).toBe(localDateAt(instant, offset));
          expect(w.date).toBe(d);
          expect(today({ timeZone: tz }, instant)).toBe(d);
          expect(daysBetween(utcDate, w.date)).toBe(delta < 0 ? 1 : 0);
          expect(w.minutes).toBe(
            Math.floor(((((instant + offset * HOUR) % (24 * HOUR)) + 24 * HOUR) % (24 * HOUR)) / 60_000),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('within ±2 h of a tenant’s local midnight, the zones disagree on the date exactly where their offsets say', () => {
    fc.assert(
      fc.property(recentDate, zone, fc.integer({ min: -2 * HOUR, max: 2 * HOUR }), (d, tenant, delta) => {
        const instant = instantOf(d, 0, tenant.tz) + delta;
        for (const { tz, offset } of ZONES) {
          const local = wallClock(instant, tz).date;
          expect(local).toBe(localDateAt(instant, offset));
          // A zone `offset - tenant.offset` hours ahead passes midnight that much earlier.
          const shifted = delta + (offset - tenant.offset) * HOUR;
          expect(local, `${tz} at ${new Date(instant).toISOString()}`).toBe(shifted >= 0 ? d : addDays(d, -1));
          expect(today({ timeZone: tz }, instant)).toBe(local);
        }
        const [wib, wita, wit] = [ZONES[0], ZONES[2], ZONES[3]].map((z) => wallClock(instant, z.tz).date);
        // East is never behind west, and never more than one day ahead.
        expect(daysBetween(wib!, wita!)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(wita!, wit!)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(wib!, wit!)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('isRealDate accepts exactly the dates the calendar has: what Date round-trips to the same YYYY-MM-DD', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const candidate = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    // Days 28–31 and February are where the rule can be wrong, so they come up far more often than at random.
    const edge = fc
      .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 28, max: 32 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    fc.assert(
      fc.property(fc.oneof(candidate, edge), (s) => {
        const t = Date.parse(`${s}T00:00:00Z`);
        expect(isRealDate(s)).toBe(!Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s);
      }),
      { numRuns: 5000 },
    );
  });

  it('today, which remembers its last answer, says what the wall clock says at any instant, in any order', () => {
    // Zones whose clocks change at local midnight as well as the Indonesian ones: the date changes there at times
    // other than a plain midnight, and sometimes goes back.
    const zones = [
      'Asia/Jakarta',
      'Asia/Makassar',
      'Asia/Jayapura',
      'America/Santiago',
      'America/Havana',
      'Asia/Beirut',
      'America/Asuncion',
    ];
    // Moments within hours of one local midnight, in any order: the remembered date must not outlive its day.
    const aroundOneMidnight = fc.tuple(
      fc.integer({ min: 0, max: 365 * 12 }),
      fc.array(fc.tuple(fc.integer({ min: -5 * 60, max: 5 * 60 }), fc.integer({ min: 0, max: 59_999 })), {
        minLength: 1,
        maxLength: 30,
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...zones), aroundOneMidnight, (timeZone, [day, moments]) => {
        const tenant = { timeZone };
        const midnight = instantOf(addDays('2020-01-01', day), 0, timeZone);
        for (const [minute, ms] of moments) {
          const now = midnight + minute * 60_000 + ms;
          expect(today(tenant, now)).toBe(wallClock(now, timeZone).date);
          // And again a moment later, answered from what it remembers.
          expect(today(tenant, now + 1)).toBe(wallClock(now + 1, timeZone).date);
        }
      }),
      { numRuns: 300 },
    );
  });
});
