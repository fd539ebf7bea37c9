/**
 * A citizen is identified across bookings by a keyed hash (HMAC-SHA-256) of their NIK, else of their phone
 * number: enough to hold one booking per person per service-day, useless to anyone without the key.
 */

const encoder = new TextEncoder();

export async function importHashKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** Base64url HMAC-SHA-256 of `value` under `key`, prefixed with what was hashed (`nik:` / `tel:`). */
export async function keyedHash(key: CryptoKey, kind: 'nik' | 'tel' | 'manage', value: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${kind}:${value}`)));
  return `${kind}:${base64url(mac)}`;
}

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The key that holds one citizen to one active booking per service-day. */
export async function citizenKey(key: CryptoKey, citizen: { nik?: string | undefined; phone: string }): Promise<string> {
  return citizen.nik ? keyedHash(key, 'nik', citizen.nik) : keyedHash(key, 'tel', citizen.phone);
}
