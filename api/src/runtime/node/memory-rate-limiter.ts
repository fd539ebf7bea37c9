/**
 * Rate-limit counters in process memory, for the single-process Node runtime. Counters are lost on restart,
 * which only ever lets a few more requests through.
 */
import { consume, type RateWindow } from '../../domain/rate-limit.js';
import type { RateLimiter } from '../../store/store.js';

/** Above this many keys, expired windows are swept so a flood of addresses cannot grow memory without bound. */
const SWEEP_ABOVE = 50_000;

export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<string, { window: RateWindow; windowMs: number }>();

  async consume(key: string, limit: number, windowMs: number, now: number) {
    if (this.#windows.size > SWEEP_ABOVE) {
      for (const [k, w] of this.#windows) if (now >= w.window.start + w.windowMs) this.#windows.delete(k);
    }
    const decision = consume(this.#windows.get(key)?.window, now, limit, windowMs);
    this.#windows.set(key, { window: decision.window, windowMs });
    return { allowed: decision.allowed, retryAfterMs: decision.retryAfterMs };
  }
}
