/**
 * The storage seam. The app speaks only to these interfaces; each runtime brings its own implementation
 * (SQLite on Node, Durable Objects + D1 on Workers) and proves it with the same contract suite.
 */

import type { Language } from '@pakta/sdk/protocol';
import type { TicketBlock } from '../domain/numbering.js';

export type BookingStatus = 'active' | 'cancelled';

/** Where a booking sits: tenant, service, agency, channel, date and slot. */
export interface BookingPlace {
  id: string;
  tenant: string;
  service: string;
  agency: string;
  channel: string;
  date: string;
  slot: string;
}

/** Where a booking attempt aims: a slot and channel of one service-day. */
export type SlotPlace = Omit<BookingPlace, 'id' | 'agency'>;

/** Only the place fields of a booking (a `NewBooking` carries personal data and more besides). */
export const placeOf = ({ id, tenant, service, agency, channel, date, slot }: BookingPlace): BookingPlace => ({
  id,
  tenant,
  service,
  agency,
  channel,
  date,
  slot,
});

/** The pact a citizen agreed to: version, SHA-256 of the text, its language, and when (epoch seconds). */
export interface PactAgreement {
  version: string;
  hash: string;
  language: Language;
  at: number;
}

/** A booking as the store holds it. Personal fields are `null` once the retention job has run. */
export interface BookingRecord extends BookingPlace {
  ticket: string;
  /** The ticket's sequence within its service-day (`domain/numbering.ts`). */
  sequence: number;
  status: BookingStatus;
  statusIndex: number;
  holderName: string | null;
  phone: string | null;
  pact: PactAgreement;
  certificate: string | null;
  createdAt: number;
  cancelledAt: number | null;
}

/** What the app has decided before asking the store to take a booking. */
export interface NewBooking extends BookingPlace {
  ticketPrefix: string;
  /** The numbers this slot and channel hand out first (see `domain/numbering.ts`). */
  ticketBlock: TicketBlock;
  /** Quota of this slot and channel: the store refuses the booking when it is reached. */
  quota: number;
  /** Keyed hash of NIK, else phone: one active booking per citizen per service-day. */
  citizenKey: string;
  holderName: string;
  phone: string;
  pact: PactAgreement;
  createdAt: number;
}

export interface IdempotencyClaim {
  key: string;
  /** Hash of the request body; the same key with another body is refused. */
  requestHash: string;
}

/**
 * A booking attempt as the app hands it to the store: where it aims and its key, known at once, and the rest of it,
 * which costs work to make.
 */
export interface BookingAttempt {
  place: SlotPlace;
  /** Quota of the slot and channel. */
  quota: number;
  idempotencyKey: string | undefined;
  /**
   * Makes the booking and its idempotency claim: the citizen's hash, the request fingerprint, the per-citizen rate
   * limit and the proof of work, which it spends (it throws a `Problem` when one of them refuses). A store calls it
   * once, before it allocates, and may answer without calling it when it already knows the answer would be a
   * refusal, so that a refused citizen keeps an unspent proof (the Node store does, for a slot it knows full).
   */
  prepare(): Promise<{ booking: NewBooking; idempotency: IdempotencyClaim | undefined }>;
}

/** An attempt whose booking is made already: for callers that have it all at hand (tests, tools). */
export function preparedAttempt(booking: NewBooking, idempotency: IdempotencyClaim | undefined): BookingAttempt {
  return {
    place: booking,
    quota: booking.quota,
    idempotencyKey: idempotency?.key,
    prepare: async () => ({ booking, idempotency }),
  };
}

export type BookOutcome =
  | { kind: 'created'; booking: BookingRecord & { certificate: string } }
  | { kind: 'replayed'; booking: BookingRecord & { certificate: string } }
  | { kind: 'quota_exhausted' }
  | { kind: 'already_booked' }
  | { kind: 'idempotency_key_reused' }
  | { kind: 'idempotency_in_flight' };

/**
 * Signs the certificate of a booking whose sequence has just been allocated: at once where signing is synchronous
 * (Node), so a store may call it inside its transaction and write booking and certificate together; else later.
 */
export type IssueCertificate = (booking: BookingRecord) => string | Promise<string>;

export interface BookingStore {
  /**
   * Takes a booking atomically: the allocation rule (`domain/allocation.ts`: idempotency, quota, one booking per
   * citizen, numbering) and the insert happen together or not at all. Then `issue` signs the certificate, which is
   * stored before this resolves, so a `created` outcome is durable. A replay of a key whose booking lacks a
   * certificate (a crash between the two steps) signs it then.
   */
  book(attempt: BookingAttempt, issue: IssueCertificate): Promise<BookOutcome>;
  /** Active bookings of one service-day, keyed `slot|channel`. */
  activeCounts(tenant: string, service: string, date: string): Promise<Map<string, number>>;
  get(id: string): Promise<BookingRecord | undefined>;
  /** Cancels an active booking, freeing its place and revoking its certificate. */
  cancel(
    id: string,
    at: number,
  ): Promise<{ kind: 'cancelled'; booking: BookingRecord } | { kind: 'already_cancelled' } | { kind: 'not_found' }>;
  /** Status-list indexes of revoked certificates of a tenant in `[from, to)`. */
  revokedIndexes(tenant: string, from: number, to: number): Promise<number[]>;
  /** Bookings whose certificate was never stored (a crash mid-booking); signed on start. */
  pendingCertificates(): Promise<BookingRecord[]>;
  attachCertificate(id: string, certificate: string): Promise<void>;
  /** Erases name, phone and citizen key of a tenant's bookings dated before `beforeDate`; returns how many. */
  purgePersonalData(tenant: string, beforeDate: string, at: number): Promise<number>;
}

export interface StoredKey {
  kid: string;
  privateJwk: string;
  publicJwk: string;
  createdAt: number;
  retiredAt: number | null;
}

/** Where signing keys live: a table on Node, a secret on Workers. */
export interface SigningKeyStore {
  listKeys(): Promise<StoredKey[]>;
  addKey(key: StoredKey): Promise<void>;
  retireKey(kid: string, at: number): Promise<void>;
}

/** Server secrets (HMAC keys) generated on first start and kept with the data. */
export interface SecretStore {
  secret(name: string, create: () => string): Promise<string>;
}

/** Counts requests per key; where the counts live is the runtime's choice (memory on Node, a Durable Object on Workers). */
export interface RateLimiter {
  consume(
    key: string,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

/** Proof-of-work challenges already spent. */
export interface ChallengeStore {
  /**
   * Spends a challenge for `owner`, atomically: true the first time, and again for the same owner (a retry of
   * the same attempt); false once another owner has spent it.
   */
  spend(signature: string, owner: string, expiresAt: number): Promise<boolean>;
  /** Forgets challenges that expired before `before` (epoch ms): they can no longer be presented. */
  purgeExpired(before: number): Promise<number>;
}
