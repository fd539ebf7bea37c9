/**
 * The allocation rule: what one booking attempt gets, decided in one place for every store. The checks come in the
 * order a counter officer would apply them:
 * 1. idempotency — a key already used answers its booking again (`replay`), or is refused when the body differs
 *    (or its place was given up: a key names one attempt, never a second one);
 * 2. quota — a slot and channel whose places are all taken refuses (`quota_exhausted`);
 * 3. one booking per citizen per service-day (`already_booked`);
 * 4. numbering — the next sequence of the slot and channel's ticket block (`domain/numbering.ts`), then the insert.
 *
 * Pure and synchronous over `AllocationTx`: each store implements those few reads and the insert in its own SQL
 * and calls `allocate` inside its own transaction (better-sqlite3 on Node, a Durable Object's `transactionSync` on
 * Workers). Nothing may `await` between the reads and the insert, or two attempts could both see the last place.
 */
import { formatTicket, nextSequence, type TicketBlock } from './numbering.js';

/** The holder of an idempotency key, as the store found it. */
export interface KeyHolder<Held> {
  /** The request fingerprint the key was first used with. */
  requestHash: string;
  /** True when the key's place was given up (its request failed before anyone got it): the key stays spent. */
  voided?: boolean;
  /** What the store needs to answer the booking again (a row, an id). */
  held: Held;
}

/**
 * The reads and the write the rule needs, all within one service-day (one tenant, service and date) and inside one
 * transaction. "Active" means booked and not cancelled (nor voided).
 */
export interface AllocationTx<Held, Inserted> {
  /** Who holds `key` in the key's scope (the tenant), if anyone. */
  keyHolder(key: string): KeyHolder<Held> | undefined;
  /** Active bookings of the slot and channel. */
  taken(slot: string, channel: string): number;
  /** Whether the citizen holds an active booking in the service-day. */
  citizenHolds(citizenKey: string): boolean;
  /** The highest sequence issued in the service-day, cancelled and voided ones included; 0 when none. */
  highestSequence(): number;
  /** The highest sequence issued in `first`…`last`, both inclusive; 0 when none. */
  highestSequenceIn(first: number, last: number): number;
  /** Writes the booking with its sequence and ticket; whatever it returns comes back in the outcome. */
  insert(sequence: number, ticket: string): Inserted;
}

/** One booking attempt, as far as the rule is concerned. */
export interface AllocationAttempt {
  slot: string;
  channel: string;
  /** Places of the slot and channel. */
  quota: number;
  citizenKey: string;
  ticketPrefix: string;
  ticketBlock: TicketBlock;
}

/** The attempt's Idempotency-Key and the fingerprint of its request body. */
export interface AllocationKey {
  key: string;
  requestHash: string;
}

/** `taken`: the slot and channel's active bookings once the rule is done (this one included when booked). */
export type Allocation<Held, Inserted> =
  | { kind: 'booked'; sequence: number; ticket: string; inserted: Inserted; taken: number }
  | { kind: 'replay'; held: Held }
  | { kind: 'idempotency_key_reused' }
  | { kind: 'quota_exhausted'; taken: number }
  | { kind: 'already_booked'; taken: number };

const KEY_REUSED = Object.freeze({ kind: 'idempotency_key_reused' as const });

/** Decides one booking attempt (with its key, if it sent one) and, when it is booked, inserts it through `tx`. */
export function allocate<Held, Inserted>(
  tx: AllocationTx<Held, Inserted>,
  attempt: AllocationAttempt,
  idempotency?: AllocationKey | undefined,
): Allocation<Held, Inserted> {
  if (idempotency) {
    const prior = tx.keyHolder(idempotency.key);
    if (prior) {
      if (prior.voided || prior.requestHash !== idempotency.requestHash) return KEY_REUSED;
      return { kind: 'replay', held: prior.held };
    }
  }
  const taken = tx.taken(attempt.slot, attempt.channel);
  if (taken >= attempt.quota) return { kind: 'quota_exhausted', taken };
  if (tx.citizenHolds(attempt.citizenKey)) return { kind: 'already_booked', taken };
  const block = attempt.ticketBlock;
  const inBlock = tx.highestSequenceIn(block.first, block.last);
  // The day's highest matters only once the block is used up, so a booking inside its block does not read it.
  const sequence = nextSequence(block, inBlock, inBlock < block.last ? 0 : tx.highestSequence());
  const ticket = formatTicket(attempt.ticketPrefix, sequence);
  return { kind: 'booked', sequence, ticket, inserted: tx.insert(sequence, ticket), taken: taken + 1 };
}
