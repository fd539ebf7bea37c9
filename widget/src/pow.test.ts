import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { createChallenge, verifySolution } from 'altcha-lib';
import { tsImport } from 'tsx/esm/api';
import { describe, expect, it } from 'vitest';
import { expiresAt, sha256Hex, solve, solveInWorker, WORKER_SOURCE } from './pow';

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
    expect(JSON.parse(atob(proof!))).toMatchObject({
      algorithm: 'SHA-256',
      challenge: c.challenge,
      salt: c.salt,
      signature: c.signature,
    });
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

/** What a Worker running `src` says, given one challenge: its script runs in a context of its own, as in a Worker. */
function runWorker(src: string, c: { salt: string; challenge: string; maxnumber?: number }): unknown[] {
  const said: unknown[] = [];
  const scope: { postMessage: (d: unknown) => void; onmessage?: (e: { data: unknown }) => void } = {
    postMessage: (d) => said.push(d),
  };
  runInNewContext(src, scope);
  scope.onmessage?.({ data: [c.salt, c.challenge.toLowerCase(), c.maxnumber] });
  return said;
}

describe('the Worker’s source', () => {
  it('finds the number the slices find, at batch edges and at maxnumber, and -1 past it; also as tsx compiles it', async () => {
    // tsx keeps function names by writing __name(...) calls into function bodies, which the Worker has to survive
    const tsx = (await tsImport('./pow.ts', import.meta.url)) as typeof import('./pow');
    expect(tsx.WORKER_SOURCE).toContain('__name(function');
    const cases = await Promise.all(
      [0, 1, 255, 256, 257, 511, 512, 4097].map((number) => createChallenge({ hmacKey: 'k', number, maxnumber: 5000 })),
    );
    cases.push(await createChallenge({ hmacKey: 'k', number: 300, maxnumber: 300 }));
    cases.push({ ...(await createChallenge({ hmacKey: 'k', number: 300, maxnumber: 1000 })), maxnumber: 299 });
    const slices = await Promise.all(
      cases.map(async (c) => ((p) => (p ? JSON.parse(atob(p)).number : -1))(await solve(c))),
    );
    expect(slices).toEqual([0, 1, 255, 256, 257, 511, 512, 4097, 300, -1]);
    for (const src of [WORKER_SOURCE, tsx.WORKER_SOURCE])
      expect(cases.map((c) => runWorker(src, c))).toEqual(slices.map((n) => [true, n]));
  });
});
