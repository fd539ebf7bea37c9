/**
 * A citizen is identified across bookings by a keyed hash (HMAC-SHA-256) of their NIK, else of their phone
 * number: enough to hold one booking per person per service-day, useless to anyone without the key.
 */

import { base64url } from 'jose';
import type { Mac } from '../crypto.js';

const encoder = new TextEncoder();

/** Base64url HMAC-SHA-256 of `value` under `mac`, prefixed with what was hashed (`nik:` / `tel:`). */
export async function keyedHash(mac: Mac, kind: 'nik' | 'tel' | 'manage', value: string): Promise<string> {
  return `${kind}:${base64url.encode(await mac(encoder.encode(`${kind}:${value}`)))}`;
}

/** The key that holds one citizen to one active booking per service-day. */
export async function citizenKey(mac: Mac, citizen: { nik?: string | undefined; phone: string }): Promise<string> {
  return citizen.nik ? keyedHash(mac, 'nik', citizen.nik) : keyedHash(mac, 'tel', citizen.phone);
}
