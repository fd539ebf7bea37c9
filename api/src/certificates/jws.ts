/**
 * Compact JWS (ES256) over the crypto seam. jose's SignJWT would do the same through Web Crypto only; building
 * the three parts here lets each runtime sign with its fastest primitive, and verifiers (jose, the SDK) cannot
 * tell the difference.
 */
import { base64url } from '../domain/citizen.js';
import type { SigningKey } from './keys.js';

const encoder = new TextEncoder();

export async function signJws(key: SigningKey, typ: string, payload: object): Promise<string> {
  const header = base64url(encoder.encode(JSON.stringify({ alg: 'ES256', typ, kid: key.kid })));
  const body = base64url(encoder.encode(JSON.stringify(payload)));
  const input = `${header}.${body}`;
  return `${input}.${base64url(await key.sign(encoder.encode(input)))}`;
}
