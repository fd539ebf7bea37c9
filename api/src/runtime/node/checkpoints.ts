/**
 * When the write-ahead log is copied back into the database file. SQLite does it by itself in the commit that takes
 * the log past 1,000 pages (4 MB), and that commit then took 10-17 ms instead of a fraction of one, holding every
 * waiting request in the middle of a rush. So the store checkpoints once bookings pause for `CHECKPOINT_IDLE_MS`,
 * and leaves SQLite's own checkpoint to a log ten times that size, which only a long unbroken stream of bookings
 * reaches.
 */
import type Database from 'better-sqlite3';

const CHECKPOINT_IDLE_MS = 250;
const AUTOCHECKPOINT_PAGES = 10_000;

export class Checkpoints {
  readonly #timer: NodeJS.Timeout;

  constructor(db: Database.Database) {
    db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    this.#timer = setTimeout(() => {
      try {
        if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Busy or out of space: SQLite checkpoints in a later commit.
      }
    }, CHECKPOINT_IDLE_MS).unref();
  }

  /** A commit was made: the checkpoint waits until bookings have paused again. */
  committed(): void {
    this.#timer.refresh();
  }

  close(): void {
    clearTimeout(this.#timer);
  }
}
