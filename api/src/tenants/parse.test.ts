import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTenant, TenantFileError } from './parse.js';

const demoText = readFileSync(new URL('../../tenants/demo.json', import.meta.url), 'utf8');
const mutate = (f: (t: any) => void) => {
  const t = JSON.parse(demoText);
  f(t);
  return JSON.stringify(t);
};
const failure = (text: string) => {
  try {
    parseTenant(text, 'tenants/bad.json');
  } catch (e) {
    return e as TenantFileError;
  }
  throw new Error('expected the tenant file to be refused');
};

describe('tenant files', () => {
  it('accepts the demo tenant: a WITA tenant with 27 agencies and 100+ services', () => {
    const demo = parseTenant(demoText, 'demo.json');
    expect(demo.id).toBe('demo');
    expect(demo.timeZone).toBe('Asia/Makassar');
    expect(demo.agencies.length).toBeGreaterThanOrEqual(25);
    expect(demo.agencies.flatMap((a) => a.services).length).toBeGreaterThanOrEqual(100);
    expect(demo.openingHours.sat).toEqual([]);
  });

  it.each([
    ['a bad zone', (t: any) => (t.timeZone = 'Asia/Nowhere'), 'timeZone', 'IANA time zone'],
    [
      'a bad quota',
      (t: any) => (t.agencies[3].services[0].quotaPerSlot.counter = -1),
      'agencies[3].services[0].quotaPerSlot.counter',
      '>=1',
    ],
    ['a missing pact text', (t: any) => delete t.pact.text.en, 'pact.text.en', 'required'],
    [
      'a bad opening period',
      (t: any) => (t.openingHours.fri = ['11:00-08:00']),
      'openingHours.fri[0]',
      'ends after it starts',
    ],
    [
      'an origin with a path',
      (t: any) => (t.allowedOrigins = ['https://mpp.example.go.id/antrean']),
      'allowedOrigins[0]',
      'origin',
    ],
    [
      'a lower-case prefix',
      (t: any) => (t.agencies[0].services[0].ticketPrefix = 'ktp'),
      'agencies[0].services[0].ticketPrefix',
      'capital',
    ],
    [
      'a bad closed date',
      (t: any) => t.closedDates.push({ date: '2026-02-30', reason: { id: 'x', en: 'x' } }),
      'closedDates',
      'YYYY-MM-DD',
    ],
  ])('refuses %s, naming the file, the field path and what was expected', (_name, change, path, expected) => {
    const e = failure(mutate(change));
    expect(e).toBeInstanceOf(TenantFileError);
    expect(e.message).toContain('tenants/bad.json');
    expect(e.issues.map((i) => i.path)).toContainEqual(expect.stringContaining(path));
    expect(e.message).toContain(expected);
  });

  it('refuses duplicate service ids and undescribed channels', () => {
    const dup = failure(mutate((t) => t.agencies[1].services.push(t.agencies[0].services[0])));
    expect(dup.message).toContain('service ids unique');
    const channel = failure(mutate((t) => delete t.channels.video));
    expect(channel.message).toContain('channel');
  });

  it('refuses text that is not JSON', () => {
    expect(failure('{ "id": ').message).toMatch(/tenants\/bad\.json[\s\S]*not valid JSON/);
  });
});
