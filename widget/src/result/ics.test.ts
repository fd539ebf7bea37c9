import { describe, expect, it } from 'vitest';
import { fold, ics, icsText, icsTime } from './ics';

describe('ics', () => {
  it('writes times in UTC', () => expect(icsTime('2026-11-24T08:00:00+08:00')).toBe('20261124T000000Z'));

  it('escapes text values', () => expect(icsText('a, b; c\\d\nnext')).toBe('a\\, b\\; c\\\\d\\nnext'));

  it('folds lines at 75 octets without splitting a character', () => {
    const long = `DESCRIPTION:${'é'.repeat(60)}`;
    const lines = fold(long).split('\r\n');
    const enc = new TextEncoder();
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(enc.encode(l).length).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(long);
  });

  it('is one event with start, end, place and a reminder', () => {
    const text = ics({
      uid: 'bk_1@pakta',
      start: '2026-11-24T08:00:00+08:00',
      end: '2026-11-24T08:30:00+08:00',
      summary: 'PAS-001 · Paspor baru',
      location: 'Mal Pelayanan Publik Kabupaten Demo',
      description: 'Bawa dokumen ini:\n- KTP-el asli',
      url: 'http://localhost:8787/c/#a.b.c',
      alarm: 60,
      now: new Date('2026-11-23T10:00:00Z'),
    });
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('DTSTART:20261124T000000Z');
    expect(lines).toContain('DTEND:20261124T003000Z');
    expect(lines).toContain('DTSTAMP:20261123T100000Z');
    expect(lines).toContain('TRIGGER:-PT60M');
    expect(lines).toContain('DESCRIPTION:Bawa dokumen ini:\\n- KTP-el asli');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });
});
