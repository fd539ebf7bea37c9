import Database from 'better-sqlite3';
import { vi } from 'vitest';
import { durableObjectFiles, localD1File, startWorkersTarget } from '../support/workers-server.js';
import { defineBadInput } from './bad-input.js';

// wrangler applies the migrations and starts workerd before the first row: seconds, not the default 10 s.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 30_000 });

/** Rows in `table` of one SQLite file; 0 when the table was never created, if `mayBeMissing`. */
function rows(file: string, table: string, mayBeMissing = false): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (mayBeMissing && !db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table))
      return 0;
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

defineBadInput('the Workers runtime (workerd, D1, Durable Objects)', async () => {
  const target = await startWorkersTarget();
  return {
    ...target,
    async written() {
      // Local D1 and Durable Object storage are read from their files once workerd has stopped.
      await target.stop();
      const d1 = localD1File(target.dir);
      // A day queue holds a place (and, until D1 has it, the citizen's data) from the moment it allocates; an object
      // only asked about its day creates no table. The rate-limit counters are left out: counting refused attempts
      // is what they are for.
      const places = durableObjectFiles(target.dir, 'DayQueue').reduce((n, file) => n + rows(file, 'places', true), 0);
      return {
        bookings: rows(d1, 'bookings'),
        idempotency_keys: rows(d1, 'idempotency_keys'),
        spent_challenges: rows(d1, 'spent_challenges'),
        day_queue_places: places,
      };
    },
  };
});
