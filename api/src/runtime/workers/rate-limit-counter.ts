/**
 * Rate limits on Workers: one small Durable Object per limited key (tenant, kind, address or citizen), so a
 * window counts every request of that key worldwide, not only those one isolate happened to see. The window
 * rule is the pure one Node applies over a Map (`domain/rate-limit.ts`). The window is kept in storage, so an
 * evicted object does not forget it, and deleted by an alarm when it ends.
 */
import { DurableObject } from 'cloudflare:workers';
import { consume, type RateWindow } from '../../domain/rate-limit.js';
import type { RateLimiter } from '../../store/store.js';

export interface RateLimitCounterApi {
  consume(limit: number, windowMs: number, now: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

export class RateLimitCounter extends DurableObject<unknown> implements RateLimitCounterApi {
  readonly #state: DurableObjectState;
  #window: RateWindow | undefined;

  constructor(state: DurableObjectState, env: unknown) {
    super(state, env);
    this.#state = state;
  }

  async consume(limit: number, windowMs: number, now: number) {
    this.#window ??= await this.#state.storage.get<RateWindow>('window');
    const decision = consume(this.#window, now, limit, windowMs);
    const fresh = decision.window.start !== this.#window?.start;
    this.#window = decision.window;
    void this.#state.storage.put('window', decision.window);
    if (fresh) void this.#state.storage.setAlarm(decision.window.start + windowMs);
    return { allowed: decision.allowed, retryAfterMs: decision.retryAfterMs };
  }

  override async alarm(): Promise<void> {
    this.#window = undefined;
    await this.#state.storage.deleteAll();
  }
}

export class DurableObjectRateLimiter implements RateLimiter {
  constructor(readonly counters: DurableObjectNamespace<RateLimitCounter>) {}

  consume(key: string, limit: number, windowMs: number, now: number) {
    return this.counters.get(this.counters.idFromName(key)).consume(limit, windowMs, now);
  }
}
