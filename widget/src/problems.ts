/**
 * What the citizen reads when a call fails, by the failure's code: the protocol's problem codes and the SDK client's
 * own (`network`, `http_{status}`, `malformed_response`). The messages are typed by the protocol's `ProblemCode`, so
 * a code added to the API without a decision here does not compile. Types only from the SDK: this is in the first
 * script.
 */
import type { PaktaApiErrorCode, ProblemCode } from '@pakta/sdk';
import { isApiFailure } from './api';
import type { Messages } from './locales/id';

/**
 * A message for each problem code, or `null` where the API's own `detail` (already in the citizen's language) says
 * it best, e.g. for a field the API names.
 */
export type ProblemMessages = Record<ProblemCode, string | null>;

/** A locale's `errors`: every problem code, and the failures that are not the API's. */
export interface ErrorMessages extends ProblemMessages {
  /** Also for a server fault without a problem document (`http_5xx`). */
  internal: string;
  /** No answer: offline, DNS, CORS or a timeout. */
  network: string;
  /** The first step could not load the tenant. */
  load: string;
  /** Anything else without a message of its own. */
  generic: string;
}

/** The text for a failed call: its code's message, else the API's `detail`, else a generic message. */
export function problemText(m: ErrorMessages, code: PaktaApiErrorCode, detail: string): string {
  if (code === 'network') return m.network;
  if (code === 'malformed_response') return detail || m.generic;
  if (code.startsWith('http_')) return code.startsWith('http_5') ? m.internal : detail || m.generic;
  // what is left is a problem code (`startsWith` does not narrow the type)
  return m[code as ProblemCode] ?? (detail || m.generic);
}

/** Failures worth the same attempt again: no answer, a busy or faulty server, a stale proof of work. */
const RETRYABLE: ReadonlySet<PaktaApiErrorCode> = new Set<PaktaApiErrorCode>([
  'network',
  'malformed_response',
  'rate_limited',
  'internal',
  'idempotency_in_flight',
  'proof_required',
  'proof_invalid',
  'proof_reused',
]);

export function isRetryable(code: PaktaApiErrorCode): boolean {
  return RETRYABLE.has(code) || /^http_5\d\d$/.test(code);
}

/** An error as shown to the citizen. */
export interface Shown {
  code: string;
  text: string;
  retry?: () => void;
  /** Epoch ms before which the retry button stays disabled (429 Retry-After). */
  until?: number;
}

/** A failed call as the citizen sees it: its message in the language shown, and a retry where one makes sense. */
export function shown(m: Messages, e: unknown, retry?: () => void): Shown {
  if (!isApiFailure(e)) return { code: 'generic', text: m.errors.generic, retry };
  const wait = e.code === 'rate_limited' ? (e.retryAfter ?? 10) : 0;
  const text = e.code === 'rate_limited' ? m.rateLimited(wait) : problemText(m.errors, e.code, e.detail);
  return {
    code: e.code,
    text,
    retry: isRetryable(e.code) ? retry : undefined,
    until: wait ? Date.now() + wait * 1000 : 0,
  };
}
