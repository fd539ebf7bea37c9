/**
 * Proof of work for rush services (ALTCHA): the widget fetches a challenge when the citizen opens the form and
 * solves it in a Web Worker while they type, so a person pays nothing while a bot pays per attempt. Each
 * challenge is spent once; a retry of the same attempt (same Idempotency-Key) may present it again.
 */
import { createChallenge, extractParams, verifySolution } from 'altcha-lib';
import type { Challenge } from 'altcha-lib/types';
import type { AppDeps } from './context.js';
import { Problem } from './errors.js';

/** Long enough to fill in the form on a slow phone, short enough that hoarded challenges go stale. */
export const CHALLENGE_LIFETIME_MS = 10 * 60_000;
/** About 50,000 SHA-256 rounds on average: under a second in a mid-range phone's browser. */
export const CHALLENGE_MAX_NUMBER = 100_000;

export function newChallenge(deps: Pick<AppDeps, 'proofKey' | 'clock'>): Promise<Challenge> {
  return createChallenge({
    hmacKey: deps.proofKey,
    maxnumber: CHALLENGE_MAX_NUMBER,
    expires: new Date(deps.clock() + CHALLENGE_LIFETIME_MS),
  });
}

/**
 * Forgets spent challenges a day after they expired (a day of slack for clocks): by then no one can present them.
 * Run by each runtime's housekeeping, not on every spend, to keep the booking path short.
 */
export function forgetSpentChallenges(deps: Pick<AppDeps, 'clock' | 'challenges'>): Promise<number> {
  return deps.challenges.purgeExpired(deps.clock() - 86_400_000);
}

/** Checks and spends the proof sent with a booking; `owner` identifies the attempt (tenant + idempotency key). */
export async function spendProof(
  deps: Pick<AppDeps, 'proofKey' | 'clock' | 'challenges'>,
  proof: string | undefined,
  owner: string,
): Promise<void> {
  if (!proof) throw new Problem('proof_required');
  let payload: { signature?: unknown; salt?: unknown };
  try {
    payload = JSON.parse(atob(proof)) as typeof payload;
  } catch {
    throw new Problem('proof_invalid');
  }
  if (typeof payload.signature !== 'string' || typeof payload.salt !== 'string') throw new Problem('proof_invalid');
  const expires = Number(extractParams(proof).expires) * 1000;
  // verifySolution reads the expiry from the salt against the real clock; we check it against ours as well.
  if (!Number.isFinite(expires) || expires < deps.clock() || !(await verifySolution(proof, deps.proofKey, false))) {
    throw new Problem('proof_invalid');
  }
  if (!(await deps.challenges.spend(payload.signature, owner, expires))) throw new Problem('proof_reused');
}
