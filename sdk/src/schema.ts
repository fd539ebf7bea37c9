/**
 * Shapes of what the issuer signs and serves, validated after the signature (payloads) or on load (key sets). Objects are
 * open: unknown members are ignored, so an issuer can add claims without breaking older verifiers. The payloads are the
 * protocol's (`./protocol/claims.ts`), where the API takes what it signs from; the key sets are the verifier's own.
 *
 * @internal
 */
import * as v from 'valibot';

export { CertificatePayload, StatusListPayload } from './protocol/claims.js';

const coordinate = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));
const kid = v.pipe(v.string(), v.minLength(1), v.maxLength(256));

/** One public P-256 key, with exactly the members the SDK keeps. */
export const PublicJwk = v.object({
  kty: v.literal('EC'),
  crv: v.literal('P-256'),
  x: coordinate,
  y: coordinate,
  kid,
  alg: v.optional(v.literal('ES256')),
  use: v.optional(v.literal('sig')),
});

/** A key set as served: anything with a `keys` array; unusable keys are filtered out one by one. */
export const JwkSet = v.object({ keys: v.array(v.unknown()) });

export const SavedKeys = v.object({
  version: v.literal(1),
  issuers: v.record(
    v.string(),
    v.object({ keys: v.array(PublicJwk), fetchedAt: v.pipe(v.string(), v.isoTimestamp()) }),
  ),
});
