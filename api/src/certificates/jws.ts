/**
 * Compact JWS (ES256) over the crypto seam. jose's SignJWT would do the same through Web Crypto only; building
 * the three parts here lets each runtime sign with its fastest primitive, and verifiers (jose, the SDK) cannot
 * tell the difference.
 */
import { base64url } from 'jose';
import type { SigningKey } from './keys.js';

const encoder = new TextEncoder();

/** The token, at once when the key signs synchronously (Node), else as a promise (Web Crypto). */
export function signJws(key: SigningKey, typ: string, payload: object): string | Promise<string> {
  const header = base64url.encode(encoder.encode(JSON.stringify({ alg: 'ES256', typ, kid: key.kid })));
  const body = base64url.encode(encoder.encode(JSON.stringify(payload)));
  const input = `${header}.${body}`;
  const signature = key.sign(encoder.encode(input));
  return 'then' in signature
    ? signature.then((s) => `${input}.${base64url.encode(s)}`)
    : `${input}.${base64url.encode(signature)}`;
}
