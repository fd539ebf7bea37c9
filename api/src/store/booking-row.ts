/**
 * The `bookings` table's row and its mapping to a `BookingRecord`: one shape for both SQL stores (SQLite on Node,
 * D1 on Workers), which read the same table from the same migrations; the statements they share are in
 * `statements.ts`. No I/O and no runtime imports, so the Workers bundle can take it.
 */
import type { Language } from '@pakta/sdk/protocol';
import type { BookingRecord } from './store.js';

export interface BookingRow {
  id: string;
  tenant: string;
  service: string;
  agency: string;
  channel: string;
  date: string;
  slot: string;
  ticket: string;
  ticket_seq: number;
  status: 'active' | 'cancelled';
  status_idx: number;
  holder_name: string | null;
  phone: string | null;
  pact_version: string;
  pact_hash: string;
  pact_lang: string;
  pact_at: number;
  certificate: string | null;
  created_at: number;
  cancelled_at: number | null;
}

export function toRecord(r: BookingRow): BookingRecord {
  return {
    id: r.id,
    tenant: r.tenant,
    service: r.service,
    agency: r.agency,
    channel: r.channel,
    date: r.date,
    slot: r.slot,
    ticket: r.ticket,
    sequence: r.ticket_seq,
    status: r.status,
    statusIndex: r.status_idx,
    holderName: r.holder_name,
    phone: r.phone,
    pact: { version: r.pact_version, hash: r.pact_hash, language: r.pact_lang as Language, at: r.pact_at },
    certificate: r.certificate,
    createdAt: r.created_at,
    cancelledAt: r.cancelled_at,
  };
}
