/**
 * The allocation rule's transaction over an array: a service-day in the plainest code, with none of the SQL each
 * store uses for it. The reference the rule's properties and the stores' implementations are tested against; no
 * runtime code imports it.
 */
import type { AllocationAttempt, AllocationKey, AllocationTx } from './allocation.js';

export interface MemoryRow {
  id: number;
  slot: string;
  channel: string;
  citizenKey: string;
  sequence: number;
  key: string | undefined;
  requestHash: string | undefined;
  status: 'active' | 'cancelled';
  voided: boolean;
}

/** The `AllocationTx` of a service-day held in an array: what each store does in SQL, in the plainest code. */
export class MemoryServiceDay {
  readonly rows: MemoryRow[] = [];
  readonly #live = (r: MemoryRow) => r.status === 'active' && !r.voided;

  tx(attempt: AllocationAttempt, idempotency?: AllocationKey): AllocationTx<MemoryRow, MemoryRow> {
    const rows = this.rows;
    return {
      keyHolder: (key) => {
        const r = rows.find((row) => row.key === key);
        return r && { requestHash: r.requestHash!, voided: r.voided, held: r };
      },
      taken: (slot, channel) => rows.filter((r) => r.slot === slot && r.channel === channel && this.#live(r)).length,
      citizenHolds: (citizenKey) => rows.some((r) => r.citizenKey === citizenKey && this.#live(r)),
      highestSequence: () => Math.max(0, ...rows.map((r) => r.sequence)),
      highestSequenceIn: (first, last) =>
        Math.max(0, ...rows.map((r) => r.sequence).filter((s) => s >= first && s <= last)),
      insert: (sequence) => {
        const row: MemoryRow = {
          id: rows.length,
          slot: attempt.slot,
          channel: attempt.channel,
          citizenKey: attempt.citizenKey,
          sequence,
          key: idempotency?.key,
          requestHash: idempotency?.requestHash,
          status: 'active',
          voided: false,
        };
        rows.push(row);
        return row;
      },
    };
  }
}
