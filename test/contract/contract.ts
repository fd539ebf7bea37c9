/**
 * The contract every runtime of the API keeps, spoken over HTTP: availability, booking, pact gate, idempotency
 * (replay, mismatch, concurrent), cancel and status list, window rules, errors. `node.test.ts` and
 * `workers.test.ts` run it against a live server of each runtime serving the `demo` and `contract` tenants, whose
 * public URL (the certificates' issuer origin) is the `baseUrl` the target reports.
 */

import { inflateSync } from 'node:zlib';
import { calculateJwkThumbprint, createRemoteJWKSet, decodeProtectedHeader, type JWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingBody,
  dateIn,
  getJson,
  type Pact,
  postBooking,
  sha256Hex,
  type Target,
  uniquePhone,
} from '../support/client.js';

const TENANT = 'contract';
const ZONE = 'Asia/Jayapura';

export function defineContract(runtime: string, start: () => Promise<Target>): void {
  describe(`API contract on ${runtime}`, () => {
    let target: Target;
    let base: string;
    let pact: Pact;
    // Tomorrow in the tenant's zone: open all day in the fixture, whatever the hour the suite runs.
    const date = dateIn(ZONE, 1);
    let slotCounter = 0;
    /** A fresh slot per test, so tests do not share quota. */
    const freshSlot = () => `${String(slotCounter++).padStart(2, '0')}:00`;

    beforeAll(async () => {
      target = await start();
      base = target.baseUrl;
      pact = (await getJson(`${base}/v1/tenants/${TENANT}`)).body.pact;
    });
    afterAll(async () => {
      await target?.close();
    });

    describe('tenant', () => {
      it('serves the catalogue and the pact with the hash of its exact text, per language', async () => {
        const id = await getJson(`${base}/v1/tenants/${TENANT}`, { headers: { 'accept-language': 'id' } });
        const en = await getJson(`${base}/v1/tenants/${TENANT}?lang=en`);
        expect(id.status).toBe(200);
        expect(id.body.tenant).toEqual({ id: TENANT, name: expect.any(String), timeZone: ZONE });
        expect(id.body.services.find((s: any) => s.id === 'general')).toMatchObject({
          agencyId: 'uji',
          channels: ['counter', 'video'],
        });
        expect(id.body.retentionDays).toBe(30);
        expect(id.body.pact.hash).toBe(sha256Hex(id.body.pact.text));
        expect(en.body.pact).toMatchObject({
          lang: 'en',
          version: id.body.pact.version,
          hash: sha256Hex(en.body.pact.text),
        });
        expect(en.body.pact.hash).not.toBe(id.body.pact.hash);
      });

      it('answers an unknown tenant with a not_found problem in the request’s language', async () => {
        const id = await getJson(`${base}/v1/tenants/nope`);
        const en = await getJson(`${base}/v1/tenants/nope`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
        expect(id.status).toBe(404);
        expect(id.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(id.body).toMatchObject({ type: 'urn:pakta:problem:not_found', code: 'not_found', status: 404 });
        expect(en.body.detail).not.toBe(id.body.detail);
      });
    });

    describe('availability', () => {
      it('lists slots in the tenant’s zone with the quota per channel', async () => {
        const { status, body } = await getJson(
          `${base}/v1/tenants/${TENANT}/availability?service=general&from=${date}&days=2`,
        );
        expect(status).toBe(200);
        expect(body.days).toHaveLength(2);
        const day = body.days[0];
        expect(day).toMatchObject({ date, open: true });
        expect(day.slots[0]).toEqual({
          id: '00:00',
          start: `${date}T00:00:00+09:00`,
          end: `${date}T01:00:00+09:00`,
          remaining: { counter: 5, video: 2 },
        });
        expect(day.slots).toHaveLength(24);
      });

      it('says why a day is closed', async () => {
        const past = await getJson(
          `${base}/v1/tenants/${TENANT}/availability?service=general&from=${dateIn(ZONE, -2)}&days=1`,
        );
        expect(past.body.days[0]).toMatchObject({ open: false, reason: 'past', slots: [] });
        const far = await getJson(
          `${base}/v1/tenants/${TENANT}/availability?service=general&from=${dateIn(ZONE, 40)}&days=1`,
        );
        expect(far.body.days[0]).toMatchObject({ open: false, reason: 'beyond_window' });
        const holiday = await getJson(
          `${base}/v1/tenants/${TENANT}/availability?service=general&from=2031-01-01&days=1`,
        );
        expect(holiday.body.days[0]).toMatchObject({
          open: false,
          reason: 'holiday',
          note: { id: 'Tahun Baru', en: 'New Year' },
        });
      });

      it('refuses bad queries with validation problems', async () => {
        for (const q of [
          'service=general&days=0',
          'service=general&days=99',
          'service=general&from=2026-02-30',
          'days=3',
          'service=General',
        ]) {
          const r = await getJson(`${base}/v1/tenants/${TENANT}/availability?${q}`);
          expect(r.status, q).toBe(400);
          expect(r.body.code, q).toBe('validation_failed');
        }
        const unknown = await getJson(`${base}/v1/tenants/${TENANT}/availability?service=nope`);
        expect(unknown.body.code).toBe('unknown_service');
      });
    });

    describe('booking', () => {
      it('books, numbers in slot order, and signs a certificate that verifies against the issuer’s key set', async () => {
        const slot = freshSlot();
        const videoSlot = freshSlot();
        // Booked later, called earlier: the earlier slot's video place goes before.
        const second = await postBooking(
          base,
          TENANT,
          bookingBody(pact, { service: 'general', date, slot: videoSlot, channel: 'video' }),
        );
        const first = await postBooking(base, TENANT, bookingBody(pact, { service: 'general', date, slot }));
        expect(first.status).toBe(201);
        expect(first.body.booking).toMatchObject({
          service: 'general',
          agency: 'uji',
          channel: 'counter',
          date,
          slot,
          status: 'active',
        });
        const [a, b] = [first.body.booking.ticket, second.body.booking.ticket].map((t: string) => Number(t.slice(4)));
        expect(first.body.booking.ticket).toMatch(/^GEN-\d{3}$/);
        // Each hour of the all-day fixture holds seven numbers: five at the counter, then two by video.
        const hour = (s: string) => Number(s.slice(0, 2));
        expect(a).toBe(hour(slot) * 7 + 1);
        expect(b).toBe(hour(videoSlot) * 7 + 6);
        expect(first.body.manageToken).toEqual(expect.any(String));
        expect(first.body.certificateUrl).toBe(`${base}/c/#${first.body.certificate}`);

        const token: string = first.body.certificate;
        const header = decodeProtectedHeader(token);
        expect(header).toMatchObject({ alg: 'ES256', typ: 'pakta+jwt' });
        const iss = `${base}/t/${TENANT}`;
        const jwks = await getJson<{ keys: JWK[] }>(`${base}/t/${TENANT}/.well-known/jwks.json`);
        const key = jwks.body.keys.find((k) => k.kid === header.kid)!;
        expect(await calculateJwkThumbprint(key)).toBe(header.kid);
        const keySet = createRemoteJWKSet(new URL(`${base}/t/${TENANT}/.well-known/jwks.json`));
        const { payload } = await jwtVerify(token, keySet, { issuer: iss, typ: 'pakta+jwt', algorithms: ['ES256'] });
        expect(payload).toMatchObject({
          sub: first.body.booking.id,
          pact: { v: pact.version, sha256: pact.hash, lang: pact.lang },
          ticket: { no: first.body.booking.ticket, service: 'general', agency: 'uji', date, slot, channel: 'counter' },
          holder: { name: 'B*** S*****' },
          status: { idx: expect.any(Number), uri: expect.stringContaining(`/t/${TENANT}/statuslists/`) },
        });
        expect(payload.exp! - payload.iat!).toBeGreaterThan(0);
        expect(JSON.stringify(payload)).not.toMatch(/0813|\+62|nik/i);
      });

      it('takes away one place from availability and gives it back on cancel, revoking the certificate', async () => {
        const slot = freshSlot();
        const remaining = async () =>
          (
            await getJson(`${base}/v1/tenants/${TENANT}/availability?service=general&from=${date}&days=1`)
          ).body.days[0].slots.find((s: any) => s.id === slot).remaining.counter;
        expect(await remaining()).toBe(5);
        const booked = await postBooking(base, TENANT, bookingBody(pact, { service: 'general', date, slot }));
        expect(await remaining()).toBe(4);
        const { id } = booked.body.booking;
        const auth = { authorization: `Bearer ${booked.body.manageToken}` };

        expect((await getJson(`${base}/v1/bookings/${id}`)).status).toBe(401);
        expect(
          (await getJson(`${base}/v1/bookings/${id}`, { headers: { authorization: 'Bearer wrong' } })).body.code,
        ).toBe('unauthorized');
        const view = await getJson(`${base}/v1/bookings/${id}`, { headers: auth });
        expect(view.body).toMatchObject({ booking: { id, status: 'active' }, certificate: booked.body.certificate });

        const statusUri: string = JSON.parse(Buffer.from(booked.body.certificate.split('.')[1], 'base64url').toString())
          .status.uri;
        const idx: number = JSON.parse(Buffer.from(booked.body.certificate.split('.')[1], 'base64url').toString())
          .status.idx;
        const bit = async () => {
          expect(statusUri.startsWith(`${base}/t/${TENANT}/statuslists/`)).toBe(true);
          const res = await fetch(statusUri);
          expect(res.headers.get('content-type')).toBe('application/statuslist+jwt');
          const token = await res.text();
          expect(decodeProtectedHeader(token).typ).toBe('statuslist+jwt');
          const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
          expect(claims.sub).toBe(statusUri);
          const bytes = inflateSync(Buffer.from(claims.status_list.lst, 'base64url'));
          return (bytes[idx >> 3]! >> (idx & 7)) & 1;
        };
        expect(await bit()).toBe(0);

        const cancelled = await getJson(`${base}/v1/bookings/${id}/cancel`, { method: 'POST', headers: auth });
        expect(cancelled.status).toBe(200);
        expect(cancelled.body.booking.status).toBe('cancelled');
        expect(await remaining()).toBe(5);
        expect(await bit()).toBe(1);
        const again = await getJson(`${base}/v1/bookings/${id}/cancel`, { method: 'POST', headers: auth });
        expect(again.body.code).toBe('already_cancelled');
      });

      it('fills a slot with its own contiguous numbers, and never reuses a cancelled one', async () => {
        const slot = freshSlot();
        const book = () => postBooking(base, TENANT, bookingBody(pact, { service: 'general', date, slot }));
        const five = await Promise.all(Array.from({ length: 5 }, book));
        const numbers = five.map((r) => Number(r.body.booking.ticket.slice(4))).sort((x, y) => x - y);
        const first = Number(slot.slice(0, 2)) * 7 + 1;
        expect(numbers).toEqual([first, first + 1, first + 2, first + 3, first + 4]);
        const a = five[2]!;
        await getJson(`${base}/v1/bookings/${a.body.booking.id}/cancel`, {
          method: 'POST',
          headers: { authorization: `Bearer ${a.body.manageToken}` },
        });
        const b = await book();
        expect(b.status).toBe(201);
        expect(b.body.booking.ticket).not.toBe(a.body.booking.ticket);
        // The slot's block is used up, so the freed place takes a number past all 24 × 7 of the day's blocks.
        expect(Number(b.body.booking.ticket.slice(4))).toBeGreaterThan(24 * 7);
      });

      it('holds a citizen to one active booking per service per day', async () => {
        const phone = uniquePhone();
        const first = await postBooking(
          base,
          TENANT,
          bookingBody(pact, { service: 'general', date, slot: freshSlot(), phone }),
        );
        expect(first.status).toBe(201);
        const second = await postBooking(
          base,
          TENANT,
          bookingBody(pact, { service: 'general', date, slot: freshSlot(), phone: phone.replace(/^0/, '+62') }),
        );
        expect(second.body.code).toBe('already_booked');
        expect(second.status).toBe(409);
      });

      it('stops at the quota of a slot and channel, and still replays a booking of the full slot to its key', async () => {
        const slot = freshSlot();
        const firstBody = JSON.stringify(bookingBody(pact, { service: 'general', channel: 'video', date, slot }));
        const key = { 'idempotency-key': `full-${crypto.randomUUID()}` };
        const results = [await postBooking(base, TENANT, firstBody, key)];
        for (let i = 0; i < 3; i++)
          results.push(
            await postBooking(base, TENANT, bookingBody(pact, { service: 'general', channel: 'video', date, slot })),
          );
        expect(results.map((r) => r.status)).toEqual([201, 201, 409, 409]);
        expect(results[3]!.body.code).toBe('quota_exhausted');
        // A citizen whose answer was lost retries after the slot filled up: they get their booking, not a refusal.
        const retry = await postBooking(base, TENANT, firstBody, key);
        expect([retry.status, retry.body.booking?.id]).toEqual([201, results[0]!.body.booking.id]);
      });

      it('gates the number on the current pact', async () => {
        const slot = freshSlot();
        const body = bookingBody(pact, { service: 'general', date, slot });
        const refuse = async (p: object, code: string, status: number) => {
          const r = await postBooking(base, TENANT, { ...body, pact: { ...body.pact, ...p } });
          expect([r.status, r.body.code]).toEqual([status, code]);
        };
        await refuse({ accepted: false }, 'pact_not_accepted', 422);
        await refuse({ version: 'old.0' }, 'pact_outdated', 409);
        await refuse({ hash: 'a'.repeat(64) }, 'pact_mismatch', 422);
        const en = (await getJson(`${base}/v1/tenants/${TENANT}?lang=en`)).body.pact;
        await refuse({ hash: en.hash, locale: 'id' }, 'pact_mismatch', 422);
      });

      it('refuses what the window and catalogue do not offer', async () => {
        const cases: [object, string][] = [
          [{ date: dateIn(ZONE, -1), slot: '10:00' }, 'outside_window'],
          [{ date: dateIn(ZONE, 31), slot: '10:00' }, 'outside_window'],
          [{ date: '2031-01-01', slot: '10:00' }, 'date_closed'],
          [{ date, slot: '10:30' }, 'unknown_slot'],
          [{ date, slot: '10:00', channel: 'whatsapp' }, 'unknown_channel'],
          [{ date, slot: '10:00', service: 'no-such-service' }, 'unknown_service'],
          [{ date, slot: '10:00', service: 'identity' }, 'nik_required'],
          [{ date, slot: '10:00', service: 'identity', nik: '1234567890123456' }, 'invalid_nik'],
          [{ date, slot: '10:00', phone: '021-555-1234' }, 'invalid_phone'],
        ];
        for (const [fields, code] of cases) {
          const r = await postBooking(base, TENANT, bookingBody(pact, { service: 'general', ...(fields as any) }));
          expect(r.body.code, JSON.stringify(fields)).toBe(code);
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
        }
      });

      it('books a NIK service with a plausible NIK', async () => {
        const r = await postBooking(
          base,
          TENANT,
          bookingBody(pact, { service: 'identity', date, slot: freshSlot(), nik: '9103015203900001' }),
        );
        expect(r.status).toBe(201);
        expect(r.body.certificate).not.toContain('9103015203900001');
      });
    });

    describe('idempotency', () => {
      it('replays the same response for the same key and body', async () => {
        const body = JSON.stringify(bookingBody(pact, { service: 'general', date, slot: freshSlot() }));
        const key = { 'idempotency-key': `replay-${crypto.randomUUID()}` };
        const first = await postBooking(base, TENANT, body, key);
        const again = await postBooking(base, TENANT, body, key);
        expect(first.status).toBe(201);
        expect(again.status).toBe(201);
        expect(again.body.booking).toEqual(first.body.booking);
        expect(again.body.manageToken).toBe(first.body.manageToken);
      });

      it('refuses the same key with another body', async () => {
        const key = { 'idempotency-key': `mismatch-${crypto.randomUUID()}` };
        const slot = freshSlot();
        const phone = uniquePhone();
        expect(
          (await postBooking(base, TENANT, bookingBody(pact, { service: 'general', date, slot, phone }), key)).status,
        ).toBe(201);
        const other = await postBooking(
          base,
          TENANT,
          bookingBody(pact, { service: 'general', date, slot, phone, name: 'Siti Aminah' }),
          key,
        );
        expect([other.status, other.body.code]).toEqual([422, 'idempotency_key_reused']);
      });

      it('books once when the same request arrives many times at once', async () => {
        const slot = freshSlot();
        const body = JSON.stringify(bookingBody(pact, { service: 'general', date, slot }));
        const key = { 'idempotency-key': `concurrent-${crypto.randomUUID()}` };
        const results = await Promise.all(Array.from({ length: 20 }, () => postBooking(base, TENANT, body, key)));
        const created = results.filter((r) => r.status === 201);
        for (const r of results) expect([201, 409]).toContain(r.status);
        for (const r of results.filter((r) => r.status === 409)) expect(r.body.code).toBe('idempotency_in_flight');
        expect(new Set(created.map((r) => r.body.booking.id)).size).toBe(1);
        const day = (await getJson(`${base}/v1/tenants/${TENANT}/availability?service=general&from=${date}&days=1`))
          .body.days[0];
        expect(day.slots.find((s: any) => s.id === slot).remaining.counter).toBe(4);
      });

      it('refuses a malformed key', async () => {
        const r = await postBooking(base, TENANT, bookingBody(pact, { service: 'general', date, slot: freshSlot() }), {
          'idempotency-key': 'short',
        });
        expect(r.body.code).toBe('idempotency_key_invalid');
      });
    });

    describe('concurrency', () => {
      it('never exceeds a slot’s quota nor repeats a number under simultaneous bookings', async () => {
        const slot = freshSlot();
        const results = await Promise.all(
          Array.from({ length: 60 }, () =>
            postBooking(base, TENANT, bookingBody(pact, { service: 'rush-30', date, slot })),
          ),
        );
        const created = results.filter((r) => r.status === 201);
        expect(created).toHaveLength(30);
        expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'quota_exhausted')).toBe(true);
        expect(new Set(created.map((r) => r.body.booking.ticket)).size).toBe(30);
      });
    });

    describe('browsers', () => {
      it('lets only a tenant’s listed origins book, so tenant B’s site cannot book at tenant A', async () => {
        const body = bookingBody(pact, { service: 'general', date, slot: freshSlot() });
        const foreign = await postBooking(base, 'demo', body, { origin: 'https://contract.example' });
        expect([foreign.status, foreign.body.code]).toEqual([403, 'origin_not_allowed']);
        const evil = await postBooking(base, TENANT, body, { origin: 'https://contract.example.evil.test' });
        expect(evil.body.code).toBe('origin_not_allowed');
        const own = await postBooking(base, TENANT, body, { origin: 'https://contract.example' });
        expect(own.status).toBe(201);
        expect(own.headers.get('access-control-allow-origin')).toBe('https://contract.example');
        expect(own.headers.get('vary')).toMatch(/Origin/i);
      });

      it('answers preflights for listed origins only', async () => {
        const preflight = (origin: string) =>
          fetch(`${base}/v1/tenants/${TENANT}/bookings`, {
            method: 'OPTIONS',
            headers: {
              origin,
              'access-control-request-method': 'POST',
              'access-control-request-headers': 'content-type, idempotency-key',
            },
          });
        const ok = await preflight('https://contract.example');
        expect(ok.headers.get('access-control-allow-origin')).toBe('https://contract.example');
        expect(ok.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/i);
        expect((await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();
      });

      it('sends security headers, and key sets to every origin', async () => {
        const jwks = await fetch(`${base}/t/${TENANT}/.well-known/jwks.json`, {
          headers: { origin: 'https://anywhere.example' },
        });
        expect(jwks.headers.get('access-control-allow-origin')).toBe('*');
        expect(jwks.headers.get('x-content-type-options')).toBe('nosniff');
        expect(jwks.headers.get('strict-transport-security')).toBeTruthy();
        expect(jwks.headers.get('referrer-policy')).toBe('no-referrer');
      });
    });

    describe('discovery', () => {
      it('serves OpenAPI 3.1, both key sets and health', async () => {
        const doc = await getJson(`${base}/openapi.json`);
        expect(doc.body.openapi).toBe('3.1.0');
        expect(doc.body.components.schemas.BookingRequest.properties.citizen).toBeDefined();
        const root = await getJson(`${base}/.well-known/jwks.json`);
        const tenantKeys = await getJson(`${base}/t/${TENANT}/.well-known/jwks.json`);
        expect(root.body.keys.length).toBeGreaterThan(0);
        expect(tenantKeys.body.keys.map((k: JWK) => k.kid)).toEqual(root.body.keys.map((k: JWK) => k.kid));
        for (const k of tenantKeys.body.keys) expect(k).not.toHaveProperty('d');
        expect((await getJson(`${base}/healthz`)).body).toEqual({ ok: true, halls: expect.any(Number) });
      });
    });
  });
}
