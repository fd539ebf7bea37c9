/**
 * Spent proof-of-work challenges in D1 (`spent_challenges`, migration 0002), shared by every isolate and data
 * centre, so a challenge buys one booking attempt worldwide. Expired rows are deleted by the scheduled job,
 * not on every spend: that table has no index on `expires_at`, and D1 bills the rows a query reads.
 */
import type { ChallengeStore } from '../../store/store.js';

export class D1Challenges implements ChallengeStore {
  constructor(readonly db: D1Database) {}

  /** One batch, so one transaction: the first owner to insert keeps the challenge; the same owner may retry. */
  async spend(signature: string, owner: string, expiresAt: number): Promise<boolean> {
    const [, read] = await this.db.batch<{ owner: string }>([
      this.db
        .prepare(
          'INSERT INTO spent_challenges (signature, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (signature) DO NOTHING',
        )
        .bind(signature, owner, expiresAt),
      this.db.prepare('SELECT owner FROM spent_challenges WHERE signature = ?').bind(signature),
    ]);
    return read!.results[0]?.owner === owner;
  }

  /** Deletes challenges that expired before `before` (epoch ms): they can no longer be presented. */
  async purgeExpired(before: number): Promise<number> {
    return (await this.db.prepare('DELETE FROM spent_challenges WHERE expires_at < ?').bind(before).run()).meta.changes;
  }
}
