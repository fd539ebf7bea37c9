/**
 * One Durable Object per service-day (tenant, service, date): the single owner of its quota, ticket sequences,
 * idempotency keys and one-booking-per-citizen rule, which the allocation rule (`domain/allocation.ts`) decides over
 * its own SQLite. A Durable Object runs one event at a time, and the synchronous part of `book` (the rule and the
 * insert, in `transactionSync`) has no `await` inside, so it is atomic whichever data centre the requests come
 * from: no overbooking, no repeated sequence. The class keeps its deployed name: renaming it needs a migration.
 *
 * Consistency with D1 — nothing allocated is lost:
 * 1. the place is committed here first, as `allocated`, with the D1 row it will become (`draft`);
 * 2. this object then writes that row to D1 (`D1Records.record`, idempotent) and marks the place `recorded`,
 *    dropping the draft and the personal data in it;
 * 3. if the D1 write fails, a keyed place stays `allocated`: a retry with the same Idempotency-Key finds it and
 *    repeats step 2 (and the certificate), and the alarm repeats step 2 on its own after `SETTLE_MS` otherwise.
 *    An unkeyed request answered 500 cannot be retried into its booking, so its place is made `void` at once —
 *    freed, its number never reused — and the alarm deletes whatever part of it may have reached D1.
 * Cancellations are applied here first (freeing the place), then to D1; the alarm re-applies any that failed.
 * Two days after its date, with nothing left to sync, the object deletes all its storage.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Language } from '@pakta/sdk/protocol';
import { allocate } from '../../domain/allocation.js';
import { type BookingRecord, type IdempotencyClaim, type NewBooking, placeOf } from '../../store/store.js';
import { D1Records, type DraftBooking } from './d1.js';

/** How long an idempotency key stays "in flight" if the Worker handling it never reports back. */
export const IN_FLIGHT_LEASE_MS = 30_000;
/** How long a place may stay unsynced before the alarm syncs it (the request itself normally does it at once). */
export const SETTLE_MS = 30_000;
/** Retry interval of the alarm while D1 refuses writes. */
export const RETRY_MS = 30_000;
/** After the date, how long the object keeps its storage (late cancellations still find it). */
export const KEEP_AFTER_DATE_MS = 2 * 86_400_000;

export interface DayQueueEnv {
  DB: D1Database;
}

export type QueueOutcome =
  | { kind: 'created' | 'replayed'; booking: BookingRecord }
  | { kind: 'quota_exhausted' | 'already_booked' | 'idempotency_key_reused' | 'idempotency_in_flight' };

export type QueueCancel = { kind: 'applied'; changes: number } | { kind: 'unknown' };

/** What the Worker calls on a stub (every RPC answers a promise). */
export interface DayQueueApi {
  book(input: NewBooking, idempotency: IdempotencyClaim | undefined): Promise<QueueOutcome>;
  finish(id: string, key: string, certificate: string): Promise<BookingRecord>;
  release(key: string): Promise<void>;
  cancel(id: string, at: number): Promise<QueueCancel>;
}

/** The object's name: one per service-day (tenant, service and date). */
export function serviceDayName(tenant: string, service: string, date: string): string {
  return `${tenant}/${service}/${date}`;
}

interface PlaceRow extends Record<string, string | number | null> {
  id: string;
  seq: number;
  state: 'allocated' | 'recorded' | 'void';
  status: 'active' | 'cancelled';
  draft: string | null;
  idem_key: string | null;
  request_hash: string | null;
  needs_sync: number;
  cancelled_at: number | null;
  created_at: number;
}

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
  `CREATE TABLE IF NOT EXISTS places (
    id           TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL UNIQUE,   -- ticket sequence; a void place keeps its number, so none is reused
    slot         TEXT NOT NULL,
    channel      TEXT NOT NULL,
    citizen_key  TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('allocated', 'recorded', 'void')),
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    draft        TEXT,                      -- JSON of the D1 row, while allocated (holds personal data)
    idem_key     TEXT UNIQUE,
    request_hash TEXT,
    needs_sync   INTEGER NOT NULL DEFAULT 0, -- a void or a cancellation D1 has not confirmed yet
    cancelled_at INTEGER,
    created_at   INTEGER NOT NULL
  )`,
  "CREATE UNIQUE INDEX IF NOT EXISTS places_citizen ON places (citizen_key) WHERE status = 'active' AND state <> 'void'",
  "CREATE INDEX IF NOT EXISTS places_taken ON places (slot, channel) WHERE status = 'active' AND state <> 'void'",
  "CREATE INDEX IF NOT EXISTS places_work ON places (created_at) WHERE state = 'allocated' OR needs_sync = 1",
];

type Claim =
  | { kind: 'allocated'; place: PlaceRow }
  | { kind: 'replay'; place: PlaceRow }
  | { kind: 'quota_exhausted' | 'already_booked' | 'idempotency_key_reused' };

export class DayQueue extends DurableObject<DayQueueEnv> implements DayQueueApi {
  readonly #state: DurableObjectState;
  readonly #records: D1Records;
  /** Idempotency keys being processed, with the end of their lease. Lost on eviction, which only frees them. */
  readonly #inFlight = new Map<string, number>();
  /** The waits above; a subclass may shorten them (the consistency tests do, to see the alarm work and the day expire). */
  protected readonly timing = { settleMs: SETTLE_MS, retryMs: RETRY_MS, keepAfterDateMs: KEEP_AFTER_DATE_MS };

  constructor(state: DurableObjectState, env: DayQueueEnv) {
    super(state, env);
    this.#state = state;
    this.#records = new D1Records(env.DB);
  }

  /** Whether this object holds its service-day at all; an object only asked about a deleted one stays empty (and free). */
  #schemaReady: boolean | undefined;

  #hasSchema(): boolean {
    this.#schemaReady ??=
      this.#state.storage.sql
        .exec("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'places'")
        .toArray().length > 0;
    return this.#schemaReady;
  }

  #ensureSchema(): void {
    if (this.#hasSchema()) return;
    for (const statement of SCHEMA) this.#state.storage.sql.exec(statement);
    this.#schemaReady = true;
  }

  #sql<T extends Record<string, string | number | null>>(query: string, ...bindings: unknown[]): T[] {
    return this.#state.storage.sql.exec<T>(query, ...bindings).toArray();
  }

  async book(input: NewBooking, idempotency: IdempotencyClaim | undefined): Promise<QueueOutcome> {
    const now = Date.now();
    const key = idempotency?.key;
    if (key !== undefined && (this.#inFlight.get(key) ?? 0) > now) return { kind: 'idempotency_in_flight' };
    this.#ensureSchema();
    const claim = this.#state.storage.transactionSync(() => this.#claim(input, idempotency, now));
    if (claim.kind !== 'allocated' && claim.kind !== 'replay') return claim;
    if (key !== undefined) this.#inFlight.set(key, now + IN_FLIGHT_LEASE_MS);
    let keepInFlight = false;
    try {
      if (claim.kind === 'allocated') await this.#wake(now + this.timing.settleMs);
      const outcome = await this.#sync(claim.place, idempotency);
      if (outcome.kind !== 'recorded') return { kind: 'idempotency_key_reused' };
      // Without a certificate the Worker signs next and reports back through `finish`.
      keepInFlight = key !== undefined && outcome.booking.certificate === null;
      return { kind: claim.kind === 'allocated' ? 'created' : 'replayed', booking: outcome.booking };
    } catch (e) {
      if (key === undefined && claim.kind === 'allocated') this.#void(claim.place.id);
      throw e;
    } finally {
      if (key !== undefined && !keepInFlight) this.#inFlight.delete(key);
    }
  }

  /**
   * The atomic part: the allocation rule (`domain/allocation.ts`) over this object's places, then the insert. A
   * voided place keeps its key spent and its number taken, but frees its place and its citizen.
   */
  #claim(input: NewBooking, idempotency: IdempotencyClaim | undefined, now: number): Claim {
    const live = "status = 'active' AND state <> 'void'";
    const outcome = allocate<PlaceRow, PlaceRow>(
      {
        keyHolder: (key) => {
          const [prior] = this.#sql<PlaceRow>('SELECT * FROM places WHERE idem_key = ?', key);
          return prior && { requestHash: prior.request_hash ?? '', voided: prior.state === 'void', held: prior };
        },
        taken: (slot, channel) =>
          this.#sql<{ n: number }>(
            `SELECT count(*) AS n FROM places WHERE slot = ? AND channel = ? AND ${live}`,
            slot,
            channel,
          )[0]!.n,
        citizenHolds: (citizenKey) =>
          this.#sql(`SELECT 1 AS x FROM places WHERE citizen_key = ? AND ${live}`, citizenKey).length > 0,
        highestSequence: () => this.#sql<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM places')[0]!.n,
        highestSequenceIn: (first, last) =>
          this.#sql<{ n: number }>(
            'SELECT coalesce(max(seq), 0) AS n FROM places WHERE seq BETWEEN ? AND ?',
            first,
            last,
          )[0]!.n,
        insert: (sequence, ticket) => this.#insert(input, idempotency, sequence, ticket, now),
      },
      input,
      idempotency,
    );
    switch (outcome.kind) {
      case 'booked':
        return { kind: 'allocated', place: outcome.inserted };
      case 'replay':
        return { kind: 'replay', place: outcome.held };
      default:
        return { kind: outcome.kind };
    }
  }

  /** Writes an allocated place, with the D1 row it will become (`draft`), and answers it as stored. */
  #insert(
    input: NewBooking,
    idempotency: IdempotencyClaim | undefined,
    sequence: number,
    ticket: string,
    now: number,
  ): PlaceRow {
    const draft: DraftBooking = {
      ...placeOf(input),
      sequence,
      ticket,
      citizenKey: input.citizenKey,
      holderName: input.holderName,
      phone: input.phone,
      pact: input.pact,
      createdAt: input.createdAt,
    };
    this.#sql("INSERT OR IGNORE INTO meta (name, value) VALUES ('date', ?)", input.date);
    this.#sql(
      "INSERT INTO places (id, seq, slot, channel, citizen_key, state, draft, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?, ?, 'allocated', ?, ?, ?, ?)",
      input.id,
      sequence,
      input.slot,
      input.channel,
      input.citizenKey,
      JSON.stringify(draft),
      idempotency?.key ?? null,
      idempotency?.requestHash ?? null,
      now,
    );
    return this.#sql<PlaceRow>('SELECT * FROM places WHERE id = ?', input.id)[0]!;
  }

  /** Brings D1 up to date with one place and answers the booking as D1 holds it. */
  async #sync(place: PlaceRow, idempotency: IdempotencyClaim | undefined) {
    if (place.state === 'allocated' && place.draft !== null) {
      // The sequence from its column, and the pact's language under either name: a draft written before the fields
      // were named `sequence` and `language` (drafts outlive a deploy while D1 is down) calls them otherwise.
      const draft = JSON.parse(place.draft) as DraftBooking & { pact: { lang?: Language } };
      const pact = { ...draft.pact, language: draft.pact.language ?? draft.pact.lang! };
      const outcome = await this.#records.record({ ...draft, pact, sequence: place.seq }, idempotency);
      if (outcome.kind === 'key_taken') {
        this.#void(place.id);
        return outcome;
      }
      this.#sql("UPDATE places SET state = 'recorded', draft = NULL WHERE id = ? AND state = 'allocated'", place.id);
      return outcome;
    }
    const booking = await this.#records.get(place.id);
    if (!booking) throw new Error(`booking ${place.id} is recorded in its service-day's object but missing from D1`);
    return { kind: 'recorded' as const, booking };
  }

  /** Frees a place whose request failed; its number stays taken, and D1 is cleaned by the alarm. */
  #void(id: string): void {
    this.#sql("UPDATE places SET state = 'void', draft = NULL, needs_sync = 1 WHERE id = ?", id);
    void this.#wake(Date.now() + this.timing.settleMs);
  }

  /** The Worker signed the certificate: store it in D1 and let the key go. Answers the booking as stored. */
  async finish(id: string, key: string, certificate: string): Promise<BookingRecord> {
    try {
      const booking = await this.#records.attachCertificate(id, certificate);
      if (!booking) throw new Error(`booking ${id} is missing from D1`);
      return booking;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async release(key: string): Promise<void> {
    this.#inFlight.delete(key);
  }

  /** Frees the place, then revokes in D1. `changes` is 0 when D1 already had it cancelled. */
  async cancel(id: string, at: number): Promise<QueueCancel> {
    if (!this.#hasSchema()) return { kind: 'unknown' };
    const [place] = this.#sql<PlaceRow>('SELECT * FROM places WHERE id = ?', id);
    if (!place || place.state === 'void') return { kind: 'unknown' };
    if (place.status === 'active')
      this.#sql("UPDATE places SET status = 'cancelled', cancelled_at = ?, needs_sync = 1 WHERE id = ?", at, id);
    await this.#wake(Date.now() + this.timing.settleMs);
    const changes = await this.#records.markCancelled(id, place.cancelled_at ?? at);
    this.#sql('UPDATE places SET needs_sync = 0 WHERE id = ? AND state = ?', id, 'recorded');
    return { kind: 'applied', changes };
  }

  /** Sets the alarm to `at` unless it is already due sooner. */
  async #wake(at: number): Promise<void> {
    const current = await this.#state.storage.getAlarm();
    if (current === null || current > at) await this.#state.storage.setAlarm(at);
  }

  /** Reconciles with D1 whatever a request left unsynced, then sleeps until there is work or the day expires. */
  override async alarm(): Promise<void> {
    if (!this.#hasSchema()) return;
    const now = Date.now();
    const work = this.#sql<PlaceRow>(
      "SELECT * FROM places WHERE (state = 'allocated' AND created_at <= ?) OR needs_sync = 1",
      now - this.timing.settleMs,
    );
    let unsynced = 0;
    for (const place of work) {
      if (place.idem_key !== null && (this.#inFlight.get(place.idem_key) ?? 0) > now) {
        unsynced++;
        continue;
      }
      try {
        await this.#reconcile(place);
      } catch {
        unsynced++;
      }
    }
    const [pending] = this.#sql<{ n: number }>(
      "SELECT count(*) AS n FROM places WHERE state = 'allocated' OR needs_sync = 1",
    );
    if (unsynced > 0 || pending!.n > 0) return this.#state.storage.setAlarm(now + this.timing.retryMs);
    const [date] = this.#sql<{ value: string }>("SELECT value FROM meta WHERE name = 'date'");
    const expires = date ? Date.parse(`${date.value}T00:00:00Z`) + this.timing.keepAfterDateMs : now;
    if (expires > now) return this.#state.storage.setAlarm(expires);
    // Also deletes the alarm (compatibility date 2026-02-24 on), leaving nothing stored.
    await this.#state.storage.deleteAll();
    this.#schemaReady = false;
  }

  async #reconcile(place: PlaceRow): Promise<void> {
    if (place.state === 'void') {
      await this.#records.discard(place.id);
      this.#sql('UPDATE places SET needs_sync = 0 WHERE id = ?', place.id);
      return;
    }
    if (place.state === 'allocated') {
      const claim =
        place.idem_key !== null ? { key: place.idem_key, requestHash: place.request_hash ?? '' } : undefined;
      const outcome = await this.#sync(place, claim);
      if (outcome.kind !== 'recorded') return;
    }
    if (place.status === 'cancelled') {
      await this.#records.markCancelled(place.id, place.cancelled_at ?? Date.now());
      this.#sql('UPDATE places SET needs_sync = 0 WHERE id = ?', place.id);
    }
  }
}
