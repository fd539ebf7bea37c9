/**
 * A failed call as the citizen sees it: the message for its problem code in the language shown, and whether a retry
 * button makes sense. One small function, so the lookup of messages by problem code lives in one place.
 */
import type { Messages } from './locales/id';
import { isApiFailure } from './api';

/** An error as shown to the citizen. */
export interface Shown {
  code: string;
  text: string;
  retry?: () => void;
  /** Epoch ms before which the retry button stays disabled (429 Retry-After). */
  until?: number;
}

const RETRYABLE = /^(network|rate_limited|internal|idempotency_in_flight|malformed_response|proof_\w+|http_5\d\d)$/;

export function shown(m: Messages, e: unknown, retry?: () => void): Shown {
  if (!isApiFailure(e)) return { code: 'generic', text: m.errors.generic!, retry };
  const wait = e.code === 'rate_limited' ? (e.retryAfter ?? 10) : 0;
  const text =
    e.code === 'rate_limited'
      ? m.rateLimited(wait)
      : (m.errors[e.code] ?? (/^http_5/.test(e.code) ? m.errors.internal : e.detail || m.errors.generic)!);
  return { code: e.code, text, retry: RETRYABLE.test(e.code) ? retry : undefined, until: wait ? Date.now() + wait * 1000 : 0 };
}
