/**
 * Refusing a full slot from what the store knows, without reading the file. In a rush nearly every request is for a
 * slot already full; a refusal that read SQLite (a read transaction and a key lookup) spent about a tenth of its
 * time there, and one that went on to `book` would also pay for the citizen's hash, the proof of work and a write
 * transaction. Node-only: a Workers store answers a booking in one round trip to its Durable Object anyway.
 *
 * What it knows is true of the file as of `data_version` `#seenVersion`; SQLite changes that number when another
 * connection commits, never for our own commits.
 * - `#taken`: active bookings per slot and channel (`slotKey`) as a committed group counted them under the write
 *   lock. A slot not in it goes on to `book`, which counts. Forgotten when another connection commits: its bookings
 *   may have taken or freed places.
 * - `#keys`: the idempotency keys in the file (`tenant\nkey`), as a Bloom filter (`key-filter.ts`), each added as it
 *   is written. It holds every key only while `#keysComplete`: from its loading (at start, and in housekeeping
 *   after another connection wrote) until another connection commits, whose keys it has not seen. A retry of a key
 *   that booked must reach its booking, not a refusal: unless the filter is sure the key never booked, the file says.
 */
import type Database from 'better-sqlite3';
import type { SlotPlace } from '../../store/store.js';
import { KeyFilter } from './key-filter.js';

/**
 * How long what it knows is trusted before it asks the file whether another connection has committed. Our own
 * commits it knows at once; another process's (a second server on the same file, an operator's tool) it sees within
 * this, as if those requests had come that much earlier. In a rush that is one read per some ten refusals.
 */
const VERSION_READ_MS = 1;

/** Slots remembered at the most before they are all forgotten (each is counted again by its next booking). */
const MAX_SLOTS = 10_000;

export const slotKey = (p: SlotPlace): string => `${p.tenant}|${p.service}|${p.date}|${p.slot}|${p.channel}`;

export class FullSlots {
  readonly #taken = new Map<string, number>();
  #keys = new KeyFilter(0);
  #keysComplete = false;
  #seenVersion = -1;
  /** When `refuses` last read `data_version` (`performance.now()`). */
  #versionReadAt = -Infinity;
  readonly #stmt;

  constructor(db: Database.Database) {
    this.#stmt = {
      version: db.prepare('PRAGMA data_version').pluck(),
      keyExists: db.prepare('SELECT EXISTS (SELECT 1 FROM idempotency_keys WHERE tenant = ? AND key = ?)').pluck(),
      allKeys: db.prepare('SELECT tenant, key FROM idempotency_keys').raw(),
      keyCount: db.prepare('SELECT count(*) FROM idempotency_keys').pluck(),
    };
    this.loadKeys();
  }

  /**
   * True when the slot and channel are full and `idempotencyKey` has no booking to replay, so `book` would answer
   * `quota_exhausted`. A slot known full was full at the last commit, as if the request had come a moment earlier;
   * one not known full goes on to `book`, which counts again under the lock. Reads run outside a transaction: in WAL
   * mode they see the last commit without taking the write lock.
   */
  refuses(place: SlotPlace, quota: number, idempotencyKey: string | undefined): boolean {
    const taken = this.#taken.get(slotKey(place));
    if (taken === undefined || taken < quota) return false;
    const now = performance.now();
    if (now - this.#versionReadAt >= VERSION_READ_MS) {
      this.#versionReadAt = now;
      if (!this.sync()) return false;
    }
    if (idempotencyKey === undefined) return true;
    if (this.#keysComplete && !this.#keys.mightHave(`${place.tenant}\n${idempotencyKey}`)) return true;
    return this.#stmt.keyExists.get(place.tenant, idempotencyKey) === 0;
  }

  /** Reads `data_version`; false (and everything another connection may have changed forgotten) when it moved. */
  sync(): boolean {
    const version = this.#stmt.version.get() as number;
    if (version === this.#seenVersion) return true;
    this.#seenVersion = version;
    this.#taken.clear();
    this.#keysComplete = false;
    return false;
  }

  /** A committed group counted `taken` active bookings in the slot `slot` (a `slotKey`). */
  counted(slot: string, taken: number): void {
    if (this.#taken.size >= MAX_SLOTS) this.#taken.clear();
    this.#taken.set(slot, taken);
  }

  /** A place in `slot` was freed (a cancellation): the next booking there counts it under the lock. */
  freed(slot: string): void {
    this.#taken.delete(slot);
  }

  /**
   * An idempotency key is being written. Added before the commit: should it not come, the filter only says "maybe"
   * to a key it could have said "no" to.
   */
  keyWritten(tenant: string, key: string): void {
    this.#keys.add(`${tenant}\n${key}`);
  }

  /**
   * After a purge: deleted keys stay in the filter (a "maybe" the file settles) until it is crowded; keys another
   * connection wrote enter it here, in the hourly housekeeping.
   */
  purged(): void {
    if (this.#keys.crowded || !this.#keysComplete) this.loadKeys();
  }

  /**
   * Fills the filter with every idempotency key in the file, sized for twice as many. The version is read first, so
   * that a commit made while the keys are read shows as a new version at the next look.
   */
  loadKeys(): void {
    this.sync();
    const keys = new KeyFilter(2 * (this.#stmt.keyCount.get() as number));
    for (const [tenant, key] of this.#stmt.allKeys.iterate() as Iterable<[string, string]>)
      keys.add(`${tenant}\n${key}`);
    this.#keys = keys;
    this.#keysComplete = true;
  }
}
