import * as v from 'valibot'

/**
 * Shapes of what the issuer signs and serves, validated after the signature (payloads) or on load (key sets). Objects are
 * open: unknown members are ignored, so an issuer can add claims without breaking older verifiers.
 *
 * @internal
 */

const text = v.pipe(v.string(), v.minLength(1), v.maxLength(512))
const numericDate = v.pipe(v.number(), v.safeInteger(), v.minValue(0))
/** Where a URL must be on a known origin, a prefix check against that origin follows; this only bounds it. */
const httpUrl = v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^\s]+$/))

export const CertificatePayload = v.object({
  iss: httpUrl,
  sub: text,
  jti: v.optional(text),
  iat: numericDate,
  nbf: numericDate,
  exp: numericDate,
  pact: v.object({
    v: text,
    sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
    lang: v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/)),
    at: numericDate,
  }),
  ticket: v.object({
    no: text,
    service: text,
    agency: text,
    date: v.pipe(v.string(), v.isoDate()),
    slot: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/)),
    channel: text,
  }),
  holder: v.object({ name: v.pipe(v.string(), v.maxLength(512)) }),
  status: v.object({
    idx: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
    uri: httpUrl,
  }),
})

export const StatusListPayload = v.object({
  iss: httpUrl,
  sub: httpUrl,
  iat: numericDate,
  nbf: v.optional(numericDate),
  exp: numericDate,
  ttl: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  status_list: v.object({
    bits: v.number(),
    lst: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/)),
  }),
})

const coordinate = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/))
const kid = v.pipe(v.string(), v.minLength(1), v.maxLength(256))

/** One public P-256 key, with exactly the members the SDK keeps. */
export const PublicJwk = v.object({
  kty: v.literal('EC'),
  crv: v.literal('P-256'),
  x: coordinate,
  y: coordinate,
  kid,
  alg: v.optional(v.literal('ES256')),
  use: v.optional(v.literal('sig')),
})

/** A key set as served: anything with a `keys` array; unusable keys are filtered out one by one. */
export const JwkSet = v.object({ keys: v.array(v.unknown()) })

export const SavedKeys = v.object({
  version: v.literal(1),
  issuers: v.record(
    v.string(),
    v.object({ keys: v.array(PublicJwk), fetchedAt: v.pipe(v.string(), v.isoTimestamp()) }),
  ),
})
