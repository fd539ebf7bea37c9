import { describe, expect, it } from 'vitest';
import { fold, offeredChannels, offeredServices, pickLang, searchServices, stepsFor } from './catalog';
import type { AgencyInfo, Language, ServiceInfo } from './types';

const svc = (id: string, agencyId: string, idName: string, enName: string, channels = ['counter']): ServiceInfo => ({
  id,
  agencyId,
  name: { id: idName, en: enName },
  ticketPrefix: 'X',
  channels,
  slotMinutes: 30,
  requirements: [],
  nikRequired: false,
  proofOfWork: false,
});

const agencies: AgencyInfo[] = [
  { id: 'imigrasi', name: { id: 'Kantor Imigrasi', en: 'Immigration Office' } },
  { id: 'polres', name: { id: 'Kepolisian Resor', en: 'Police' } },
  { id: 'samsat', name: { id: 'Samsat', en: 'Samsat (vehicle tax)' } },
];
const services = [
  svc('paspor-baru', 'imigrasi', 'Paspor baru', 'New passport', ['counter', 'video']),
  svc('paspor-ganti', 'imigrasi', 'Penggantian paspor', 'Passport replacement'),
  svc('skck', 'polres', 'SKCK (Surat Keterangan Catatan Kepolisian)', 'Police clearance certificate (SKCK)'),
  svc('pkb', 'samsat', 'Pembayaran pajak kendaraan bermotor', 'Motor vehicle tax payment', ['counter', 'whatsapp']),
];

describe('language', () => {
  it('takes the attribute, else the page, else Indonesian', () => {
    expect(pickLang('en', 'id')).toBe('en');
    expect(pickLang(null, 'en-US')).toBe('en');
    expect(pickLang('', 'id-ID')).toBe('id');
    expect(pickLang('fr', 'de')).toBe('id');
    expect(pickLang(undefined, '')).toBe('id');
    expect(pickLang('fr', 'en-GB')).toBe('en');
    expect(pickLang('in', null)).toBe('id');
  });
});

describe('search', () => {
  it('folds case, accents and punctuation', () =>
    expect(fold('  SKCK (Surat)—Keterangan  ')).toBe('skck surat keterangan'));

  it('matches every word across agency and service names in the current language', () => {
    const ids = (q: string, lang: Language = 'id') => searchServices(services, agencies, q, lang).map((s) => s.id);
    expect(ids('')).toEqual(services.map((s) => s.id));
    expect(ids('paspor')).toEqual(['paspor-baru', 'paspor-ganti']);
    expect(ids('imigrasi baru')).toEqual(['paspor-baru']);
    expect(ids('PASPOR  Baru')).toEqual(['paspor-baru']);
    expect(ids('kepolisian')).toEqual(['skck']);
    expect(ids('pajak')).toEqual(['pkb']);
    expect(ids('passport')).toEqual([]);
    expect(ids('passport', 'en')).toEqual(['paspor-baru', 'paspor-ganti']);
    expect(ids('immigration new', 'en')).toEqual(['paspor-baru']);
    expect(ids('vehicle', 'en')).toEqual(['pkb']);
  });

  it('is fast enough for 200 services on a keystroke', () => {
    const many = Array.from({ length: 200 }, (_, i) => services[i % 4]!);
    const t = performance.now();
    for (let i = 0; i < 20; i++) searchServices(many, agencies, 'paspor baru', 'id');
    expect((performance.now() - t) / 20).toBeLessThan(20);
  });
});

describe('restrictions', () => {
  it('limits services to an agency, a service, or those offering a channel', () => {
    expect(offeredServices({ services }, {}).length).toBe(4);
    expect(offeredServices({ services }, { agency: 'imigrasi' }).map((s) => s.id)).toEqual([
      'paspor-baru',
      'paspor-ganti',
    ]);
    expect(offeredServices({ services }, { service: 'skck' }).map((s) => s.id)).toEqual(['skck']);
    expect(offeredServices({ services }, { channel: 'whatsapp' }).map((s) => s.id)).toEqual(['pkb']);
    expect(offeredServices({ services }, { agency: 'polres', service: 'pkb' })).toEqual([]);
  });

  it('limits channels', () => {
    expect(offeredChannels(services[0]!, {})).toEqual(['counter', 'video']);
    expect(offeredChannels(services[0]!, { channel: 'video' })).toEqual(['video']);
  });

  it('skips the steps the host page fixed', () => {
    expect(stepsFor(services, {})).toEqual(['service', 'channel', 'slot', 'details', 'pact', 'result']);
    expect(stepsFor([services[2]!], { service: 'skck' })).toEqual(['channel', 'slot', 'details', 'pact', 'result']);
    expect(stepsFor([services[0]!], { service: 'paspor-baru', channel: 'counter' })).toEqual([
      'slot',
      'details',
      'pact',
      'result',
    ]);
    expect(stepsFor(services, { channel: 'counter' })).toEqual(['service', 'slot', 'details', 'pact', 'result']);
    // an unknown service leaves the search step, which then says nothing matches
    expect(stepsFor([], { service: 'nope' })).toContain('service');
  });
});
