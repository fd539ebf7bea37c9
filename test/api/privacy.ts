/**
 * Personal data (UU 27/2022) through a live server whose every printed line is captured: a citizen books with a
 * NIK, a phone and a full name, retries, books again, is refused in every way we can think of with the same data
 * in the request, views and cancels. The NIK, the phone in any form and the full name must not appear in a
 * certificate, a response header, a problem or other response, or the server's output; the NIK must not appear
 * in any file the server stores data in. `privacy.node.test.ts` and `privacy.workers.test.ts` run it against
 * each runtime.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn, getJson, type Pact } from '../support/client.js';

export interface PrivacyTarget {
  baseUrl: string;
  /** Every file the server keeps data in at this moment (databases with their WAL and shm files). */
  storedFiles(): string[];
  /** Stops the server cleanly; its files and output stay readable until `close`. */
  stop(): Promise<void>;
  /** The request fingerprint stored with an Idempotency-Key, read from the files (only once stopped). */
  storedRequestHash(key: string): string | undefined;
  /** Everything the server printed on stdout and stderr. */
  output(): string;
  /** What the server is known to print in such a run, to show that its output was captured at all. */
  printed: RegExp;
  close(): Promise<void>;
}

const TENANT = 'contract';

const NIK = '9103015203900001';
const NIK_WRITTEN = '9103 0152 0390 0001';
const PHONE_WRITTEN = ['0812-9876-5432', '+62 812 9876 5432', '(0812) 9876.5432', '6281298765432'];
const PHONE_E164 = '+6281298765432';
const NAME = 'Wayan Sukmawati Prameswari';

/** Everything that would give the person away, each as a needle. */
const NEEDLES: [string, string][] = [
  ['NIK', NIK],
  ['NIK as written', NIK_WRITTEN],
  ['phone (national digits)', '81298765432'],
  ['phone (E.164)', PHONE_E164],
  ['phone (last eight digits)', '98765432'],
  ...PHONE_WRITTEN.map((p): [string, string] => [`phone as written ${p}`, p]),
  ['full name', NAME],
  ...NAME.split(' ').map((w): [string, string] => [`name part ${w}`, w]),
];

/** Needles found in `text`, also once the separators people put in numbers are removed. */
function leaks(text: string): string[] {
  const squeezed = text.replace(/[\s.\-()]/g, '');
  return NEEDLES.filter(
    ([, n]) => text.toLowerCase().includes(n.toLowerCase()) || squeezed.includes(n.replace(/[\s.\-()]/g, '')),
  ).map(([what]) => what);
}

interface Exchange {
  what: string;
  status: number;
  headers: [string, string][];
  text: string;
}

export function definePrivacy(runtime: string, start: () => Promise<PrivacyTarget>): void {
  describe(`personal data on ${runtime} stays out of certificates, answers, logs and (for the NIK) stored files`, () => {
    let base: string;
    let server: PrivacyTarget | undefined;
    let pact: Pact;
    const exchanges: Exchange[] = [];
    const date = dateIn('Asia/Jayapura', 3);
    const idempotencyKey = `privacy-${crypto.randomUUID()}`;
    let firstBody: string;

    /** Sends a request and keeps everything that came back. */
    async function call(what: string, path: string, init: RequestInit = {}): Promise<Exchange> {
      const res = await fetch(`${base}${path}`, init);
      const exchange = { what, status: res.status, headers: [...res.headers.entries()], text: await res.text() };
      exchanges.push(exchange);
      return exchange;
    }
    const book = (what: string, body: unknown, headers: Record<string, string> = {}) =>
      call(what, `/v1/tenants/${TENANT}/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const bookingOf = (
      fields: {
        service?: string;
        slot?: string;
        phone?: string;
        nik?: string | undefined;
        name?: string;
        pact?: object;
      } = {},
    ) => ({
      service: fields.service ?? 'identity',
      channel: 'counter',
      date,
      slot: fields.slot ?? '10:00',
      citizen: {
        name: fields.name ?? NAME,
        phone: fields.phone ?? PHONE_WRITTEN[0],
        ...('nik' in fields ? (fields.nik === undefined ? {} : { nik: fields.nik }) : { nik: NIK_WRITTEN }),
      },
      pact: { version: pact.version, hash: pact.hash, accepted: true, locale: pact.lang, ...fields.pact },
    });

    beforeAll(async () => {
      server = await start();
      base = server.baseUrl;
      pact = (await getJson(`${base}/v1/tenants/${TENANT}`)).body.pact;

      // Booked with a NIK, retried with the same key, and booked for another service with the phone only.
      firstBody = JSON.stringify(bookingOf());
      const first = await book('booking with NIK', firstBody, { 'idempotency-key': idempotencyKey });
      expect(first.status, first.text).toBe(201);
      expect((await book('idempotent replay', firstBody, { 'idempotency-key': idempotencyKey })).status).toBe(201);
      const second = await book(
        'booking with phone only',
        bookingOf({ service: 'general', nik: undefined, phone: PHONE_WRITTEN[1] }),
      );
      expect(second.status, second.text).toBe(201);

      // Refusals that carry the same personal data.
      const refusals: [string, unknown, Record<string, string>?][] = [
        ['already booked (same NIK, other phone form)', bookingOf({ nik: NIK, phone: PHONE_WRITTEN[2] })],
        [
          'already booked (same phone, general)',
          bookingOf({ service: 'general', nik: undefined, phone: PHONE_WRITTEN[3] }),
        ],
        ['idempotency key reused', bookingOf({ slot: '11:00' }), { 'idempotency-key': idempotencyKey }],
        ['pact mismatch', bookingOf({ pact: { hash: 'a'.repeat(64) } }), { 'accept-language': 'en' }],
        ['pact outdated', bookingOf({ pact: { version: 'old.0' } })],
        ['pact not accepted', bookingOf({ pact: { accepted: false } })],
        ['invalid phone carrying the number', bookingOf({ phone: `${PHONE_WRITTEN[0]}9` })],
        ['invalid NIK carrying the NIK', bookingOf({ nik: `${NIK}7` })],
        ['invalid NIK with letters', bookingOf({ nik: `${NIK.slice(0, 15)}X` })],
        ['NIK too long for the schema', bookingOf({ nik: `${NIK} ${NIK} ${NIK}` })],
        ['NIK in the name', bookingOf({ name: `Wayan ${NIK}` })],
        ['phone in the name', bookingOf({ name: `Wayan ${PHONE_WRITTEN[0]}` })],
        ['name too long', bookingOf({ name: `${NAME} `.repeat(5) })],
        ['NIK as a number', { ...bookingOf(), citizen: { name: NAME, phone: PHONE_WRITTEN[0], nik: Number(NIK) } }],
        ['phone as a number', { ...bookingOf(), citizen: { name: NAME, phone: 81298765432, nik: NIK } }],
        ['unknown slot', bookingOf({ slot: '10:30' })],
        ['outside the window', { ...bookingOf(), date: dateIn('Asia/Jayapura', -1) }],
        ['unknown channel', { ...bookingOf(), channel: 'video' }],
        ['unknown service', bookingOf({ service: 'no-such-service' })],
        ['malformed JSON with the data in it', `${JSON.stringify(bookingOf())}}`],
        ['body too large with the data in it', JSON.stringify(bookingOf()).padEnd(40_000, ' ')],
        ['bad idempotency key', bookingOf(), { 'idempotency-key': 'bad key' }],
      ];
      for (const [what, body, headers] of refusals) {
        const r = await book(what, body, headers);
        expect(r.status, `${what}: ${r.text}`).toBeGreaterThanOrEqual(400);
        expect(r.status, what).toBeLessThan(500);
      }

      // The holder views and cancels with the manage token; a wrong token is refused.
      const created = JSON.parse(first.text);
      const auth = { authorization: `Bearer ${created.manageToken}` };
      expect((await call('view', `/v1/bookings/${created.booking.id}`, { headers: auth })).status).toBe(200);
      expect(
        (
          await call('view with wrong token', `/v1/bookings/${created.booking.id}`, {
            headers: { authorization: 'Bearer nope' },
          })
        ).status,
      ).toBe(401);
      expect(
        (await call('cancel', `/v1/bookings/${created.booking.id}/cancel`, { method: 'POST', headers: auth })).status,
      ).toBe(200);
      expect(
        (await call('cancel again', `/v1/bookings/${created.booking.id}/cancel`, { method: 'POST', headers: auth }))
          .status,
      ).toBe(409);
    }, 120_000);

    afterAll(() => server?.close());

    it('puts none of it in a certificate: header and payload carry only the masked name', () => {
      const certificates = exchanges
        .filter((e) => e.status < 300)
        .flatMap((e) => {
          const body = JSON.parse(e.text);
          return body.certificate ? [body.certificate as string] : [];
        });
      expect(certificates.length).toBeGreaterThanOrEqual(3);
      for (const token of certificates) {
        const [header, payload] = token
          .split('.')
          .slice(0, 2)
          .map((part) => Buffer.from(part, 'base64url').toString('utf8'));
        expect(leaks(`${header}\n${payload}`)).toEqual([]);
        expect(JSON.parse(payload!).holder).toEqual({ name: 'W**** S***** P*****' });
      }
    });

    it('puts none of it in a response header', () => {
      for (const e of exchanges) expect(leaks(e.headers.map(([k, v]) => `${k}: ${v}`).join('\n')), e.what).toEqual([]);
    });

    it('puts none of it in a problem, nor in any other answer', () => {
      const problems = exchanges.filter((e) => e.status >= 400);
      expect(problems.length).toBeGreaterThanOrEqual(20);
      for (const e of problems) {
        expect(e.headers.find(([k]) => k === 'content-type')?.[1], e.what).toMatch(/^application\/problem\+json/);
        expect(leaks(e.text), `${e.what}: ${e.text}`).toEqual([]);
      }
      for (const e of exchanges.filter((e) => e.status < 400)) expect(leaks(e.text), e.what).toEqual([]);
    });

    it('never writes the NIK to a stored file, nor an unkeyed fingerprint of a request that holds it', async () => {
      const scan = () => server!.storedFiles().map((f) => ({ f, bytes: readFileSync(f) }));
      const search = (bytes: Buffer, needle: string) =>
        bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'));

      // While the server runs (the rows are in a WAL) …
      const live = scan();
      expect(live.length).toBeGreaterThanOrEqual(2);
      // The scan does see what is stored on purpose: the phone, for delivering the certificate.
      expect(live.some(({ bytes }) => search(bytes, PHONE_E164))).toBe(true);
      for (const { f, bytes } of live) {
        expect(search(bytes, NIK), f).toBe(false);
        expect(search(bytes, NIK_WRITTEN), f).toBe(false);
      }

      // … and after a clean stop, when a WAL may have been checkpointed into its database file.
      await server!.stop();
      const stopped = scan();
      expect(stopped.some(({ bytes }) => search(bytes, PHONE_E164))).toBe(true);
      for (const { f, bytes } of stopped) {
        expect(search(bytes, NIK), f).toBe(false);
        expect(search(bytes, NIK_WRITTEN), f).toBe(false);
      }

      // An idempotency record keeps a fingerprint of the body, which holds the NIK: it must not be a plain hash that
      // anyone holding the file can test guessed NIKs against.
      const stored = server!.storedRequestHash(idempotencyKey);
      expect(stored).toBeTruthy();
      for (const algorithm of ['sha256', 'sha1', 'sha512', 'md5']) {
        const digest = createHash(algorithm).update(firstBody, 'utf8').digest();
        expect(
          [digest.toString('hex'), digest.toString('base64'), digest.toString('base64url')],
          algorithm,
        ).not.toContain(stored);
      }
    });

    it('prints none of it: the server’s stdout and stderr', () => {
      const output = server!.output();
      expect(output).toMatch(server!.printed);
      expect(leaks(output)).toEqual([]);
    });
  });
}
