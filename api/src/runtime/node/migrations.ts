/**
 * The Node store's schema: `api/migrations/*.sql`, the same files `wrangler d1 migrations apply` gives D1, applied
 * here when the store opens, so a fresh file or an older one is brought up to date by starting the server.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

const MIGRATIONS = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/** Applies every `migrations/*.sql` not yet applied, in name order, each in its own transaction. */
export function migrate(db: Database.Database, dir = MIGRATIONS): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    if (applied.has(name)) continue;
    const sql = readFileSync(join(dir, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(name, Date.now());
    }).immediate();
  }
}
