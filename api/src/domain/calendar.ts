/**
 * A tenant's days and slots: which dates are open, which slots a service has on a date, and whether a slot can
 * still be booked at a given instant. Pure: the caller passes the tenant and the clock.
 */
import type { LocalText, Service, TenantDefinition } from '../tenants/schema.js';
import { addDays, daysBetween, instantOf, type LocalDate, minutesOf, timeOf, wallClock, weekdayOf } from './time.js';

export interface Slot {
  /** The slot's start as `HH:MM`, unique within a service's day. */
  id: string;
  /** Minutes after local midnight. */
  startMinutes: number;
  endMinutes: number;
}

export type ClosedReason = 'weekend' | 'holiday' | 'past' | 'beyond_window' | 'not_released';

export type DayStatus =
  | { open: true }
  | { open: false; reason: 'holiday'; note: LocalText }
  | { open: false; reason: 'not_released'; releasesAt: number }
  | { open: false; reason: Exclude<ClosedReason, 'holiday' | 'not_released'> };

/**
 * Results that do not depend on the clock, remembered per tenant object and key: a date's slots, closing note,
 * release and cutoffs are asked for by every booking attempt, and a rush asks for the same few thousands of times.
 * Tenant files are parsed into objects that never change (a reload makes new ones), so a result stays true for its
 * object. Still pure: a call gives what it gave the first time.
 */
const remembered = new WeakMap<object, Map<string, unknown>>();

function remember<T>(owner: object, key: string, compute: () => T): T {
  let results = remembered.get(owner);
  if (!results) remembered.set(owner, (results = new Map()));
  if (results.has(key)) return results.get(key) as T;
  const value = compute();
  if (results.size >= 4096) results.clear();
  results.set(key, value);
  return value;
}

/** The last date `today` computed per tenant object, and the instants between which it stays the date. */
const todays = new WeakMap<object, { date: LocalDate; from: number; until: number }>();
/** How far before a local midnight `today` computes the date again: more than any offset change near midnight. */
const BEFORE_MIDNIGHT_MS = 3 * 3600_000;

/** Today's date in the tenant's zone. */
export function today(tenant: Pick<TenantDefinition, 'timeZone'>, now: number): LocalDate {
  const known = todays.get(tenant);
  if (known && now >= known.from && now < known.until) return known.date;
  const date = wallClock(now, tenant.timeZone).date;
  todays.set(tenant, { date, from: now, until: instantOf(addDays(date, 1), 0, tenant.timeZone) - BEFORE_MIDNIGHT_MS });
  return date;
}

/**
 * The slots a service has on a date: each opening period cut into whole `slotMinutes` pieces; a remainder too
 * short for a slot is not offered. Closed days have none.
 */
export function slotsOf(
  tenant: Pick<TenantDefinition, 'openingHours' | 'closedDates'>,
  service: Pick<Service, 'slotMinutes'>,
  date: LocalDate,
): readonly Slot[] {
  return remember(tenant, `slots|${service.slotMinutes}|${date}`, () =>
    Object.freeze(cutSlots(tenant, service, date).map((slot) => Object.freeze(slot))),
  );
}

function cutSlots(
  tenant: Pick<TenantDefinition, 'openingHours' | 'closedDates'>,
  service: Pick<Service, 'slotMinutes'>,
  date: LocalDate,
): Slot[] {
  if (closedNote(tenant, date)) return [];
  const periods = tenant.openingHours[weekdayOf(date)] ?? [];
  const slots: Slot[] = [];
  for (const period of periods) {
    const from = minutesOf(period.slice(0, 5));
    const to = minutesOf(period.slice(6, 11));
    for (let start = from; start + service.slotMinutes <= to; start += service.slotMinutes) {
      slots.push({ id: timeOf(start), startMinutes: start, endMinutes: start + service.slotMinutes });
    }
  }
  return slots;
}

function closedNote(tenant: Pick<TenantDefinition, 'closedDates'>, date: LocalDate): LocalText | undefined {
  return remember(tenant.closedDates, date, () => tenant.closedDates.find((c) => c.date === date)?.reason);
}

/** The instant at which the quota of `date` is released: `releaseTime` local, `daysAhead` days before it. */
export function releaseInstant(tenant: Pick<TenantDefinition, 'bookingWindow' | 'timeZone'>, date: LocalDate): number {
  return remember(tenant, `release|${date}`, () => {
    const { daysAhead, releaseTime } = tenant.bookingWindow;
    return instantOf(addDays(date, -daysAhead), minutesOf(releaseTime), tenant.timeZone);
  });
}

/** Whether a date can be booked at all at `now`, and if not, why. */
export function dayStatus(tenant: TenantDefinition, date: LocalDate, now: number): DayStatus {
  const ahead = daysBetween(today(tenant, now), date);
  if (ahead < 0) return { open: false, reason: 'past' };
  const day = remember(tenant, `day|${date}`, () => ({
    note: closedNote(tenant, date),
    opens: (tenant.openingHours[weekdayOf(date)] ?? []).length > 0,
    releasesAt: releaseInstant(tenant, date),
  }));
  if (day.note) return { open: false, reason: 'holiday', note: day.note };
  if (!day.opens) return { open: false, reason: 'weekend' };
  if (ahead > tenant.bookingWindow.daysAhead) return { open: false, reason: 'beyond_window' };
  if (now < day.releasesAt) return { open: false, reason: 'not_released', releasesAt: day.releasesAt };
  return { open: true };
}

/** The last instant at which `slot` on `date` can be booked. */
export function bookingCutoff(
  tenant: Pick<TenantDefinition, 'bookingWindow' | 'timeZone'>,
  date: LocalDate,
  slot: Slot,
): number {
  return remember(tenant, `cutoff|${date}|${slot.startMinutes}`, () =>
    instantOf(date, slot.startMinutes - tenant.bookingWindow.minutesBefore, tenant.timeZone),
  );
}

/** Slots of `date` that can still be booked at `now` (empty when the day is not open). */
export function bookableSlots(tenant: TenantDefinition, service: Service, date: LocalDate, now: number): Slot[] {
  if (!dayStatus(tenant, date, now).open) return [];
  return slotsOf(tenant, service, date).filter((s) => now <= bookingCutoff(tenant, date, s));
}

export type BookabilityError = 'date_closed' | 'outside_window' | 'unknown_slot' | 'unknown_channel';

/** Why a booking for this service, channel, date and slot cannot be taken at `now`; `undefined` when it can. */
export function checkBookable(
  tenant: TenantDefinition,
  service: Service,
  channel: string,
  date: LocalDate,
  slotId: string,
  now: number,
): { error: BookabilityError } | { slot: Slot; quota: number; daySlots: readonly Slot[] } {
  // Own keys only: a channel named `constructor` must not find Object's (and book without a quota).
  const quota = Object.hasOwn(service.quotaPerSlot, channel)
    ? (service.quotaPerSlot as Record<string, number>)[channel]
    : undefined;
  if (quota === undefined) return { error: 'unknown_channel' };
  const status = dayStatus(tenant, date, now);
  if (!status.open)
    return { error: status.reason === 'holiday' || status.reason === 'weekend' ? 'date_closed' : 'outside_window' };
  const daySlots = slotsOf(tenant, service, date);
  const slot = daySlots.find((s) => s.id === slotId);
  if (!slot) return { error: 'unknown_slot' };
  if (now > bookingCutoff(tenant, date, slot)) return { error: 'outside_window' };
  return { slot, quota, daySlots };
}
