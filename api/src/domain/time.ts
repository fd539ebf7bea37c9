/**
 * Calendar arithmetic in a tenant's own IANA zone. Every date and opening hour of a tenant is local to it, so
 * nothing here reads the server's zone: instants are epoch milliseconds, local values are strings.
 */

/** A calendar date `YYYY-MM-DD`. */
export type LocalDate = string;
/** A time of day `HH:MM`. */
export type LocalTime = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const QUARTER_HOUR = 15 * 60_000;
/** Offsets per zone and UTC quarter hour: real-world offset changes fall on quarter hours, so a bucket has one offset. */
const offsets = new Map<string, number>();

/** Offset of `timeZone` from UTC at `instant`, in minutes (WITA → 480). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const bucket = Math.floor(instant / QUARTER_HOUR);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts: Record<string, string> = {};
    const at = bucket * QUARTER_HOUR;
    for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
    const asUtc = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    offset = Math.round((asUtc - at) / 60_000);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall-clock fields of `instant` in `timeZone`. */
export function wallClock(instant: number, timeZone: string) {
  const local = new Date(instant + offsetMinutes(instant, timeZone) * 60_000);
  const iso = local.toISOString();
  return {
    date: iso.slice(0, 10) as LocalDate,
    time: iso.slice(11, 16) as LocalTime,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
  };
}

/** The instant at which the wall clock of `timeZone` shows `date` `minutes` past midnight. */
export function instantOf(date: LocalDate, minutes: number, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // Two passes settle zones whose offset changes near the instant (none in Indonesia, but tenants may be elsewhere).
  let instant = naive - offsetMinutes(naive, timeZone) * 60_000;
  instant = naive - offsetMinutes(instant, timeZone) * 60_000;
  return instant;
}

/** ISO 8601 with the zone's offset: `2026-11-24T08:00:00+08:00`. */
export function isoInZone(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const off = offsetMinutes(instant, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${w.date}T${w.time}:${String(w.seconds).padStart(2, '0')}${sign}${hh}:${mm}`;
}

/** `08:30` → 510. */
export function minutesOf(time: LocalTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** 510 → `08:30`. */
export function timeOf(minutes: number): LocalTime {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday of a calendar date (zone-free: a date is already local). */
export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** True when `s` is a real calendar date `YYYY-MM-DD` (not 2026-02-30). */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days in `month` (1–12) of `year`, Gregorian. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
