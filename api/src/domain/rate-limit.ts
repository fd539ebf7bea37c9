/**
 * Fixed-window counting for rate limits: pure, so the same rule runs over a Map on Node and inside a Durable
 * Object on Workers. A window is generous by design: citizens on mobile networks share addresses (carrier NAT).
 */

export interface RateWindow {
  /** Epoch ms at which this window started. */
  start: number;
  count: number;
}

export interface RateDecision {
  window: RateWindow;
  allowed: boolean;
  /** When refused: milliseconds until the window resets. */
  retryAfterMs: number;
}

/** Counts one request against `window` (undefined = none yet) with at most `limit` per `windowMs`. */
export function consume(window: RateWindow | undefined, now: number, limit: number, windowMs: number): RateDecision {
  const current = !window || now >= window.start + windowMs ? { start: now, count: 0 } : window;
  if (current.count >= limit) return { window: current, allowed: false, retryAfterMs: current.start + windowMs - now };
  return { window: { start: current.start, count: current.count + 1 }, allowed: true, retryAfterMs: 0 };
}
