/**
 * Proof of work for rush services (ALTCHA, docs/http-api.md): find `n` with SHA-256(salt + n) = challenge.
 * Solved in a Web Worker while the citizen types, so a slow phone's form stays responsive. The Worker starts from a
 * blob: URL made here, since a Worker script from the API's origin is refused on the agency's page; a strict CSP may
 * refuse blob: workers too, so the same search also runs here in short slices. Both use one small SHA-256 in
 * JavaScript: the browser's `crypto.subtle` is missing on plain http sites, and each of its digests is an async round
 * trip, several times slower for hashes this short.
 */
import type { ProofOfWorkChallenge } from '@pakta/sdk';

/** A challenge as the SDK's client fetches it (`challenge()`). */
export type Challenge = ProofOfWorkChallenge;

/**
 * A SHA-256 of ASCII (or Latin-1) strings, as eight 32-bit words (a buffer the next call overwrites: copy to keep).
 * Everything it uses is made in here, not at module level, because the Worker gets this function as source text
 * (`WORKER_SOURCE`) and has nothing else of this module.
 */
function sha256Words(): (s: string) => Int32Array {
  const K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
  ]);
  const W = new Int32Array(64);
  const H = new Int32Array(8);
  const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

  return function digest(s: string): Int32Array {
    const n = s.length;
    const blocks = ((n + 8) >> 6) + 1;
    const m = new Int32Array(blocks * 16);
    for (let i = 0; i < n; i++) m[i >> 2]! |= (s.charCodeAt(i) & 0xff) << (24 - (i & 3) * 8);
    m[n >> 2]! |= 0x80 << (24 - (n & 3) * 8);
    m[blocks * 16 - 1] = n * 8;
    for (let i = 0; i < 8; i++) H[i] = IV[i]!;
    for (let b = 0; b < m.length; b += 16) {
      for (let t = 0; t < 64; t++) {
        if (t < 16) W[t] = m[b + t]!;
        else {
          const x = W[t - 15]!;
          const y = W[t - 2]!;
          W[t] =
            (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
            W[t - 16]! +
            (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) +
            W[t - 7]!;
        }
      }
      let a = H[0]!,
        bb = H[1]!,
        c = H[2]!,
        d = H[3]!,
        e = H[4]!,
        f = H[5]!,
        g = H[6]!,
        h = H[7]!;
      for (let t = 0; t < 64; t++) {
        const t1 =
          (h +
            (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
            ((e & f) ^ (~e & g)) +
            K[t]! +
            W[t]!) |
          0;
        const t2 =
          ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
            ((a & bb) ^ (a & c) ^ (bb & c))) |
          0;
        h = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = bb;
        bb = a;
        a = (t1 + t2) | 0;
      }
      H[0]! += a;
      H[1]! += bb;
      H[2]! += c;
      H[3]! += d;
      H[4]! += e;
      H[5]! += f;
      H[6]! += g;
      H[7]! += h;
    }
    return H;
  };
}

const digest = sha256Words();

/** SHA-256 of an ASCII (or Latin-1) string, as lowercase hex. */
export function sha256Hex(s: string): string {
  let out = '';
  for (const v of digest(s)) out += (v >>> 0).toString(16).padStart(8, '0');
  return out;
}

/** When the challenge stops being accepted (epoch ms), from the `expires` its salt carries; Infinity if none. */
export function expiresAt(c: Challenge): number {
  const v = new URLSearchParams(c.salt.split('?')[1] ?? '').get('expires');
  return v ? Number(v) * 1000 : Infinity;
}

/**
 * The lowest `n` in [from, to) with `digest(salt + n)` equal to `want`, or -1. Self-contained, like `sha256Words`, for
 * the Worker's copy; the digest is passed in so that both sides run this very loop over the same hash.
 */
function search(
  digest: (s: string) => Int32Array,
  salt: string,
  want: ArrayLike<number>,
  from: number,
  to: number,
): number {
  for (let n = from; n < to; n++) {
    const h = digest(salt + n);
    if (h[0] !== want[0]) continue;
    let i = 1;
    while (i < 8 && h[i] === want[i]) i++;
    if (i === 8) return n;
  }
  return -1;
}

/** The challenge's hex as the eight signed 32-bit words `digest` gives. Self-contained for the Worker's copy. */
function wanted(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < 64; i += 8) out.push(Number.parseInt(hex.slice(i, i + 8), 16) | 0);
  return out;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

const payload = (c: Challenge, number: number) =>
  btoa(
    JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature }),
  );

function stopped(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('', 'AbortError');
}

/** Numbers tried between two looks at the clock: reading it costs more than a few hashes. */
const BATCH = 256;

/**
 * The ALTCHA payload to send as `proof` (base64 of `{ algorithm, challenge, number, salt, signature }`), or
 * null when no number up to `maxnumber` solves it. Works here in slices of `sliceMs`, yielding in between;
 * rejects once `signal` is aborted.
 */
export async function solve(c: Challenge, sliceMs = 12, signal?: AbortSignal): Promise<string | null> {
  if (c.algorithm.toUpperCase() !== 'SHA-256') return null;
  const end = (c.maxnumber ?? 1e6) + 1;
  const want = wanted(c.challenge.toLowerCase());
  for (let n = 0; n < end; ) {
    stopped(signal);
    const until = Date.now() + sliceMs;
    do {
      const to = Math.min(n + BATCH, end);
      const found = search(digest, c.salt, want, n, to);
      if (found >= 0) return payload(c, found);
      n = to;
    } while (n < end && Date.now() < until);
    await tick();
  }
  return null;
}

/**
 * What the Worker runs: the functions above, as their own source text, so it finds the very number the slices would
 * and there is one SHA-256 to keep right. It first says it started (the page may refuse to run it), then answers
 * `[salt, challenge, maxnumber]` with the number, or -1 when none solves it.
 * `__name` is there because a transform that keeps function names (esbuild's keepNames, as tsx runs it) writes
 * `__name(digest, "digest")` into `sha256Words`'s body, calling a helper of this module the Worker does not have.
 */
export const WORKER_SOURCE = `const __name = (f) => f;
const digest = (${sha256Words})();
const search = ${search};
const wanted = ${wanted};
postMessage(true);
onmessage = ({ data: [salt, hex, max] }) => postMessage(search(digest, salt, wanted(hex), 0, max + 1));
`;

/** How long a new Worker may take to say it started; a page that refuses it may just never start it. */
export const WORKER_START_MS = 2000;
/** Once the page refused a Worker, later challenges go straight to the slices: each try costs a CSP violation report. */
let refused = false;
/** One blob: URL for every Worker on the page, never revoked: it is a few kilobytes. */
let url = '';

/**
 * A number solving `c` found by a Worker (-1: none), or undefined when the page would not run the Worker.
 * Rejects, and ends the Worker, once `signal` is aborted.
 */
function inWorker(c: Challenge, signal?: AbortSignal): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    let w: Worker;
    try {
      w = new Worker((url ||= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }))));
    } catch {
      // a SecurityError, in browsers that check the page's policy at once
      return resolve(undefined);
    }
    const end = (n?: number) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      w.terminate();
      resolve(n);
    };
    const abort = () => {
      reject(new DOMException('', 'AbortError'));
      end();
    };
    const timer = setTimeout(end, WORKER_START_MS);
    // Chromium reports a CSP refusal as an error event; the fallback takes over, so the page need not see it
    w.onerror = (e) => {
      e.preventDefault();
      end();
    };
    w.onmessageerror = () => end();
    w.onmessage = ({ data }: MessageEvent<boolean | number>) => {
      if (data === true) {
        clearTimeout(timer);
        w.postMessage([c.salt, c.challenge.toLowerCase(), c.maxnumber ?? 1e6]);
      } else end(typeof data === 'number' && data >= -1 ? data : undefined);
    };
    signal?.addEventListener('abort', abort);
  });
}

/** Like `solve`, but in a Worker when the page lets one start, so the phone does the work off the main thread. */
export async function solveInWorker(c: Challenge, signal?: AbortSignal): Promise<string | null> {
  stopped(signal);
  if (!refused && c.algorithm.toUpperCase() === 'SHA-256' && typeof Worker === 'function') {
    const n = await inWorker(c, signal);
    if (n !== undefined) return n < 0 ? null : payload(c, n);
    refused = true;
  }
  return solve(c, 12, signal);
}
