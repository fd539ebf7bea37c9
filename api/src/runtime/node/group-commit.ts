/**
 * Group commit. A commit writes every page a booking touched (the table and each index: some 40 KB of log), and
 * that, not the checks, was most of what a booking cost the store; bookings of the same service-day touch the same
 * pages, so one commit for several costs little more than for one. In the rush, groups of 8-24 formed and the 200
 * bookings took about 150 ms instead of 250 ms.
 *
 * A booking waits for the next commit: at the end of the next turn of the event loop in which no other booking
 * joined, after `GROUP_WAIT_MS` at most, or at once when `GROUP_MAX` wait. Alone, that is one turn. Each booking
 * runs in its own savepoint, in arrival order, so a failure takes back only its own writes, and each answer goes
 * out only once the commit is durable.
 */
import type Database from 'better-sqlite3';

/** Bookings one commit takes at the most, and how long the first of them may wait for more. */
const GROUP_MAX = 64;
const GROUP_WAIT_MS = 2;

interface Waiting<T> {
  run: () => T;
  resolve: (result: T) => void;
  reject: (error: unknown) => void;
}

export interface GroupHooks<T> {
  /** Runs first in each group's transaction, before any booking of it (under the write lock). */
  begin(): void;
  /** Runs once the group's transaction has committed, with each booking's result in arrival order (`undefined` for one that failed). */
  committed(results: readonly (T | undefined)[]): void;
}

export class GroupCommit<T> {
  #waiting: Waiting<T>[] = [];
  /** When the first of them arrived (`performance.now()`). */
  #since = 0;
  /** How many waited when the next turn was asked for. */
  #seen = 0;

  constructor(
    readonly db: Database.Database,
    readonly hooks: GroupHooks<T>,
  ) {}

  /** Runs `run` in the next group's transaction; resolves with its result once that transaction has committed. */
  run(run: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiting = this.#waiting;
      waiting.push({ run, resolve, reject });
      if (waiting.length === 1) {
        this.#since = performance.now();
        this.#commitNextTurn();
      } else if (waiting.length >= GROUP_MAX) this.#commit();
    });
  }

  #commitNextTurn(): void {
    this.#seen = this.#waiting.length;
    setImmediate(() => {
      const waiting = this.#waiting;
      if (waiting.length === 0) return; // committed already (the group filled up)
      if (waiting.length > this.#seen && performance.now() - this.#since < GROUP_WAIT_MS) this.#commitNextTurn();
      else this.#commit();
    });
  }

  #commit(): void {
    const group = this.#waiting;
    this.#waiting = [];
    let results: ({ ok: true; value: T } | { ok: false; error: unknown })[];
    try {
      results = this.db
        .transaction(() => {
          this.hooks.begin();
          return group.map((g) => {
            try {
              // Inside a transaction, better-sqlite3 runs a nested one as a savepoint.
              return { ok: true as const, value: this.db.transaction(g.run)() };
            } catch (error) {
              // Some errors (a full disk, I/O) make SQLite roll back the whole transaction, not only the savepoint:
              // the rest of the group must not go on outside it, so the whole group fails with the real cause.
              if (!this.db.inTransaction) throw error;
              return { ok: false as const, error };
            }
          });
        })
        .immediate();
    } catch (error) {
      for (const g of group) g.reject(error);
      return;
    }
    this.hooks.committed(results.map((r) => (r.ok ? r.value : undefined)));
    for (const [i, r] of results.entries()) {
      if (r.ok) group[i]!.resolve(r.value);
      else group[i]!.reject(r.error);
    }
  }
}
