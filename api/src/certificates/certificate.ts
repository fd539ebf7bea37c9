/**
 * The pact certificate: a compact JWS (ES256, `typ: pakta+jwt`) that proves a citizen took this number after
 * agreeing to this exact pact text. It names the holder only by a masked name; no NIK, no phone.
 */
import { SignJWT } from 'jose';
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

export async function signCertificate(key: SigningKey, claims: CertificateClaims): Promise<string> {
  const { iss, sub, jti, iat, nbf, exp, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'ES256', typ: CERTIFICATE_TYPE, kid: key.kid })
    .setIssuer(iss)
    .setSubject(sub)
    .setJti(jti)
    .setIssuedAt(iat)
    .setNotBefore(nbf)
    .setExpirationTime(exp)
    .sign(key.privateKey);
}
