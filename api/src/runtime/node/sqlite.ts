/**
 * The Node runtime's store: one SQLite file through better-sqlite3, WAL mode. better-sqlite3 is synchronous, so a
 * `BEGIN IMMEDIATE` transaction runs to its end without another request interleaving, and the write lock keeps
 * other processes on the same file out while it does.
 */
import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { formatTicket, nextSequence } from '../../domain/numbering.js';
import { placeOf } from '../../store/store.js';
import type {
  BookingPlace,
  BookOutcome,
  BookingRecord,
  BookingStore,
  IdempotencyClaim,
  IssueCertificate,
  ChallengeStore,
  KeyStore,
  NewBooking,
  SecretStore,
  StoredKey,
} from '../../store/store.js';
import { PURGE_IDEMPOTENCY_SQL, PURGE_PERSONAL_DATA_SQL, toRecord, type BookingRow } from '../../store/booking-row.js';
import { KeyFilter } from './key-filter.js';

const MIGRATIONS = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/** Applies every `migrations/*.sql` not yet applied, in name order, each in its own transaction. */
export function migrate(db: Database.Database, dir = MIGRATIONS): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    if (applied.has(name)) continue;
    const sql = readFileSync(join(dir, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(name, Date.now());
    }).immediate();
  }
}

/** Bookings one commit takes at the most, and how long the first of them may wait for more (group commit). */
const GROUP_MAX = 64;
const GROUP_WAIT_MS = 2;
/**
 * How long `slotFull` trusts what it knows before it asks the file whether another connection has committed. Our
 * own commits it knows at once; another process's (a second server on the same file, an operator's tool) it sees
 * within this, as if those requests had come that much earlier. In a rush that is one read per some ten refusals.
 */
const VERSION_READ_MS = 1;
/**
 * Checkpointing copies the write-ahead log back into the database file; SQLite does it in the commit that takes the
 * log past 1,000 pages (4 MB), and that commit then takes milliseconds, not a fraction of one, while every request
 * waits. So the store checkpoints once bookings pause for `CHECKPOINT_IDLE_MS`, and leaves SQLite's own to a log
 * ten times that size, which only a long unbroken stream of bookings reaches.
 */
const CHECKPOINT_IDLE_MS = 250;
const AUTOCHECKPOINT_PAGES = 10_000;

/** `taken`: the slot's active bookings after this one, when it was counted. */
type Reserved =
  | { kind: 'reserved' | 'replayed'; booking: BookingRecord; signing?: Promise<string>; taken?: number }
  | { kind: 'quota_exhausted' | 'already_booked' | 'idempotency_key_reused'; taken?: number };

const slotKey = (p: Omit<BookingPlace, 'id' | 'agency'>) => `${p.tenant}|${p.service}|${p.date}|${p.slot}|${p.channel}`;

export class SqliteStore implements BookingStore, KeyStore, SecretStore, ChallengeStore {
  readonly db: Database.Database;
  /** Idempotency keys of bookings under way (waiting for their group, then signing). A restart empties it: what was pending is then resumable. */
  readonly #inFlight = new Set<string>();
  readonly #stmt;
  /**
   * What `slotFull` knows without reading, true of the file as of `data_version` `#seenVersion`. SQLite changes that
   * number when another connection commits, never for our own commits (`#othersWrote`).
   * - `#taken`: active bookings per slot (`tenant|service|date|slot|channel`) as a committed group counted them
   *   under the write lock. A slot not in it goes on to `book`, which counts. Forgotten when another connection
   *   commits: its bookings may have taken or freed places.
   * - `#keys`: the idempotency keys in the file (`tenant\nkey`), as a Bloom filter, each added as it is written.
   *   It holds every key only while `#keysComplete`: from its loading (at start, and in housekeeping after another
   *   connection wrote) until another connection commits, whose keys it has not seen.
   */
  readonly #taken = new Map<string, number>();
  #keys = new KeyFilter(0);
  #keysComplete = false;
  #seenVersion = -1;
  /** Checkpoints the log once bookings pause; pushed back by each commit. */
  readonly #checkpoint = setTimeout(() => {
    try {
      if (this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or out of space: SQLite checkpoints in a later commit.
    }
  }, CHECKPOINT_IDLE_MS).unref();
  /** When `slotFull` last read `data_version` (`performance.now()`). */
  #versionReadAt = -Infinity;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode loses no committed transaction on a process crash, only possibly on power loss.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    migrate(this.db);
    const db = this.db;
    this.#stmt = {
      idempotency: db.prepare('SELECT request_hash, booking_id FROM idempotency_keys WHERE tenant = ? AND key = ?'),
      activeInSlot: db
        .prepare(
          "SELECT count(*) FROM bookings WHERE tenant = ? AND service = ? AND date = ? AND slot = ? AND channel = ? AND status = 'active'",
        )
        .pluck(),
      citizenActive: db
        .prepare("SELECT 1 FROM bookings WHERE tenant = ? AND service = ? AND date = ? AND citizen_key = ? AND status = 'active'")
        .pluck(),
      highestTicket: db.prepare('SELECT coalesce(max(ticket_seq), 0) FROM bookings WHERE tenant = ? AND service = ? AND date = ?').pluck(),
      highestTicketIn: db
        .prepare('SELECT coalesce(max(ticket_seq), 0) FROM bookings WHERE tenant = ? AND service = ? AND date = ? AND ticket_seq BETWEEN ? AND ?')
        .pluck(),
      version: db.prepare('PRAGMA data_version').pluck(),
      keyExists: db.prepare('SELECT EXISTS (SELECT 1 FROM idempotency_keys WHERE tenant = ? AND key = ?)').pluck(),
      allKeys: db.prepare('SELECT tenant, key FROM idempotency_keys').raw(),
      keyCount: db.prepare('SELECT count(*) FROM idempotency_keys').pluck(),
      highestStatusIdx: db.prepare('SELECT coalesce(max(status_idx), -1) FROM bookings WHERE tenant = ?').pluck(),
      insert: db.prepare(`INSERT INTO bookings (id, tenant, service, agency, channel, date, slot, ticket_seq, ticket, status_idx,
          citizen_key, holder_name, phone, pact_version, pact_hash, pact_lang, pact_at, created_at, certificate)
        VALUES (@id, @tenant, @service, @agency, @channel, @date, @slot, @ticketSequence, @ticket, @statusIndex,
          @citizenKey, @holderName, @phone, @pactVersion, @pactHash, @pactLang, @pactAt, @createdAt, @certificate)`),
      insertIdempotency: db.prepare(
        'INSERT INTO idempotency_keys (tenant, key, request_hash, booking_id, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      get: db.prepare('SELECT * FROM bookings WHERE id = ?'),
      attach: db.prepare('UPDATE bookings SET certificate = ? WHERE id = ? AND certificate IS NULL'),
      counts: db.prepare(
        "SELECT slot, channel, count(*) AS n FROM bookings WHERE tenant = ? AND service = ? AND date = ? AND status = 'active' GROUP BY slot, channel",
      ),
      cancel: db.prepare("UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status = 'active'"),
      revoked: db
        .prepare("SELECT status_idx FROM bookings WHERE tenant = ? AND status = 'cancelled' AND status_idx >= ? AND status_idx < ?")
        .pluck(),
      pending: db.prepare('SELECT * FROM bookings WHERE certificate IS NULL'),
    };
    this.#loadKeys();
  }

  /**
   * Fills the filter with every idempotency key in the file, sized for twice as many. The version is read first, so
   * that a commit made while the keys are read shows as a new version at the next look.
   */
  #loadKeys(): void {
    const version = this.#stmt.version.get() as number;
    if (version !== this.#seenVersion) this.#othersWrote(version);
    const keys = new KeyFilter(2 * (this.#stmt.keyCount.get() as number));
    for (const [tenant, key] of this.#stmt.allKeys.iterate() as Iterable<[string, string]>) keys.add(`${tenant}\n${key}`);
    this.#keys = keys;
    this.#keysComplete = true;
  }

  /** Another connection has committed: the counts are forgotten, and the filter may lack its keys. */
  #othersWrote(version: number): void {
    this.#seenVersion = version;
    this.#taken.clear();
    this.#keysComplete = false;
  }

  async book(input: NewBooking, idempotency: IdempotencyClaim | undefined, issue: IssueCertificate): Promise<BookOutcome> {
    const flightKey = idempotency && `${input.tenant}\n${idempotency.key}`;
    if (flightKey) {
      if (this.#inFlight.has(flightKey)) return { kind: 'idempotency_in_flight' };
      this.#inFlight.add(flightKey);
    }
    try {
      const reserved = await this.#reserveInGroup(input, idempotency, issue);
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

  /**
   * Group commit. A commit writes every page the booking touched (the table and each index: some 40 KB of log) and
   * that, not the checks, is most of what a booking costs the store; bookings of the same service-day touch the
   * same pages, so one commit for several costs little more than for one. A booking waits for the next commit: at
   * the end of the next turn of the event loop in which no other booking joined, after `GROUP_WAIT_MS` at most, or
   * at once when `GROUP_MAX` wait. Alone, that is one turn. Each booking runs in its own savepoint, in arrival order,
   * so a failure takes back only its own writes, and each answer goes out only once the commit is durable.
   */
  #reserveInGroup(input: NewBooking, idempotency: IdempotencyClaim | undefined, issue: IssueCertificate): Promise<Reserved> {
    return new Promise((resolve, reject) => {
      const group = this.#group;
      group.waiting.push({ slot: slotKey(input), run: () => this.#reserve(input, idempotency, issue), resolve, reject });
      if (group.waiting.length === 1) {
        group.since = performance.now();
        this.#commitNextTurn();
      } else if (group.waiting.length >= GROUP_MAX) this.#commitGroup();
    });
  }

  readonly #group = {
    waiting: [] as { slot: string; run: () => Reserved; resolve: (r: Reserved) => void; reject: (e: unknown) => void }[],
    /** When the first of them arrived. */
    since: 0,
    /** How many waited when the next turn was asked for. */
    seen: 0,
  };

  #commitNextTurn(): void {
    this.#group.seen = this.#group.waiting.length;
    setImmediate(() => {
      const { waiting, seen, since } = this.#group;
      if (waiting.length === 0) return; // committed already (the group filled up)
      if (waiting.length > seen && performance.now() - since < GROUP_WAIT_MS) this.#commitNextTurn();
      else this.#commitGroup();
    });
  }

  #commitGroup(): void {
    const group = this.#group.waiting.splice(0);
    let results: ({ reserved: Reserved } | { error: unknown })[];
    try {
      results = this.db
        .transaction(() => {
          const version = this.#stmt.version.get() as number;
          if (version !== this.#seenVersion) this.#othersWrote(version);
          return group.map((g) => {
            try {
              // Inside a transaction, better-sqlite3 runs a nested one as a savepoint.
              return { reserved: this.db.transaction(g.run)() };
            } catch (error) {
              // Some errors (a full disk, I/O) make SQLite roll back the whole transaction, not only the savepoint:
              // the rest of the group must not go on outside it, so the whole group fails with the real cause.
              if (!this.db.inTransaction) throw error;
              return { error };
            }
          });
        })
        .immediate();
    } catch (error) {
      for (const g of group) g.reject(error);
      return;
    }
    this.#checkpoint.refresh();
    if (this.#taken.size >= 10_000) this.#taken.clear();
    results.forEach((r, i) => {
      if ('reserved' in r && r.reserved.taken !== undefined) this.#taken.set(group[i]!.slot, r.reserved.taken);
    });
    results.forEach((r, i) => ('reserved' in r ? group[i]!.resolve(r.reserved) : group[i]!.reject(r.error)));
  }

  /**
   * One booking's checks and writes, inside the group's transaction. A signer that answers at once signs here, so
   * booking and certificate are written together (and a crash leaves nothing to complete); a later answer comes
   * back as `signing`.
   */
  #reserve(input: NewBooking, idempotency: IdempotencyClaim | undefined, issue: IssueCertificate): Reserved {
    const s = this.#stmt;
    if (idempotency) {
      const prior = s.idempotency.get(input.tenant, idempotency.key) as { request_hash: string; booking_id: string } | undefined;
      if (prior) {
        if (prior.request_hash !== idempotency.requestHash) return { kind: 'idempotency_key_reused' as const };
        return { kind: 'replayed' as const, booking: toRecord(s.get.get(prior.booking_id) as BookingRow) };
      }
    }
    const taken = s.activeInSlot.get(input.tenant, input.service, input.date, input.slot, input.channel) as number;
    if (taken >= input.quota) return { kind: 'quota_exhausted' as const, taken };
    if (s.citizenActive.get(input.tenant, input.service, input.date, input.citizenKey)) return { kind: 'already_booked' as const, taken };
    const block = input.ticketBlock;
    const ticketSequence = nextSequence(
      block,
      s.highestTicketIn.get(input.tenant, input.service, input.date, block.first, block.last) as number,
      s.highestTicket.get(input.tenant, input.service, input.date) as number,
    );
    const booking: BookingRecord = {
      ...placeOf(input),
      ticket: formatTicket(input.ticketPrefix, ticketSequence),
      ticketSequence,
      status: 'active',
      statusIndex: (s.highestStatusIdx.get(input.tenant) as number) + 1,
      holderName: input.holderName,
      phone: input.phone,
      pact: input.pact,
      certificate: null,
      createdAt: input.createdAt,
      cancelledAt: null,
    };
    // Signed before the row is written, so that it is written once, with its certificate.
    const signed = issue(booking);
    const certificate = typeof signed === 'string' ? signed : null;
    // If this booking's writes are taken back, nobody awaits a later signature: its failure must not go unhandled.
    if (typeof signed !== 'string') signed.catch(() => undefined);
    s.insert.run({
      ...booking,
      citizenKey: input.citizenKey,
      pactVersion: input.pact.version,
      pactHash: input.pact.hash,
      pactLang: input.pact.lang,
      pactAt: input.pact.at,
      certificate,
    });
    if (idempotency) {
      s.insertIdempotency.run(input.tenant, idempotency.key, idempotency.requestHash, input.id, input.createdAt);
      // Before the commit: should it not come, the filter only says "maybe" to a key it could have said "no" to.
      this.#keys.add(`${input.tenant}\n${idempotency.key}`);
    }
    if (certificate === null) return { kind: 'reserved' as const, booking, signing: signed as Promise<string>, taken: taken + 1 };
    return { kind: 'reserved' as const, booking: { ...booking, certificate }, taken: taken + 1 };
  }

  async slotFull(place: Omit<BookingPlace, 'id' | 'agency'>, quota: number, idempotencyKey: string | undefined): Promise<boolean> {
    // A slot known full was full at the last commit, as if the request had come a moment earlier; one not known full
    // goes on to `book`, which counts again under the lock. Reads run outside a transaction: in WAL mode they see
    // the last commit without taking the write lock.
    const taken = this.#taken.get(slotKey(place));
    if (taken === undefined || taken < quota) return false;
    const now = performance.now();
    if (now - this.#versionReadAt >= VERSION_READ_MS) {
      this.#versionReadAt = now;
      const version = this.#stmt.version.get() as number;
      if (version !== this.#seenVersion) {
        this.#othersWrote(version);
        return false;
      }
    }
    // A retry of a key that booked must get its booking, not a refusal: unless the filter holds every key and is sure
    // this one never booked, the file says.
    if (idempotencyKey === undefined) return true;
    if (this.#keysComplete && !this.#keys.mightHave(`${place.tenant}\n${idempotencyKey}`)) return true;
    return this.#stmt.keyExists.get(place.tenant, idempotencyKey) === 0;
  }

  async activeCounts(tenant: string, service: string, date: string): Promise<Map<string, number>> {
    const rows = this.#stmt.counts.all(tenant, service, date) as { slot: string; channel: string; n: number }[];
    return new Map(rows.map((r) => [`${r.slot}|${r.channel}`, r.n]));
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
    if (outcome.kind === 'cancelled') this.#taken.delete(slotKey(outcome.booking));
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
    // Deleted keys stay in the filter (a "maybe" the file settles) until it is crowded; keys another connection
    // wrote enter it here, in the hourly housekeeping.
    if (this.#keys.crowded || !this.#keysComplete) this.#loadKeys();
    return purged;
  }

  async spend(signature: string, owner: string, expiresAt: number): Promise<boolean> {
    return this.db
      .transaction(() => {
        this.db.prepare('INSERT OR IGNORE INTO spent_challenges (signature, owner, expires_at) VALUES (?, ?, ?)').run(signature, owner, expiresAt);
        return this.db.prepare('SELECT owner FROM spent_challenges WHERE signature = ?').pluck().get(signature) === owner;
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
    return rows.map((r) => ({ kid: r.kid, privateJwk: r.private_jwk, publicJwk: r.public_jwk, createdAt: r.created_at, retiredAt: r.retired_at }));
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
    clearTimeout(this.#checkpoint);
    this.db.close();
  }
}
