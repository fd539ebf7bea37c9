/**
 * The Node runtime's store: one SQLite file through better-sqlite3, WAL mode. better-sqlite3 is synchronous, so a
 * `BEGIN IMMEDIATE` transaction runs to its end without another request interleaving, and the write lock keeps
 * other processes on the same file out while it does. A booking attempt is decided by the allocation rule
 * (`domain/allocation.ts`) over `SqliteServiceDay`, its reads and insert in this file's SQL.
 *
 * The mechanisms that make a rush cheap each have a file of their own, which says what it saves: `group-commit.ts`
 * (bookings that arrive together share one commit), `full-slots.ts` with `key-filter.ts` (a full slot refused
 * without a read), `checkpoints.ts` (the log copied back once bookings pause); the schema is `migrations.ts`.
 */
import Database from 'better-sqlite3';
import { type AllocationTx, allocate, type KeyHolder } from '../../domain/allocation.js';
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
import type {
  BookingAttempt,
  BookingRecord,
  BookingStore,
  BookOutcome,
  ChallengeStore,
  IdempotencyClaim,
  IssueCertificate,
  NewBooking,
  SecretStore,
  SigningKeyStore,
  StoredKey,
} from '../../store/store.js';
import { placeOf } from '../../store/store.js';
import { Checkpoints } from './checkpoints.js';
import { FullSlots, slotKey } from './full-slots.js';
import { GroupCommit } from './group-commit.js';
import { migrate } from './migrations.js';

export { migrate } from './migrations.js';

/** What the insert of a booking gives back: the booking, and its signature when the signer answers later. */
interface Inserted {
  booking: BookingRecord;
  signing: Promise<string> | undefined;
}

/**
 * One booking's outcome inside its group. `slot` and `taken`: the slot's `slotKey` and its active bookings after
 * this one, when the rule counted them.
 */
type Reserved =
  | {
      kind: 'reserved' | 'replayed';
      booking: BookingRecord;
      signing?: Promise<string> | undefined;
      slot?: string;
      taken?: number;
    }
  | { kind: 'quota_exhausted' | 'already_booked'; slot: string; taken: number }
  | { kind: 'idempotency_key_reused' };

/** The answer to nearly every attempt in a rush: one object for all of them. */
const SLOT_FULL: BookOutcome = Object.freeze({ kind: 'quota_exhausted' });

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database) {
  return {
    keyHolder: db.prepare(KEY_HOLDER),
    activeInSlot: db
      .prepare(
        "SELECT count(*) FROM bookings WHERE tenant = ? AND service = ? AND date = ? AND slot = ? AND channel = ? AND status = 'active'",
      )
      .pluck(),
    citizenActive: db
      .prepare(
        "SELECT 1 FROM bookings WHERE tenant = ? AND service = ? AND date = ? AND citizen_key = ? AND status = 'active'",
      )
      .pluck(),
    highestSequence: db
      .prepare('SELECT coalesce(max(ticket_seq), 0) FROM bookings WHERE tenant = ? AND service = ? AND date = ?')
      .pluck(),
    highestSequenceIn: db
      .prepare(
        'SELECT coalesce(max(ticket_seq), 0) FROM bookings WHERE tenant = ? AND service = ? AND date = ? AND ticket_seq BETWEEN ? AND ?',
      )
      .pluck(),
    highestStatusIdx: db.prepare('SELECT coalesce(max(status_idx), -1) FROM bookings WHERE tenant = ?').pluck(),
    insert:
      db.prepare(`INSERT INTO bookings (id, tenant, service, agency, channel, date, slot, ticket_seq, ticket, status_idx,
        citizen_key, holder_name, phone, pact_version, pact_hash, pact_lang, pact_at, created_at, certificate)
      VALUES (@id, @tenant, @service, @agency, @channel, @date, @slot, @sequence, @ticket, @statusIndex,
        @citizenKey, @holderName, @phone, @pactVersion, @pactHash, @pactLang, @pactAt, @createdAt, @certificate)`),
    insertIdempotency: db.prepare(
      'INSERT INTO idempotency_keys (tenant, key, request_hash, booking_id, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    get: db.prepare(BOOKING_BY_ID),
    attach: db.prepare(ATTACH_CERTIFICATE),
    counts: db.prepare(ACTIVE_COUNTS),
    cancel: db.prepare(CANCEL_BOOKING),
    revoked: db.prepare(REVOKED_INDEXES).pluck(),
    pending: db.prepare('SELECT * FROM bookings WHERE certificate IS NULL'),
  };
}

/**
 * The allocation rule's transaction on SQLite: the reads and the insert of one booking attempt's service-day, in
 * the group's transaction. One object for the store, pointed at each attempt in turn (`at`), so the hot path
 * allocates none.
 */
class SqliteServiceDay implements AllocationTx<string, Inserted> {
  input!: NewBooking;
  idempotency: IdempotencyClaim | undefined;
  issue!: IssueCertificate;

  constructor(
    readonly s: Statements,
    readonly fullSlots: FullSlots,
  ) {}

  at(input: NewBooking, idempotency: IdempotencyClaim | undefined, issue: IssueCertificate): this {
    this.input = input;
    this.idempotency = idempotency;
    this.issue = issue;
    return this;
  }

  keyHolder(key: string): KeyHolder<string> | undefined {
    const prior = this.s.keyHolder.get(this.input.tenant, key) as
      | { request_hash: string; booking_id: string }
      | undefined;
    return prior && { requestHash: prior.request_hash, held: prior.booking_id };
  }

  taken(slot: string, channel: string): number {
    const i = this.input;
    return this.s.activeInSlot.get(i.tenant, i.service, i.date, slot, channel) as number;
  }

  citizenHolds(citizenKey: string): boolean {
    const i = this.input;
    return this.s.citizenActive.get(i.tenant, i.service, i.date, citizenKey) !== undefined;
  }

  highestSequence(): number {
    const i = this.input;
    return this.s.highestSequence.get(i.tenant, i.service, i.date) as number;
  }

  highestSequenceIn(first: number, last: number): number {
    const i = this.input;
    return this.s.highestSequenceIn.get(i.tenant, i.service, i.date, first, last) as number;
  }

  /**
   * A signer that answers at once signs here, before the row is written, so booking and certificate are written
   * together, once (and a crash leaves nothing to complete); a later answer comes back as `signing`.
   */
  insert(sequence: number, ticket: string): Inserted {
    const { input, idempotency, s } = this;
    const booking: BookingRecord = {
      ...placeOf(input),
      ticket,
      sequence,
      status: 'active',
      statusIndex: (s.highestStatusIdx.get(input.tenant) as number) + 1,
      holderName: input.holderName,
      phone: input.phone,
      pact: input.pact,
      certificate: null,
      createdAt: input.createdAt,
      cancelledAt: null,
    };
    const signed = this.issue(booking);
    const certificate = typeof signed === 'string' ? signed : null;
    // If this booking's writes are taken back, nobody awaits a later signature: its failure must not go unhandled.
    if (typeof signed !== 'string') signed.catch(() => undefined);
    s.insert.run({
      ...booking,
      citizenKey: input.citizenKey,
      pactVersion: input.pact.version,
      pactHash: input.pact.hash,
      pactLang: input.pact.language,
      pactAt: input.pact.at,
      certificate,
    });
    if (idempotency) {
      s.insertIdempotency.run(input.tenant, idempotency.key, idempotency.requestHash, input.id, input.createdAt);
      this.fullSlots.keyWritten(input.tenant, idempotency.key);
    }
    if (certificate === null) return { booking, signing: signed as Promise<string> };
    booking.certificate = certificate;
    return { booking, signing: undefined };
  }
}

export class SqliteStore implements BookingStore, SigningKeyStore, SecretStore, ChallengeStore {
  readonly db: Database.Database;
  /** Idempotency keys of bookings under way (waiting for their group, then signing). A restart empties it: what was pending is then resumable. */
  readonly #inFlight = new Set<string>();
  readonly #stmt: Statements;
  /** Which slots are full, and which idempotency keys may have booked: a full slot is refused before any work. */
  readonly fullSlots: FullSlots;
  readonly #checkpoints: Checkpoints;
  readonly #groups: GroupCommit<Reserved>;
  readonly #serviceDay: SqliteServiceDay;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode loses no committed transaction on a process crash, only possibly on power loss.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.#checkpoints = new Checkpoints(this.db);
    migrate(this.db);
    this.#stmt = prepare(this.db);
    this.fullSlots = new FullSlots(this.db);
    this.#serviceDay = new SqliteServiceDay(this.#stmt, this.fullSlots);
    this.#groups = new GroupCommit<Reserved>(this.db, {
      begin: () => this.fullSlots.sync(),
      committed: (results) => {
        this.#checkpoints.committed();
        for (const r of results)
          if (r && 'taken' in r && r.taken !== undefined) this.fullSlots.counted(r.slot!, r.taken);
      },
    });
  }

  async book(attempt: BookingAttempt, issue: IssueCertificate): Promise<BookOutcome> {
    // In a rush nearly every attempt ends here: no hash, no proof spent, no write transaction.
    if (this.fullSlots.refuses(attempt.place, attempt.quota, attempt.idempotencyKey)) return SLOT_FULL;
    const { booking: input, idempotency } = await attempt.prepare();
    const flightKey = idempotency && `${input.tenant}\n${idempotency.key}`;
    if (flightKey) {
      if (this.#inFlight.has(flightKey)) return { kind: 'idempotency_in_flight' };
      this.#inFlight.add(flightKey);
    }
    try {
      const reserved = await this.#groups.run(() => this.#reserve(input, idempotency, issue));
      if (!('booking' in reserved)) return { kind: reserved.kind };
      let booking = reserved.booking;
      if (booking.certificate === null) {
        // Signed later than the allocation (an asynchronous signer, or a replay of a booking a crash left unsigned).
        const certificate = await (reserved.signing ?? issue(booking));
        this.#stmt.attach.run(certificate, booking.id);
        booking = toRecord(this.#stmt.get.get(booking.id) as BookingRow);
      }
      const kind = reserved.kind === 'reserved' ? 'created' : 'replayed';
      return { kind, booking: booking as BookingRecord & { certificate: string } };
    } finally {
      if (flightKey) this.#inFlight.delete(flightKey);
    }
  }

  /** One booking attempt, inside its group's transaction: the allocation rule over this store's SQL. */
  #reserve(input: NewBooking, idempotency: IdempotencyClaim | undefined, issue: IssueCertificate): Reserved {
    const outcome = allocate(this.#serviceDay.at(input, idempotency, issue), input, idempotency);
    switch (outcome.kind) {
      case 'booked':
        return {
          kind: 'reserved',
          booking: outcome.inserted.booking,
          signing: outcome.inserted.signing,
          slot: slotKey(input),
          taken: outcome.taken,
        };
      case 'replay':
        return { kind: 'replayed', booking: toRecord(this.#stmt.get.get(outcome.held) as BookingRow) };
      case 'quota_exhausted':
      case 'already_booked':
        return { kind: outcome.kind, slot: slotKey(input), taken: outcome.taken };
      default:
        return outcome;
    }
  }

  async activeCounts(tenant: string, service: string, date: string): Promise<Map<string, number>> {
    return countsBySlot(this.#stmt.counts.all(tenant, service, date) as { slot: string; channel: string; n: number }[]);
  }

  async get(id: string): Promise<BookingRecord | undefined> {
    const row = this.#stmt.get.get(id) as BookingRow | undefined;
    return row && toRecord(row);
  }

  async cancel(id: string, at: number) {
    const outcome = this.db
      .transaction(() => {
        const row = this.#stmt.get.get(id) as BookingRow | undefined;
        if (!row) return { kind: 'not_found' as const };
        if (this.#stmt.cancel.run(at, id).changes === 0) return { kind: 'already_cancelled' as const };
        return { kind: 'cancelled' as const, booking: toRecord(this.#stmt.get.get(id) as BookingRow) };
      })
      .immediate();
    // A place is free again: the next booking there counts it under the lock.
    if (outcome.kind === 'cancelled') this.fullSlots.freed(slotKey(outcome.booking));
    return outcome;
  }

  async revokedIndexes(tenant: string, from: number, to: number): Promise<number[]> {
    return this.#stmt.revoked.all(tenant, from, to) as number[];
  }

  async pendingCertificates(): Promise<BookingRecord[]> {
    return (this.#stmt.pending.all() as BookingRow[]).map(toRecord);
  }

  async attachCertificate(id: string, certificate: string): Promise<void> {
    this.#stmt.attach.run(certificate, id);
  }

  async purgePersonalData(tenant: string, beforeDate: string, at: number): Promise<number> {
    const purged = this.db
      .transaction(() => {
        this.db.prepare(PURGE_IDEMPOTENCY_SQL).run(tenant, beforeDate);
        return this.db.prepare(PURGE_PERSONAL_DATA_SQL).run(at, tenant, beforeDate).changes;
      })
      .immediate();
    this.fullSlots.purged();
    return purged;
  }

  async spend(signature: string, owner: string, expiresAt: number): Promise<boolean> {
    return this.db
      .transaction(() => {
        this.db
          .prepare('INSERT OR IGNORE INTO spent_challenges (signature, owner, expires_at) VALUES (?, ?, ?)')
          .run(signature, owner, expiresAt);
        return (
          this.db.prepare('SELECT owner FROM spent_challenges WHERE signature = ?').pluck().get(signature) === owner
        );
      })
      .immediate();
  }

  async purgeExpired(before: number): Promise<number> {
    return this.db.prepare('DELETE FROM spent_challenges WHERE expires_at < ?').run(before).changes;
  }

  async listKeys(): Promise<StoredKey[]> {
    const rows = this.db.prepare('SELECT * FROM signing_keys ORDER BY created_at').all() as {
      kid: string;
      private_jwk: string;
      public_jwk: string;
      created_at: number;
      retired_at: number | null;
    }[];
    return rows.map((r) => ({
      kid: r.kid,
      privateJwk: r.private_jwk,
      publicJwk: r.public_jwk,
      createdAt: r.created_at,
      retiredAt: r.retired_at,
    }));
  }

  async addKey(key: StoredKey): Promise<void> {
    this.db
      .prepare('INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?)')
      .run(key.kid, key.privateJwk, key.publicJwk, key.createdAt, key.retiredAt);
  }

  async retireKey(kid: string, at: number): Promise<void> {
    this.db.prepare('UPDATE signing_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL').run(at, kid);
  }

  async secret(name: string, create: () => string): Promise<string> {
    this.db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run(name, create());
    return this.db.prepare('SELECT value FROM secrets WHERE name = ?').pluck().get(name) as string;
  }

  close(): void {
    this.#checkpoints.close();
    this.db.close();
  }
}
