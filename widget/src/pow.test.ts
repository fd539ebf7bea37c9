import { createHash } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib';
import { describe, expect, it } from 'vitest';
import { expiresAt, sha256Hex, solve, solveInWorker } from './pow';

const node = (s: string) => createHash('sha256').update(s, 'latin1').digest('hex');

describe('SHA-256', () => {
  it('matches node:crypto for every length around the block boundaries', () => {
    for (let n = 0; n < 200; n++) {
      const s = Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7 + n) % 95))).join('');
      expect(sha256Hex(s), `length ${n}`).toBe(node(s));
    }
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('ALTCHA', () => {
  it('solves a challenge of the API’s kind; the API’s check accepts the proof', async () => {
    const hmacKey = 'test-key';
    const expires = new Date(Date.now() + 600_000);
    const c = await createChallenge({ hmacKey, maxnumber: 100_000, expires });
    expect(expiresAt(c)).toBe(Math.floor(expires.getTime() / 1000) * 1000);
    const t = performance.now();
    const proof = await solve(c);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(proof).not.toBeNull();
    expect(await verifySolution(proof!, hmacKey)).toBe(true);
    expect(JSON.parse(atob(proof!))).toMatchObject({ algorithm: 'SHA-256', challenge: c.challenge, salt: c.salt, signature: c.signature });
  });

  it('gives up past maxnumber and on other algorithms', async () => {
    const c = await createChallenge({ hmacKey: 'k', maxnumber: 10, number: 10 });
    expect(await solve({ ...c, maxnumber: 5 })).toBeNull();
    expect(await solve({ ...c, algorithm: 'SHA-512' })).toBeNull();
  });

  it('stops when its signal is aborted, before or while working', async () => {
    const c = await createChallenge({ hmacKey: 'k', maxnumber: 1_000_000, number: 999_999 });
    const before = new AbortController();
    before.abort();
    await expect(solve(c, 12, before.signal)).rejects.toMatchObject({ name: 'AbortError' });
    await expect(solveInWorker(c, before.signal)).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    const t = performance.now();
    const p = solve(c, 2, during.signal);
    setTimeout(() => during.abort(), 5);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('without Worker (as here in Node) solves in slices; the API’s check accepts the proof', async () => {
    expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe('undefined');
    const c = await createChallenge({ hmacKey: 'k', maxnumber: 100_000 });
    const proof = await solveInWorker(c);
    expect(proof).toBe(await solve(c));
    expect(await verifySolution(proof!, 'k')).toBe(true);
  });
});
