import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { startChildServer } from '../support/child-server.js';
import { definePrivacy } from './privacy.js';

// A child process, so that everything the server prints is captured.
definePrivacy('the Node server (SQLite)', async () => {
  const server = await startChildServer({ prefix: 'pakta-privacy-' });
  return {
    baseUrl: server.url,
    storedFiles: () => ['', '-wal', '-shm'].map((suffix) => `${server.dbPath}${suffix}`).filter(existsSync),
    stop: () => server.kill('SIGTERM'),
    storedRequestHash(key) {
      const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
      try {
        return db.prepare('SELECT request_hash FROM idempotency_keys WHERE key = ?').pluck().get(key) as
          | string
          | undefined;
      } finally {
        db.close();
      }
    },
    output: () => server.output(),
    printed: /Pakta listening/,
    close: () => server.close(),
  };
});
