/**
 * Booking records in D1, the Workers runtime's shared database: what reads across service-days need (a booking
 * by id for the manage routes, counts for availability, revoked indexes for status lists, pending certificates).
 * Same tables as the Node runtime, from the same `api/migrations/*.sql`.
 *
 * Ticket sequences are not decided here: each service-day's Durable Object (`day-queue.ts`) allocates them and is
 * the only writer of its bookings' rows. The tenant-wide status-list index, which must be unique across all those
 * objects, is allocated here, in the insert itself (see `record`).
 */

import { type BookingRow, toRecord } from '../../store/booking-row.js';
import {
  ACTIVE_COUNTS,
  ATTACH_CERTIFICATE,
  BOOKING_BY_ID,
  CANCEL_BOOKING,
  countsBySlot,
  KEY_HOLDER,
  PURGE_IDEMPOTENCY_SQL,
  PURGE_PERSONAL_DATA_SQL,
  REVOKED_INDEXES,
} from '../../store/statements.js';
import type { BookingPlace, BookingRecord, IdempotencyClaim, PactAgreement } from '../../store/store.js';

/** A booking as its Durable Object hands it to D1: everything but the status index and the certificate. */
export interface DraftBooking extends BookingPlace {
  sequence: number;
  ticket: string;
  citizenKey: string;
  holderName: string;
  phone: string;
  pact: PactAgreement;
  createdAt: number;
}

/** The D1 write of a booking either lands, or finds its idempotency key already owned by another booking. */
export type RecordOutcome = { kind: 'recorded'; booking: BookingRecord } | { kind: 'key_taken'; requestHash: string };

/**
 * Inserts the booking unless its id is already there (a retried write is a no-op) or its idempotency key belongs
 * to another booking of the tenant (the same key sent with another body to another service-day). The status index
 * is `max + 1` of the tenant, computed inside the statement: D1 runs one statement at a time on its primary, so two
 * inserts never read the same maximum, and the unique index `(tenant, status_idx)` would refuse it if they did.
 */
const INSERT_BOOKING = `INSERT INTO bookings (id, tenant, service, agency, channel, date, slot, ticket_seq, ticket, status_idx,
    citizen_key, holder_name, phone, pact_version, pact_hash, pact_lang, pact_at, created_at)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, (SELECT coalesce(max(status_idx), -1) + 1 FROM bookings WHERE tenant = ?2),
    ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17
  WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE tenant = ?2 AND key = ?18 AND booking_id <> ?1)
  ON CONFLICT (id) DO NOTHING`;

const INSERT_KEY = `INSERT INTO idempotency_keys (tenant, key, request_hash, booking_id, created_at)
  SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM bookings WHERE id = ?4)
  ON CONFLICT (tenant, key) DO NOTHING`;

export class D1Records {
  constructor(readonly db: D1Database) {}

  /** Writes a booking allocated by its Durable Object; safe to repeat. One batch, so one transaction. */
  async record(draft: DraftBooking, idempotency: IdempotencyClaim | undefined): Promise<RecordOutcome> {
    const d = draft;
    const statements = [
      this.db
        .prepare(INSERT_BOOKING)
        .bind(
          d.id,
          d.tenant,
          d.service,
          d.agency,
          d.channel,
          d.date,
          d.slot,
          d.sequence,
          d.ticket,
          d.citizenKey,
          d.holderName,
          d.phone,
          d.pact.version,
          d.pact.hash,
          d.pact.language,
          d.pact.at,
          d.createdAt,
          idempotency?.key ?? null,
        ),
    ];
    if (idempotency)
      statements.push(
        this.db.prepare(INSERT_KEY).bind(d.tenant, idempotency.key, idempotency.requestHash, d.id, d.createdAt),
      );
    statements.push(this.db.prepare(BOOKING_BY_ID).bind(d.id));
    if (idempotency) statements.push(this.db.prepare(KEY_HOLDER).bind(d.tenant, idempotency.key));
    const results = await this.db.batch(statements);
    if (idempotency) {
      const owner = results[3]!.results[0] as { booking_id: string; request_hash: string } | undefined;
      if (owner && owner.booking_id !== d.id) return { kind: 'key_taken', requestHash: owner.request_hash };
    }
    const row = results[idempotency ? 2 : 1]!.results[0] as BookingRow | undefined;
    if (!row) throw new Error(`booking ${d.id} was not written to D1`);
    return { kind: 'recorded', booking: toRecord(row) };
  }

  /** Who holds an idempotency key of a tenant, if anyone: lets a reused key be refused before any allocation. */
  async keyOwner(tenant: string, key: string): Promise<{ bookingId: string; requestHash: string } | undefined> {
    const row = await this.db
      .prepare(KEY_HOLDER)
      .bind(tenant, key)
      .first<{ booking_id: string; request_hash: string }>();
    return row ? { bookingId: row.booking_id, requestHash: row.request_hash } : undefined;
  }

  async get(id: string): Promise<BookingRecord | undefined> {
    const row = await this.db.prepare(BOOKING_BY_ID).bind(id).first<BookingRow>();
    return row ? toRecord(row) : undefined;
  }

  /** Stores a certificate unless one already is, and answers the booking as stored (whichever certificate won). */
  async attachCertificate(id: string, certificate: string): Promise<BookingRecord | undefined> {
    const [, read] = await this.db.batch([
      this.db.prepare(ATTACH_CERTIFICATE).bind(certificate, id),
      this.db.prepare(BOOKING_BY_ID).bind(id),
    ]);
    const row = read!.results[0] as BookingRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Marks an active booking cancelled (revoking its certificate); 0 when it was not active. */
  async markCancelled(id: string, at: number): Promise<number> {
    const result = await this.db.prepare(CANCEL_BOOKING).bind(at, id).run();
    return result.meta.changes;
  }

  /** Removes a booking whose request failed before anyone was given it, with its idempotency key. */
  async discard(id: string): Promise<void> {
    await this.db.batch([
      this.db.prepare('DELETE FROM idempotency_keys WHERE booking_id = ?').bind(id),
      this.db.prepare('DELETE FROM bookings WHERE id = ?').bind(id),
    ]);
  }

  async activeCounts(tenant: string, service: string, date: string): Promise<Map<string, number>> {
    const { results } = await this.db
      .prepare(ACTIVE_COUNTS)
      .bind(tenant, service, date)
      .all<{ slot: string; channel: string; n: number }>();
    return countsBySlot(results);
  }

  async revokedIndexes(tenant: string, from: number, to: number): Promise<number[]> {
    const { results } = await this.db.prepare(REVOKED_INDEXES).bind(tenant, from, to).all<{ status_idx: number }>();
    return results.map((r) => r.status_idx);
  }

  /** Bookings without a certificate created before `before` (epoch ms): younger ones may still be signing. */
  async pendingCertificates(before: number): Promise<BookingRecord[]> {
    const { results } = await this.db
      .prepare('SELECT * FROM bookings WHERE certificate IS NULL AND created_at < ?')
      .bind(before)
      .all<BookingRow>();
    return results.map(toRecord);
  }

  async purgePersonalData(tenant: string, beforeDate: string, at: number): Promise<number> {
    const [, result] = await this.db.batch([
      this.db.prepare(PURGE_IDEMPOTENCY_SQL).bind(tenant, beforeDate),
      this.db.prepare(PURGE_PERSONAL_DATA_SQL).bind(at, tenant, beforeDate),
    ]);
    return result!.meta.changes;
  }
}
