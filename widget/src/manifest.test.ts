import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, manifestJson } from '../build/manifest-cem';
import en from './locales/en';
import id from './locales/id';

describe('custom-elements.json', () => {
  it('is what the element’s source says (npm run manifest -w widget rewrites it)', () => {
    expect(readFileSync(MANIFEST_FILE, 'utf8')).toBe(manifestJson());
  });

  it('lists the attributes, events, parts and theming properties the issue asks for', () => {
    const d = JSON.parse(manifestJson()).modules[0].declarations[0];
    expect(d.tagName).toBe('pakta-queue');
    expect(d.attributes.map((a: { name: string }) => a.name)).toEqual([
      'tenant',
      'api',
      'lang',
      'agency',
      'service',
      'channel',
    ]);
    expect(d.events.map((e: { name: string }) => e.name)).toEqual(['pakta-booked', 'pakta-cancelled', 'pakta-error']);
    const props = d.cssProperties.map((p: { name: string }) => p.name);
    for (const p of [
      '--pakta-color-primary',
      '--pakta-color-text',
      '--pakta-color-surface',
      '--pakta-font-family',
      '--pakta-radius',
    ])
      expect(props).toContain(p);
    expect(d.cssParts.length).toBeGreaterThan(5);
  });
});

describe('locales', () => {
  it('say the same things in both languages', () => {
    const shape = (o: unknown): unknown =>
      typeof o === 'object' && o
        ? Object.keys(o)
            .sort()
            .map((k) => [k, shape((o as Record<string, unknown>)[k])])
        : typeof o;
    expect(shape(en)).toEqual(shape(id));
  });
});
