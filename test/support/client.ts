/** Small helpers the cross-package tests share: a booking body for a tenant, dates in its zone, JSON fetches. */
import { createHash } from 'node:crypto';
import type { Language } from '@pakta/sdk/protocol';

export interface Target {
  baseUrl: string;
  close(): Promise<void>;
}

export interface Pact {
  version: string;
  lang: Language;
  text: string;
  hash: string;
}

export async function getJson<T = any>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

/** `YYYY-MM-DD` `days` after today in `timeZone`. */
export function dateIn(timeZone: string, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

let phoneCounter = 0;
/** A distinct, valid Indonesian mobile number per call within one process. */
export function uniquePhone(): string {
  phoneCounter += 1;
  return `0813${String(process.pid % 10_000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export function bookingBody(
  pact: Pact,
  fields: {
    service: string;
    channel?: string;
    date: string;
    slot: string;
    name?: string;
    phone?: string;
    nik?: string;
  },
) {
  return {
    service: fields.service,
    channel: fields.channel ?? 'counter',
    date: fields.date,
    slot: fields.slot,
    citizen: {
      name: fields.name ?? 'Budi Santoso',
      phone: fields.phone ?? uniquePhone(),
      ...(fields.nik ? { nik: fields.nik } : {}),
    },
    pact: { version: pact.version, hash: pact.hash, accepted: true, locale: pact.lang },
  };
}

export function postBooking(baseUrl: string, tenant: string, body: unknown, headers: Record<string, string> = {}) {
  return getJson(`${baseUrl}/v1/tenants/${tenant}/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
