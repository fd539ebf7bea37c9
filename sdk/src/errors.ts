/**
 * Every way a certificate can fail verification, as a stable string. Switch on it; the message is for humans and may change.
 *
 * | code | meaning |
 * | --- | --- |
 * | `malformed` | not a compact JWS, a payload or header that does not have the certificate's shape, a header that carries `jku`, `x5u`, `jwk`, `x5c` or `crit`, a `kid` over 256 characters, a status list that is not for the certificate (wrong `sub`/`iss`, index out of range, bad compression) |
 * | `wrong_type` | header `typ` is not `pakta+jwt` (for a certificate) or not `statuslist+jwt` (for a status list) |
 * | `unknown_issuer` | `iss` is not one of the issuers this verifier trusts; nothing was fetched |
 * | `unknown_key` | no key with this `kid` in the issuer's key set (after one refetch, or while the refetch is cooling down, or offline) |
 * | `invalid_signature` | the signature does not verify, or `alg` is anything but `ES256` (including `none` and `HS256`) |
 * | `expired` | `exp` has passed, beyond the clock tolerance (also for an expired status list) |
 * | `not_yet_valid` | `nbf` is in the future, beyond the clock tolerance |
 * | `unexpected_claim` | a claim differs from what the caller expected (`tenant`, `service`, `date`, `channel`, `agency`) |
 * | `revoked` | the certificate is revoked in the issuer's status list (thrown by `verifyAndCheck` only) |
 * | `keys_unreachable` | the issuer's key set could not be fetched and none is cached |
 */
export type PaktaErrorCode =
  | 'malformed'
  | 'wrong_type'
  | 'unknown_issuer'
  | 'unknown_key'
  | 'invalid_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'unexpected_claim'
  | 'revoked'
  | 'keys_unreachable'

/**
 * The one error class of the SDK. `code` is stable; see {@link PaktaErrorCode}.
 *
 * @example
 *
 * ```ts
 * try {
 *   await verifier.verify(token)
 * } catch (err) {
 *   if (err instanceof PaktaError && err.code === 'expired') {
 *     // the booking day is over
 *   }
 *   throw err
 * }
 * ```
 */
export class PaktaError extends Error {
  /** The stable reason, e.g. `invalid_signature`. */
  readonly code: PaktaErrorCode

  constructor(code: PaktaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PaktaError'
    this.code = code
  }
}

/**
 * Turns an error thrown by jose into a {@link PaktaError}. Errors that are not jose's (programming errors) are returned as they
 * are. Matching is on jose's `code` string, so it survives two copies of jose in one bundle.
 *
 * @internal
 */
export function fromJoseError(err: unknown, expectedTyp: string): unknown {
  if (err instanceof PaktaError || typeof err !== 'object' || err === null) return err
  const { code, claim, reason, message } = err as { code?: unknown; claim?: unknown; reason?: unknown; message?: unknown }
  const text = typeof message === 'string' ? message : 'verification failed'
  const wrap = (c: PaktaErrorCode, m: string = text) => new PaktaError(c, m, { cause: err })
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return wrap('invalid_signature', 'signature verification failed')
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return wrap('invalid_signature', 'algorithm not allowed; only ES256 is accepted')
    case 'ERR_JWT_EXPIRED':
      return wrap('expired', 'the token has expired')
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing' || reason === 'invalid') return wrap('malformed')
      if (claim === 'nbf') return wrap('not_yet_valid', 'the token is not valid yet')
      if (claim === 'typ') return wrap('wrong_type', `header typ must be ${expectedTyp}`)
      if (claim === 'iss') return wrap('unknown_issuer')
      return wrap('unexpected_claim')
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
    case 'ERR_JWK_INVALID':
      return wrap('malformed')
    default:
      return err
  }
}
