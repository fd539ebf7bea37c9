/**
 * Taking, showing and cancelling a booking: the rules in the order a counter officer would apply them, over
 * the pure domain and the store. Routes only parse HTTP and call these.
 */

import {
  type Booking,
  type BookingCreated,
  type BookingRequest,
  type CertificateClaims,
  checkNik,
  compactNik,
  normalizePhone,
} from '@pakta/sdk/protocol';
import { base64url } from 'jose';
import { signCertificate } from './certificates/certificate.js';
import { statusPosition } from './certificates/status-list.js';
import type { AppDeps } from './context.js';
import type { Mac } from './crypto.js';
import { checkBookable, today } from './domain/calendar.js';
import { citizenKey, keyedHash } from './domain/citizen.js';
import { maskName } from './domain/masking.js';
import { ticketBlock } from './domain/numbering.js';
import { checkPactAgreement } from './domain/pact.js';
import { addDays, instantOf, isoInZone } from './domain/time.js';
import { Problem } from './errors.js';
import { forgetSpentChallenges, spendProof } from './proof-of-work.js';
import { enforceRateLimit } from './rate-limits.js';
import type { BookingRecord } from './store/store.js';
import type { Tenant } from './tenants/registry.js';

/** How long after the end of the booking day a certificate stays valid, for late counters and clock drift. */
export const CERTIFICATE_GRACE_SECONDS = 2 * 3600;

export const issuerOf = (deps: Pick<AppDeps, 'publicUrl'>, tenant: string) => `${deps.publicUrl}/t/${tenant}`;
export const statusListUri = (deps: Pick<AppDeps, 'publicUrl'>, tenant: string, list: number) =>
  `${issuerOf(deps, tenant)}/statuslists/${list}`;
export const certificateUrl = (deps: Pick<AppDeps, 'publicUrl'>, certificate: string) =>
  `${deps.publicUrl}/c/#${certificate}`;

export function claimsOf(
  deps: Pick<AppDeps, 'publicUrl' | 'tenants'>,
  b: BookingRecord,
  now: number,
): CertificateClaims {
  const tenant = deps.tenants.get(b.tenant);
  if (!tenant) throw new Error(`booking ${b.id} belongs to unknown tenant ${b.tenant}`);
  const iat = Math.floor(now / 1000);
  const dayEnd = instantOf(addDays(b.date, 1), 0, tenant.timeZone) / 1000;
  const { list, idx } = statusPosition(b.statusIndex);
  return {
    iss: issuerOf(deps, b.tenant),
    sub: b.id,
    jti: b.id,
    iat,
    nbf: iat,
    exp: Math.max(dayEnd + CERTIFICATE_GRACE_SECONDS, iat + 60),
    pact: { v: b.pact.version, sha256: b.pact.hash, lang: b.pact.language, at: b.pact.at },
    ticket: { no: b.ticket, service: b.service, agency: b.agency, date: b.date, slot: b.slot, channel: b.channel },
    holder: { name: b.holderName ? maskName(b.holderName) : '' },
    status: { idx, uri: statusListUri(deps, b.tenant, list) },
  };
}

export function issueCertificate(deps: AppDeps, b: BookingRecord): string | Promise<string> {
  return signCertificate(deps.keys.current, claimsOf(deps, b, deps.clock()));
}

/** The manage token of a booking: derived, never stored, so a leaked database cannot cancel bookings. */
export async function manageToken(deps: Pick<AppDeps, 'manageMac'>, bookingId: string): Promise<string> {
  return (await keyedHash(deps.manageMac, 'manage', bookingId)).slice('manage:'.length);
}

export async function checkManageToken(
  deps: Pick<AppDeps, 'manageMac'>,
  bookingId: string,
  presented: string | undefined,
) {
  const expected = await manageToken(deps, bookingId);
  if (!presented || presented.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ presented.charCodeAt(i);
  return diff === 0;
}

export function presentBooking(deps: Pick<AppDeps, 'tenants'>, b: BookingRecord): Booking {
  const tenant = deps.tenants.get(b.tenant)!;
  const tz = tenant.timeZone;
  const slotMinutes = tenant.services.get(b.service)?.service.slotMinutes ?? 0;
  const startMinutes = Number(b.slot.slice(0, 2)) * 60 + Number(b.slot.slice(3, 5));
  return {
    id: b.id,
    ticket: b.ticket,
    service: b.service,
    agency: b.agency,
    channel: b.channel,
    date: b.date,
    slot: b.slot,
    start: isoInZone(instantOf(b.date, startMinutes, tz), tz),
    end: isoInZone(instantOf(b.date, startMinutes + slotMinutes, tz), tz),
    status: b.status,
  };
}

/** Random bytes drawn 4 KB at a time: one call into the system's generator per 256 bookings, not per booking. */
const randomPool = { bytes: new Uint8Array(0), at: 0 };

function newBookingId(): string {
  if (randomPool.at + 16 > randomPool.bytes.length) {
    randomPool.bytes = crypto.getRandomValues(new Uint8Array(4096));
    randomPool.at = 0;
  }
  return `bk_${base64url.encode(randomPool.bytes.subarray(randomPool.at, (randomPool.at += 16)))}`;
}

/**
 * The fingerprint an idempotency record keeps of the request body: keyed (HMAC-SHA-256 under the citizen-hash key),
 * because the body holds the NIK, phone and name, and a plain hash would let anyone with the file test guesses.
 */
async function requestFingerprint(mac: Mac, body: Uint8Array): Promise<string> {
  const prefix = new TextEncoder().encode('request:');
  const bytes = new Uint8Array(prefix.length + body.length);
  bytes.set(prefix);
  bytes.set(body, prefix.length);
  return [...(await mac(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface TakeBookingResult {
  status: 201 | 200;
  body: BookingCreated;
}

/**
 * Takes a booking: pact, window and citizen checks, then the store's atomic allocation. A replayed
 * `Idempotency-Key` answers the original booking again.
 */
export async function takeBooking(
  deps: AppDeps,
  tenant: Tenant,
  request: BookingRequest,
  idempotency: { key: string; body: Uint8Array } | undefined,
): Promise<TakeBookingResult> {
  const now = deps.clock();
  const entry = tenant.services.get(request.service);
  if (!entry) throw new Problem('unknown_service');
  const { service, agency } = entry;

  const refusal = checkPactAgreement(tenant.pacts[request.pact.locale], request.pact);
  if (refusal) throw new Problem(refusal);

  const phone = normalizePhone(request.citizen.phone);
  if (!phone) throw new Problem('invalid_phone');
  let nik: string | undefined;
  if (request.citizen.nik !== undefined && request.citizen.nik !== '') {
    if (checkNik(request.citizen.nik)) throw new Problem('invalid_nik');
    nik = compactNik(request.citizen.nik);
  } else if (service.nikRequired) throw new Problem('nik_required');

  const bookable = checkBookable(tenant, service, request.channel, request.date, request.slot, now);
  if ('error' in bookable) throw new Problem(bookable.error);
  const place = {
    tenant: tenant.id,
    service: service.id,
    channel: request.channel,
    date: request.date,
    slot: request.slot,
  };
  const outcome = await deps.store.book(
    {
      place,
      quota: bookable.quota,
      idempotencyKey: idempotency?.key,
      // The work a booking costs, which a store that knows the slot full skips (in a rush, nearly every request): the
      // proof is spent here too, so a citizen refused for a full slot keeps it for another slot.
      prepare: async () => {
        const citizen = await citizenKey(deps.citizenMac, { nik, phone });
        await enforceRateLimit(deps, tenant, 'perCitizen', citizen);
        if (service.proofOfWork) {
          await spendProof(deps, request.proof, `${tenant.id}|${idempotency?.key ?? crypto.randomUUID()}`);
        }
        return {
          booking: {
            ...place,
            id: newBookingId(),
            agency: agency.id,
            ticketPrefix: service.ticketPrefix,
            ticketBlock: ticketBlock(
              bookable.daySlots.map((s) => s.id),
              service.quotaPerSlot,
              request.slot,
              request.channel,
            )!,
            quota: bookable.quota,
            citizenKey: citizen,
            holderName: request.citizen.name,
            phone,
            pact: {
              version: request.pact.version,
              hash: request.pact.hash.toLowerCase(),
              language: request.pact.locale,
              at: Math.floor(now / 1000),
            },
            createdAt: now,
          },
          idempotency: idempotency && {
            key: idempotency.key,
            requestHash: await requestFingerprint(deps.citizenMac, idempotency.body),
          },
        };
      },
    },
    (b) => issueCertificate(deps, b),
  );
  if (outcome.kind !== 'created' && outcome.kind !== 'replayed') throw new Problem(outcome.kind);
  const b = outcome.booking;
  return {
    status: 201,
    body: {
      booking: presentBooking(deps, b),
      certificate: b.certificate,
      certificateUrl: certificateUrl(deps, b.certificate),
      manageToken: await manageToken(deps, b.id),
    },
  };
}

/** Signs the certificates of bookings whose signing a crash interrupted, so a retry finds them complete. */
export async function completePendingCertificates(deps: AppDeps): Promise<number> {
  const pending = await deps.store.pendingCertificates();
  for (const b of pending) await deps.store.attachCertificate(b.id, await issueCertificate(deps, b));
  return pending.length;
}

/**
 * The jobs each runtime runs on a schedule (Node at start and hourly, Workers by cron): personal data past
 * retention is erased, spent challenges that expired are forgotten. Each on its own: a failure of one (a busy
 * database) must not skip the other until the next round; the first failure is thrown once both have run.
 */
export async function housekeeping(deps: AppDeps): Promise<void> {
  const failed = (await Promise.allSettled([purgeExpiredPersonalData(deps), forgetSpentChallenges(deps)])).find(
    (r) => r.status === 'rejected',
  );
  if (failed) throw failed.reason;
}

/**
 * Erases the personal data (name, phone, citizen hash) of bookings older than each tenant's retention period,
 * keeping the anonymous rest (service, date, slot, number, status) for counts. Returns how many were erased.
 */
export async function purgeExpiredPersonalData(deps: Pick<AppDeps, 'store' | 'tenants' | 'clock'>): Promise<number> {
  const now = deps.clock();
  let purged = 0;
  for (const tenant of deps.tenants.values()) {
    purged += await deps.store.purgePersonalData(tenant.id, addDays(today(tenant, now), -tenant.retentionDays), now);
  }
  return purged;
}
