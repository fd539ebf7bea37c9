/** Dates and times as a reader in Indonesia expects them: the tenant's own zone, named WIB, WITA or WIT. */
const ZONES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneName(timeZone: string | undefined, intl: string, at = new Date()): string {
  if (timeZone === undefined) return '';
  if (ZONES[timeZone]) return ZONES[timeZone];
  try {
    return (
      new Intl.DateTimeFormat(intl, { timeZone, timeZoneName: 'short' })
        .formatToParts(at)
        .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
    );
  } catch {
    return timeZone;
  }
}

/** `2026-11-24` → `Selasa, 24 November 2026` / `Tuesday, 24 November 2026`. */
export function longDate(date: string, intl: string): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(at)) return date;
  return new Intl.DateTimeFormat(intl, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(at);
}

/** A moment in the tenant's zone (else the reader's): `24 November 2026 08.15 WITA`. */
export function dateTime(at: Date, intl: string, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  try {
    const text = new Intl.DateTimeFormat(intl, timeZone ? { ...options, timeZone } : options).format(at);
    return timeZone ? `${text} ${zoneName(timeZone, intl, at)}` : text;
  } catch {
    return at.toISOString();
  }
}

/** Today in `timeZone` as `YYYY-MM-DD`. */
export function today(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
