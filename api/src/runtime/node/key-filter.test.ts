import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyFilter } from './key-filter.js';

describe('KeyFilter', () => {
  it('never says no to a string it was given', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme', maxLength: 80 }), { maxLength: 300 }), (strings) => {
        const filter = new KeyFilter(strings.length);
        for (const s of strings) filter.add(s);
        for (const s of strings) expect(filter.mightHave(s)).toBe(true);
      }),
    );
  });

  it('says "maybe" to few strings it was not given, while no fuller than it was sized for', () => {
    const filter = new KeyFilter(50_000);
    for (let i = 0; i < 50_000; i++) filter.add(`contract\nrush-2026-12-01-${String(i).padStart(6, '0')}`);
    expect(filter.crowded).toBe(false);
    let maybes = 0;
    for (let i = 0; i < 100_000; i++)
      if (filter.mightHave(`contract\nretry-2026-12-01-${String(i).padStart(6, '0')}`)) maybes++;
    // 16 bits and 8 probes per string give about 1 in 2,000; far more would mean the probes are not independent.
    expect(maybes).toBeLessThan(200);
    expect(filter.mightHave('contract\nrush-2026-12-01-000042')).toBe(true);
  });

  it('knows when more strings were added than it was sized for', () => {
    const filter = new KeyFilter(0);
    const capacity = (1 << 20) / 16;
    for (let i = 0; i < capacity; i++) filter.add(`k${i}`);
    expect(filter.crowded).toBe(false);
    filter.add('one more');
    expect(filter.crowded).toBe(true);
    expect(filter.count).toBe(capacity + 1);
  });
});
