/**
 * The SQL both SQL stores run as written: SQLite on Node (`runtime/node/sqlite.ts`) and D1 on Workers
 * (`runtime/workers/d1.ts`) read and write the same tables from the same `api/migrations/*.sql`, so each statement
 * they share lives here once, with the row mapping in `booking-row.ts`. Plain strings, positional `?` parameters in
 * the order each comment gives; no I/O and no runtime imports, so the Workers bundle can take it.
 */

/** A booking by id. Parameters: id. */
export const BOOKING_BY_ID = 'SELECT * FROM bookings WHERE id = ?';

/** Active bookings of one service-day per slot and channel, as rows `{ slot, channel, n }`. Parameters: tenant, service, date. */
export const ACTIVE_COUNTS =
  "SELECT slot, channel, count(*) AS n FROM bookings WHERE tenant = ? AND service = ? AND date = ? AND status = 'active' GROUP BY slot, channel";

/** The `ACTIVE_COUNTS` rows as the store answers them, keyed `slot|channel`. */
export function countsBySlot(rows: readonly { slot: string; channel: string; n: number }[]): Map<string, number> {
  return new Map(rows.map((r) => [`${r.slot}|${r.channel}`, r.n]));
}

/** Status-list indexes of a tenant's cancelled bookings in `[from, to)`, as rows `{ status_idx }`. Parameters: tenant, from, to. */
export const REVOKED_INDEXES =
  "SELECT status_idx FROM bookings WHERE tenant = ? AND status = 'cancelled' AND status_idx >= ? AND status_idx < ?";

/** Who holds an idempotency key of a tenant, as a row `{ request_hash, booking_id }`. Parameters: tenant, key. */
export const KEY_HOLDER = 'SELECT request_hash, booking_id FROM idempotency_keys WHERE tenant = ? AND key = ?';

/** Stores a certificate unless the booking has one already. Parameters: certificate, id. */
export const ATTACH_CERTIFICATE = 'UPDATE bookings SET certificate = ? WHERE id = ? AND certificate IS NULL';

/** Cancels an active booking; changes nothing when it is not active. Parameters: time, id. */
export const CANCEL_BOOKING =
  "UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status = 'active'";

/**
 * Retention: the idempotency records of bookings past retention go first (their request fingerprints derive from
 * the personal data), then the personal fields. Parameters: tenant, before-date; then time, tenant, before-date.
 */
export const PURGE_IDEMPOTENCY_SQL =
  'DELETE FROM idempotency_keys WHERE booking_id IN (SELECT id FROM bookings WHERE tenant = ? AND date < ?)';
export const PURGE_PERSONAL_DATA_SQL =
  'UPDATE bookings SET holder_name = NULL, phone = NULL, citizen_key = NULL, purged_at = ? WHERE tenant = ? AND date < ? AND purged_at IS NULL';
