/**
 * The storage seam. The app speaks only to these interfaces; each runtime brings its own implementation
 * (SQLite on Node, Durable Objects + D1 on Workers) and proves it with the same contract suite.
 */

import type { TicketBlock } from '../domain/numbering.js';

export type BookingStatus = 'active' | 'cancelled';

/** Which place a booking takes: hall, service, channel, day and slot. */
export interface BookingPlace {
  id: string;
  tenant: string;
  service: string;
  agency: string;
  channel: string;
  date: string;
  slot: string;
}

/** Only the place fields of a booking (a `NewBooking` carries personal data and more besides). */
export const placeOf = ({ id, tenant, service, agency, channel, date, slot }: BookingPlace): BookingPlace => ({ id, tenant, service, agency, channel, date, slot });

/** The pact a citizen agreed to: version, SHA-256 of the text, its language, and when (epoch seconds). */
export interface PactAgreement {
  version: string;
  hash: string;
  lang: string;
  at: number;
}

/** A booking as the store holds it. Personal fields are `null` once the retention job has run. */
export interface BookingRecord extends BookingPlace {
  ticket: string;
  ticketSequence: number;
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

export type BookOutcome =
  | { kind: 'created'; booking: BookingRecord & { certificate: string } }
  | { kind: 'replayed'; booking: BookingRecord & { certificate: string } }
  | { kind: 'quota_exhausted' }
  | { kind: 'already_booked' }
  | { kind: 'idempotency_key_reused' }
  | { kind: 'idempotency_in_flight' };

/**
 * Signs the certificate of a booking whose number has just been allocated: at once where signing is synchronous
 * (Node), so a store may call it inside its transaction and write booking and certificate together; else later.
 */
export type IssueCertificate = (booking: BookingRecord) => string | Promise<string>;

export interface BookingStore {
  /**
   * Takes a booking atomically: idempotency, quota and per-citizen checks, number allocation and insert happen
   * together or not at all. Then `issue` signs the certificate, which is stored before this resolves, so a
   * `created` outcome is durable. A replay of a key whose booking lacks a certificate (a crash between the two
   * steps) signs it then.
   */
  book(booking: NewBooking, idempotency: IdempotencyClaim | undefined, issue: IssueCertificate): Promise<BookOutcome>;
  /**
   * A cheap look before the work a booking costs (hashes, a write transaction, a signature): true when the slot
   * and channel are full and `idempotencyKey` has no booking to replay, so `book` would answer `quota_exhausted`.
   * In a rush nearly every request ends here. A store whose `book` is a single round trip anyway may leave it out.
   */
  slotFull?(place: Omit<BookingPlace, 'id' | 'agency'>, quota: number, idempotencyKey: string | undefined): Promise<boolean>;
  /** Active bookings of one service-day, keyed `slot|channel`. */
  activeCounts(tenant: string, service: string, date: string): Promise<Map<string, number>>;
  get(id: string): Promise<BookingRecord | undefined>;
  /** Cancels an active booking, freeing its place and revoking its certificate. */
  cancel(id: string, at: number): Promise<{ kind: 'cancelled'; booking: BookingRecord } | { kind: 'already_cancelled' } | { kind: 'not_found' }>;
  /** Status-list indexes of revoked certificates of a hall in `[from, to)`. */
  revokedIndexes(tenant: string, from: number, to: number): Promise<number[]>;
  /** Bookings whose certificate was never stored (a crash mid-booking); signed on start. */
  pendingCertificates(): Promise<BookingRecord[]>;
  attachCertificate(id: string, certificate: string): Promise<void>;
  /** Erases name, phone and citizen key of a hall's bookings dated before `beforeDate`; returns how many. */
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
export interface KeyStore {
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
  consume(key: string, limit: number, windowMs: number, now: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
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
