/**
 * Bookings kept on this device, so a reload shows the citizen's number again until they dismiss it.
 * Holds the manage token (needed to view or cancel) and the last copy of the booking and certificate,
 * which carry no NIK and no phone number. Storage may be unavailable (private mode, blocked): then nothing is kept.
 */
import type { BookingView } from './types';

export interface Saved extends BookingView {
  bookingId: string;
  manageToken: string;
  api: string;
  tenant: string;
}

const PREFIX = 'pakta:bookings:';
const key = (api: string, tenant: string) => `${PREFIX}${tenant}@${api}`;

function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Saved bookings of this tenant, newest first; those whose slot ended over a day ago are dropped. */
export function loadSaved(api: string, tenant: string, now = Date.now()): Saved[] {
  const s = store();
  try {
    const list = JSON.parse(s?.getItem(key(api, tenant)) ?? '[]') as Saved[];
    return Array.isArray(list) ? list.filter((b) => b?.manageToken && !(Date.parse(b.booking?.end) < now - 864e5)) : [];
  } catch {
    return [];
  }
}

function write(api: string, tenant: string, list: Saved[]): void {
  try {
    const s = store();
    if (list.length) s?.setItem(key(api, tenant), JSON.stringify(list));
    else s?.removeItem(key(api, tenant));
  } catch {
    // full or blocked: the booking still shows until the page closes
  }
}

export function save(b: Saved): void {
  write(b.api, b.tenant, [b, ...loadSaved(b.api, b.tenant).filter((x) => x.bookingId !== b.bookingId)]);
}

export function forget(api: string, tenant: string, bookingId: string): void {
  write(
    api,
    tenant,
    loadSaved(api, tenant).filter((x) => x.bookingId !== bookingId),
  );
}
