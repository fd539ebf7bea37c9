import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskName } from './masking.js';
import { formatTicket, nextSequence, parseTicket, ticketBlock } from './numbering.js';
import { checkPactAgreement, pactHash } from './pact.js';

describe('name masking', () => {
  it('keeps each word’s first letter', () => {
    expect(maskName('Budi Santoso')).toBe('B*** S*****');
    expect(maskName('  Ni   Luh Putu  ')).toBe('N* L** P***');
    expect(maskName('Élodie')).toBe('É*****');
    expect(maskName('Wirawan Kusumawardhani')).toBe('W***** K*****');
  });
});

describe('ticket numbers', () => {
  it('formats and parses PREFIX-NNN', () => {
    expect(formatTicket('PAS', 7)).toBe('PAS-007');
    expect(formatTicket('KTP', 1000)).toBe('KTP-1000');
    expect(parseTicket('PAS-007')).toEqual({ prefix: 'PAS', sequence: 7 });
    expect(() => formatTicket('PAS', 0)).toThrow(RangeError);
  });

  it('lays the day out in blocks: slot by slot, channel by channel in the order the service lists them', () => {
    const slots = ['08:00', '09:00', '10:00'];
    const quota = { counter: 5, video: 2 };
    expect(ticketBlock(slots, quota, '08:00', 'counter')).toEqual({ first: 1, last: 5, lastOfServiceDay: 21 });
    expect(ticketBlock(slots, quota, '08:00', 'video')).toEqual({ first: 6, last: 7, lastOfServiceDay: 21 });
    expect(ticketBlock(slots, quota, '09:00', 'counter')).toEqual({ first: 8, last: 12, lastOfServiceDay: 21 });
    expect(ticketBlock(slots, quota, '10:00', 'video')).toEqual({ first: 20, last: 21, lastOfServiceDay: 21 });
    expect(ticketBlock(slots, quota, '11:00', 'counter')).toBeUndefined();
    expect(ticketBlock(slots, quota, '08:00', 'whatsapp')).toBeUndefined();
  });

  it('issues inside the block while it lasts, then past every block', () => {
    const block = { first: 8, last: 12, lastOfServiceDay: 21 };
    expect(nextSequence(block, 0, 0)).toBe(8);
    expect(nextSequence(block, 0, 7)).toBe(8);
    expect(nextSequence(block, 9, 21)).toBe(10);
    // The block is used up (a cancelled place was taken again): the first number after the day's blocks.
    expect(nextSequence(block, 12, 12)).toBe(22);
    expect(nextSequence(block, 12, 23)).toBe(24);
  });
});

describe('pact', () => {
  const text = 'Saya berjanji tidak memberi suap. — “Pakta”';
  it('hashes the exact UTF-8 text', async () => {
    expect(await pactHash(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(await pactHash(`${text} `)).not.toBe(await pactHash(text));
  });
  it('refuses agreements to another version or text, or none', async () => {
    const current = { version: '2026.1', language: 'id' as const, text, hash: await pactHash(text) };
    expect(checkPactAgreement(current, { version: '2026.1', hash: current.hash, accepted: true })).toBeUndefined();
    expect(
      checkPactAgreement(current, { version: '2026.1', hash: current.hash.toUpperCase(), accepted: true }),
    ).toBeUndefined();
    expect(checkPactAgreement(current, { version: '2026.1', hash: current.hash, accepted: false })).toBe(
      'pact_not_accepted',
    );
    expect(checkPactAgreement(current, { version: '2025.9', hash: current.hash, accepted: true })).toBe(
      'pact_outdated',
    );
    expect(checkPactAgreement(current, { version: '2026.1', hash: '0'.repeat(64), accepted: true })).toBe(
      'pact_mismatch',
    );
  });
});
