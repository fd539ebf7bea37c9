import { base64url, jwtVerify } from 'jose'
import { PaktaError, fromJoseError } from './errors.js'

/** Longest `kid` looked up; a longer one is refused as `malformed` before any key lookup or fetch. */
export const MAX_KID_LENGTH = 256

/** Header parameters that point to, or carry, a key or certificate. Never followed: a token carrying one is `malformed`. */
const REFUSED_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'crit'] as const

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The header and payload of a compact JWS, decoded but NOT verified. Use them only to decide how to verify (which issuer,
 * which key), never to accept anything.
 *
 * @internal
 */
export function decodeUnverified(jws: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = jws.split('.')
  return { header: decodeSegment(header, 'header'), payload: decodeSegment(payload, 'payload') }
}

/**
 * Checks the unverified protected header, in this order: no key-locating parameter (`jku`, `jwk`, `x5u`, `x5c`) and no
 * `crit` → `malformed`; `alg` exactly `ES256` → else `invalid_signature`; `typ` is `expectedTyp` (an `application/` prefix
 * and case are ignored, as RFC 7515 allows) → else `wrong_type`; `kid` a string of 1–256 characters → else `malformed`.
 *
 * @returns The `kid`.
 * @internal
 */
export function checkHeader(header: Record<string, unknown>, expectedTyp: string): string {
  for (const name of REFUSED_HEADERS) {
    if (Object.hasOwn(header, name)) {
      throw new PaktaError('malformed', `header "${name}" is not accepted; keys come only from the trusted issuer's key set`)
    }
  }
  if (header.alg !== 'ES256') throw new PaktaError('invalid_signature', 'algorithm not allowed; only ES256 is accepted')
  if (typeof header.typ !== 'string' || normalizeTyp(header.typ) !== expectedTyp) {
    throw new PaktaError('wrong_type', `header typ must be ${expectedTyp}`)
  }
  const { kid } = header
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH) {
    throw new PaktaError('malformed', `header kid must be a string of 1 to ${MAX_KID_LENGTH} characters`)
  }
  return kid
}

/**
 * Verifies signature (ES256 only), `typ`, `iss`, `exp` and `nbf` with jose, mapping its errors to {@link PaktaError}.
 *
 * @returns The verified payload.
 * @internal
 */
export async function verifySigned(
  jws: string,
  key: CryptoKey,
  options: { typ: string; issuer: string; clockTolerance: number; requiredClaims: string[] },
): Promise<Record<string, unknown>> {
  try {
    const { payload } = await jwtVerify(jws, key, {
      algorithms: ['ES256'],
      typ: options.typ,
      issuer: options.issuer,
      clockTolerance: options.clockTolerance,
      requiredClaims: options.requiredClaims,
    })
    return payload as Record<string, unknown>
  } catch (err) {
    throw fromJoseError(err, options.typ)
  }
}

function normalizeTyp(typ: string): string {
  const lower = typ.toLowerCase()
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower
}

function decodeSegment(segment: string | undefined, what: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(utf8.decode(base64url.decode(segment ?? '')))
  } catch {
    throw new PaktaError('malformed', `the ${what} is not base64url-encoded JSON`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PaktaError('malformed', `the ${what} is not a JSON object`)
  }
  return value as Record<string, unknown>
}
