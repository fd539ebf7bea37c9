/** Dates and times with Intl, always in the tenant's own time zone. */
import type { Messages } from './locales/id';
import { calendarDate } from './state';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = locale + JSON.stringify(o);
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.DateTimeFormat(locale, o)));
  return f;
}

/** `2026-11-24` → `Selasa, 24 November` (a calendar date: no zone can shift it); `year` adds the year. */
export function formatDate(m: Messages, date: string, year = false): string {
  return fmt(m.intl, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: year ? 'numeric' : undefined,
    timeZone: 'UTC',
  }).format(calendarDate(date));
}

/** `2026-11-24` → `Sel, 24 Nov`: short, for a grid of days (the full date goes to screen readers). */
export function formatDayShort(m: Messages, date: string): string {
  return fmt(m.intl, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(calendarDate(date));
}

/** An instant as the tenant's wall-clock time: `08.00` (id) or `08:00` (en). */
export function formatTime(m: Messages, iso: string, timeZone: string): string {
  return fmt(m.intl, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

/** The tenant's zone as Indonesians name it (WIB, WITA, WIT), else Intl's short name. */
export function zoneName(m: Messages, timeZone: string, at = new Date()): string {
  return (
    m.zones[timeZone] ??
    fmt(m.intl, { timeZone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ??
    timeZone
  );
}

/** `08.00–08.30 WITA` */
export function formatSpan(m: Messages, start: string, end: string, timeZone: string): string {
  return `${formatTime(m, start, timeZone)}–${formatTime(m, end, timeZone)} ${zoneName(m, timeZone)}`;
}

/** An instant as `Rabu, 25 November pukul 07.00 WITA`, in the tenant's zone. */
export function formatMoment(m: Messages, iso: string, timeZone: string): string {
  const d = new Date(iso);
  const date = fmt(m.intl, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(d);
  return m.slot.at(date, `${formatTime(m, iso, timeZone)} ${zoneName(m, timeZone, d)}`);
}
