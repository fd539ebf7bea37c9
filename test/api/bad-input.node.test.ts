import Database from 'better-sqlite3';
import { startNodeTarget } from '../support/node-server.js';
import { defineBadInput } from './bad-input.js';

defineBadInput('the live Node server (SQLite)', async () => {
  const target = await startNodeTarget();
  return {
    ...target,
    async written() {
      // WAL mode: a read-only connection opened now sees every committed transaction.
      const db = new Database(target.dbPath, { readonly: true, fileMustExist: true });
      try {
        const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
        return {
          bookings: count('bookings'),
          idempotency_keys: count('idempotency_keys'),
          spent_challenges: count('spent_challenges'),
        };
      } finally {
        db.close();
      }
    },
  };
});
