/**
 * What a citizen sees when choosing a date: per day open or why not, per slot the remaining quota per channel.
 * Remaining = quota − active bookings; cancelled bookings give their place back.
 */
import type { LocalText, Service, TenantDefinition } from '../tenants/schema.js';
import { bookingCutoff, type ClosedReason, dayStatus, slotsOf } from './calendar.js';
import { addDays, instantOf, isoInZone, type LocalDate } from './time.js';

/** Active bookings per `slot|channel` of one service-day. */
export type ActiveCounts = ReadonlyMap<string, number>;

export const countKey = (slot: string, channel: string) => `${slot}|${channel}`;

export interface AvailabilitySlot {
  id: string;
  start: string;
  end: string;
  remaining: Record<string, number>;
}

export interface AvailabilityDay {
  date: LocalDate;
  open: boolean;
  reason?: ClosedReason;
  note?: LocalText;
  releasesAt?: string;
  slots: AvailabilitySlot[];
}

/** The dates `from`, `from + 1`, … `from + days − 1`. */
export function datesFrom(from: LocalDate, days: number): LocalDate[] {
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}

/** One day of availability; `counts` are the active bookings of that service-day. */
export function availabilityOf(
  tenant: TenantDefinition,
  service: Service,
  date: LocalDate,
  now: number,
  counts: ActiveCounts,
): AvailabilityDay {
  const status = dayStatus(tenant, date, now);
  if (!status.open) {
    const day: AvailabilityDay = { date, open: false, reason: status.reason, slots: [] };
    if (status.reason === 'holiday') day.note = status.note;
    if (status.reason === 'not_released') day.releasesAt = isoInZone(status.releasesAt, tenant.timeZone);
    return day;
  }
  const tz = tenant.timeZone;
  const slots = slotsOf(tenant, service, date)
    .filter((s) => now <= bookingCutoff(tenant, date, s))
    .map((s) => ({
      id: s.id,
      start: isoInZone(instantOf(date, s.startMinutes, tz), tz),
      end: isoInZone(instantOf(date, s.endMinutes, tz), tz),
      remaining: Object.fromEntries(
        Object.entries(service.quotaPerSlot).map(([channel, quota]) => [
          channel,
          Math.max(0, quota - (counts.get(countKey(s.id, channel)) ?? 0)),
        ]),
      ),
    }));
  return { date, open: true, slots };
}
