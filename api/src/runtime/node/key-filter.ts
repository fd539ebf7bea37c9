/**
 * A Bloom filter over strings: `mightHave` is false only for a string never added, and true for one added (and,
 * rarely, for one that was not). The Node store keeps the idempotency keys it holds in one, so that refusing a full
 * slot needs no read when the request's key has certainly never booked; a "maybe" is settled by the database.
 */
export class KeyFilter {
  readonly #bits: Uint32Array;
  readonly #mask: number;
  #count = 0;

  /** Sized for `expected` strings at 16 bits each (about 1 in 2,000 false "maybe"s), at least 2^20 bits. */
  constructor(expected: number) {
    let size = 1 << 20;
    while (size < expected * 16) size *= 2;
    this.#bits = new Uint32Array(size / 32);
    this.#mask = size - 1;
  }

  /** How many strings were added (each add counts, a repeated one too). */
  get count(): number {
    return this.#count;
  }

  /** True once more strings were added than the filter was sized for: it still answers right, only "maybe" more often. */
  get crowded(): boolean {
    return this.#count * 16 > this.#mask + 1;
  }

  add(s: string): void {
    this.#count++;
    let [h, step] = hashes(s);
    for (let i = 0; i < PROBES; i++, h = (h + step) | 0) {
      const bit = h & this.#mask;
      this.#bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  mightHave(s: string): boolean {
    let [h, step] = hashes(s);
    for (let i = 0; i < PROBES; i++, h = (h + step) | 0) {
      const bit = h & this.#mask;
      if ((this.#bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

const PROBES = 8;

/** Two 32-bit FNV-1a hashes with different offsets; probes go `h, h + step, h + 2·step…` (double hashing). */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  // An odd step visits PROBES distinct bits of the power-of-two table.
  b ^= b >>> 15;
  a ^= a >>> 13;
  return [a, b | 1];
}
