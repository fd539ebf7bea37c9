/**
 * The Workers runtime's `BookingStore`: each service-day's Durable Object allocates (the allocation rule: idempotency,
 * quota, one per citizen, sequence) and writes the booking to D1; every read that spans service-days goes to D1. How the two stay
 * consistent is told in `day-queue.ts` and docs/workers.md.
 */

import type { BookingAttempt, BookingRecord, BookingStore, BookOutcome, IssueCertificate } from '../../store/store.js';
import type { D1Records } from './d1.js';
import { type DayQueue, type DayQueueApi, serviceDayName } from './day-queue.js';

/** Certificates younger than this are left to the request that is signing them, not to the scheduled job. */
export const PENDING_GRACE_MS = 5 * 60_000;

export class WorkersStore implements BookingStore {
  constructor(
    readonly records: D1Records,
    readonly queues: DurableObjectNamespace<DayQueue>,
    readonly clock: () => number = Date.now,
    readonly pendingGraceMs = PENDING_GRACE_MS,
  ) {}

  #queue(tenant: string, service: string, date: string): DayQueueApi {
    return this.queues.get(this.queues.idFromName(serviceDayName(tenant, service, date)));
  }

  async book(attempt: BookingAttempt, issue: IssueCertificate): Promise<BookOutcome> {
    // One round trip to the service-day's object decides a booking: nothing is gained by refusing before preparing.
    const { booking: input, idempotency } = await attempt.prepare();
    if (idempotency) {
      // A key is the tenant's, not the service-day's: another body may aim at another service-day, whose object has never
      // seen the key. D1 knows every recorded key, so refuse before allocating anything.
      const owner = await this.records.keyOwner(input.tenant, idempotency.key);
      if (owner && owner.requestHash !== idempotency.requestHash) return { kind: 'idempotency_key_reused' };
    }
    const queue = this.#queue(input.tenant, input.service, input.date);
    const outcome = await queue.book(input, idempotency);
    if (outcome.kind !== 'created' && outcome.kind !== 'replayed') return { kind: outcome.kind };
    let booking: BookingRecord | undefined = outcome.booking;
    if (booking.certificate === null) {
      try {
        const certificate = await issue(booking);
        booking = idempotency
          ? await queue.finish(booking.id, idempotency.key, certificate)
          : await this.records.attachCertificate(booking.id, certificate);
      } catch (e) {
        // The booking stays in D1 without a certificate: a retry with the same key signs it, else the scheduled job.
        if (idempotency) await queue.release(idempotency.key).catch(() => undefined);
        throw e;
      }
      if (!booking?.certificate) throw new Error(`certificate of booking ${outcome.booking.id} was not stored`);
    }
    return { kind: outcome.kind, booking: booking as BookingRecord & { certificate: string } };
  }

  activeCounts(tenant: string, service: string, date: string): Promise<Map<string, number>> {
    return this.records.activeCounts(tenant, service, date);
  }

  get(id: string): Promise<BookingRecord | undefined> {
    return this.records.get(id);
  }

  /** The service-day's object frees the place first, then revokes in D1; D1's answer decides who cancelled. */
  async cancel(id: string, at: number) {
    const booking = await this.records.get(id);
    if (!booking) return { kind: 'not_found' as const };
    if (booking.status === 'cancelled') return { kind: 'already_cancelled' as const };
    const result = await this.#queue(booking.tenant, booking.service, booking.date).cancel(id, at);
    // `unknown`: the object has already deleted its service-day (two days after the date); only D1 is left to update.
    const changes = result.kind === 'applied' ? result.changes : await this.records.markCancelled(id, at);
    if (changes === 0) return { kind: 'already_cancelled' as const };
    const cancelled = await this.records.get(id);
    if (!cancelled) return { kind: 'not_found' as const };
    return { kind: 'cancelled' as const, booking: cancelled };
  }

  revokedIndexes(tenant: string, from: number, to: number): Promise<number[]> {
    return this.records.revokedIndexes(tenant, from, to);
  }

  pendingCertificates(): Promise<BookingRecord[]> {
    return this.records.pendingCertificates(this.clock() - this.pendingGraceMs);
  }

  async attachCertificate(id: string, certificate: string): Promise<void> {
    await this.records.attachCertificate(id, certificate);
  }

  purgePersonalData(tenant: string, beforeDate: string, at: number): Promise<number> {
    return this.records.purgePersonalData(tenant, beforeDate, at);
  }
}
