import Database from 'better-sqlite3';
import { vi } from 'vitest';
import { localD1File, startWorkersTarget, stateFiles } from '../support/workers-server.js';
import { definePrivacy } from './privacy.js';

// wrangler applies the migrations and starts workerd before the first request: seconds, not the default 10 s.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 30_000 });

definePrivacy('the Workers runtime (workerd, D1, Durable Objects)', async () => {
  // `info` shows wrangler's line per request and everything the Worker logs, so all of it is scanned.
  const target = await startWorkersTarget({ logLevel: 'info' });
  return {
    baseUrl: target.baseUrl,
    // D1, every Durable Object's storage (the day queues hold the citizen's data until D1 has it) and the cache.
    storedFiles: () => stateFiles(target.dir),
    stop: () => target.stop(),
    storedRequestHash(key) {
      const db = new Database(localD1File(target.dir), { readonly: true, fileMustExist: true });
      try {
        return db.prepare('SELECT request_hash FROM idempotency_keys WHERE key = ?').pluck().get(key) as
          | string
          | undefined;
      } finally {
        db.close();
      }
    },
    output: () => target.output(),
    printed: /POST \/v1\/tenants\/contract\/bookings 201/,
    close: () => target.close(),
  };
});
