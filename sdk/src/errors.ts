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
  | 'keys_unreachable';

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
  readonly code: PaktaErrorCode;

  constructor(code: PaktaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaktaError';
    this.code = code;
  }
}
