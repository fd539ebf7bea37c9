import { describe, expect, it } from 'vitest';
import { consume } from './rate-limit.js';

describe('fixed-window rate limit', () => {
  it('allows `limit` requests per window, then says when to retry', () => {
    let w;
    for (let i = 0; i < 3; i++) {
      const d = consume(w, 1_000 + i, 3, 60_000);
      expect(d.allowed).toBe(true);
      w = d.window;
    }
    expect(consume(w, 31_000, 3, 60_000)).toMatchObject({ allowed: false, retryAfterMs: 30_000 });
    expect(consume(w, 61_000, 3, 60_000)).toMatchObject({ allowed: true, window: { start: 61_000, count: 1 } });
  });
});
