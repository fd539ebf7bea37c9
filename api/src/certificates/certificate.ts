/**
 * The pact certificate: a compact JWS (ES256, `typ: pakta+jwt`) that proves a citizen took this number after
 * agreeing to this exact pact text. It names the holder only by a masked name; no NIK, no phone.
 */
import { signJws } from './jws.js';
import type { SigningKey } from './keys.js';

export const CERTIFICATE_TYPE = 'pakta+jwt';

export interface CertificateClaims {
  iss: string;
  sub: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  pact: { v: string; sha256: string; lang: string; at: number };
  ticket: { no: string; service: string; agency: string; date: string; slot: string; channel: string };
  holder: { name: string };
  status: { idx: number; uri: string };
}

/** At once on Node, a promise on Web Crypto (see `signJws`). */
export function signCertificate(key: SigningKey, claims: CertificateClaims): string | Promise<string> {
  return signJws(key, CERTIFICATE_TYPE, claims);
}
