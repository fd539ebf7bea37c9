/**
 * The pact certificate: a compact JWS (ES256, `typ: pakta+jwt`) that proves a citizen took this number after
 * agreeing to this exact pact text. It names the holder only by a masked name; no NIK, no phone. Its claims and
 * type are the protocol's (`@pakta/sdk/protocol`), which the SDK verifies against.
 */
import { CERTIFICATE_TYPE, type CertificateClaims } from '@pakta/sdk/protocol';
import { signJws } from './jws.js';
import type { SigningKey } from './keys.js';

/** At once on Node, a promise on Web Crypto (see `signJws`). */
export function signCertificate(key: SigningKey, claims: CertificateClaims): string | Promise<string> {
  return signJws(key, CERTIFICATE_TYPE, claims);
}
