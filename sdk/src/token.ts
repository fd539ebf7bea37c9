/**
 * Verification of the issuer's signed tokens (certificates and status lists): jose's `jwtVerify`, with our policy checked
 * on the unverified header and `iss` before any key is looked up, and jose's errors mapped to our codes.
 */
import { decodeJwt, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { PaktaError } from './errors.js';

/** Longest `kid` looked up; a longer one is refused as `malformed` before any key lookup or fetch. */
export const MAX_KID_LENGTH = 256;

/** Header parameters that point to, or carry, a key or certificate. Never followed: a token carrying one is `malformed`. */
const REFUSED_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'crit'] as const;

/** An ES256 signature is 64 bytes R‖S: 86 base64url characters. jose would call other lengths malformed. */
const ES256_SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

/**
 * Verifies a compact JWS of type `typ` and returns its payload (not yet checked against any schema). jose refuses any `alg`
 * but `ES256` (`invalid_signature`) and any `crit` (`malformed`); then, before any key is looked up, we check: the payload
 * is a JSON object → else `malformed`; no key-locating header (`jku`, `jwk`, `x5u`, `x5c`) → else `malformed`; `typ` is
 * `typ` (an `application/` prefix and case are ignored, as RFC 7515 allows) → else `wrong_type`; `kid` a string of 1–256
 * characters → else `malformed`; a 64-byte signature → else `invalid_signature`; `iss` a string → else `malformed`, handed
 * to `keysOf`, which throws for an issuer that is not trusted, so that nothing is fetched for it. Then jose checks the
 * signature with the key the issuer's key set holds for `kid`, and `exp` and `nbf` within `clockTolerance` seconds.
 *
 * @throws {PaktaError} `malformed`, `invalid_signature`, `wrong_type`, `expired`, `not_yet_valid`, and whatever `keysOf`
 *   and its resolver throw (`unknown_issuer`, `unknown_key`, `keys_unreachable`).
 * @internal
 */
export async function verifyToken(
  jws: string,
  options: {
    typ: string;
    clockTolerance: number;
    keysOf: (issuer: string) => JWTVerifyGetKey;
    /**
     * The one trusted issuer, when there is one, and whether its key set as loaded holds a `kid`. A well-formed token
     * whose `kid` that set holds is then verified without reading its `iss` first: no fetch can follow, and jose checks
     * after the signature that `iss` is this issuer (`unknown_issuer` otherwise). Reading `iss` up front decodes the
     * payload a second time, which cost 10 % of a verification here (`npm run bench -w sdk`: 0.84x of bare jose with
     * it, about 0.9x without).
     */
    sole?: { issuer: string; holds: (kid: string) => boolean };
  },
): Promise<JWTPayload> {
  const { sole } = options;
  let skipped = false;
  try {
    const { payload } = await jwtVerify(
      jws,
      // jose calls this after its own checks of the header (`alg` allowed, `crit` understood) and before it decodes the
      // signature: our checks go here so that they read the header jose already decoded.
      (header, token) => {
        if (sole && headerProblem(header, options.typ) === undefined && ES256_SIGNATURE.test(token.signature)) {
          if (sole.holds(header.kid as string)) {
            skipped = true;
            return options.keysOf(sole.issuer)(header, token);
          }
        }
        const { iss } = decodePayload(jws);
        checkHeader(header, options.typ);
        if (!ES256_SIGNATURE.test(token.signature)) throw new PaktaError('invalid_signature', 'not an ES256 signature');
        if (typeof iss !== 'string') throw new PaktaError('malformed', 'the payload has no iss');
        return options.keysOf(iss)(header, token);
      },
      { algorithms: ['ES256'], typ: options.typ, clockTolerance: options.clockTolerance, issuer: sole?.issuer },
    );
    return payload;
  } catch (err) {
    if (skipped) {
      // A token that fails gets the code the checks skipped above would have given it first, as on the other path.
      const { iss } = decodePayload(jws);
      if (typeof iss !== 'string') throw new PaktaError('malformed', 'the payload has no iss');
      if (iss !== sole?.issuer) throw new PaktaError('unknown_issuer', `issuer ${iss} is not trusted`);
    }
    throw toPaktaError(err);
  }
}

function checkHeader(header: Record<string, unknown>, typ: string): void {
  const problem = headerProblem(header, typ);
  if (problem) throw problem;
}

function headerProblem(header: Record<string, unknown>, typ: string): PaktaError | undefined {
  for (const name of REFUSED_HEADERS) {
    if (Object.hasOwn(header, name)) {
      return new PaktaError(
        'malformed',
        `header "${name}" is not accepted; keys come only from the trusted issuer's key set`,
      );
    }
  }
  if (typeof header.typ !== 'string' || normalizeTyp(header.typ) !== typ) {
    return new PaktaError('wrong_type', `header typ must be ${typ}`);
  }
  const { kid } = header;
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH) {
    return new PaktaError('malformed', `header kid must be a string of 1 to ${MAX_KID_LENGTH} characters`);
  }
  return undefined;
}

/**
 * The `iss` of a compact JWS, read WITHOUT verifying anything: use it only to choose whom to ask for keys.
 *
 * @throws {PaktaError} `malformed` when the payload is not a JSON object with a string `iss`.
 * @internal
 */
export function unverifiedIssuer(jws: string): string {
  const { iss } = decodePayload(jws);
  if (typeof iss !== 'string') throw new PaktaError('malformed', 'the payload has no iss');
  return iss;
}

function decodePayload(jws: string): JWTPayload {
  try {
    return decodeJwt(jws);
  } catch (cause) {
    throw new PaktaError('malformed', 'the payload is not a base64url-encoded JSON object', { cause });
  }
}

function normalizeTyp(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}

/** jose's errors as our codes; a {@link PaktaError} (from the key resolver) as it is. */
function toPaktaError(err: unknown): PaktaError {
  if (err instanceof PaktaError) return err;
  const options = { cause: err };
  if (err instanceof errors.JWTExpired) return new PaktaError('expired', 'the token has expired', options);
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf' && err.reason === 'check_failed') {
      return new PaktaError('not_yet_valid', 'the token is not valid yet', options);
    }
    if (err.claim === 'typ') return new PaktaError('wrong_type', err.message, options);
    if (err.claim === 'iss') return new PaktaError('unknown_issuer', 'the token names another issuer', options);
    return new PaktaError('malformed', `claim ${err.claim}: ${err.message}`, options);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JOSEAlgNotAllowed) {
    return new PaktaError('invalid_signature', 'signature verification failed', options);
  }
  if (err instanceof errors.JWKSNoMatchingKey) return new PaktaError('unknown_key', 'no key for this kid', options);
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) {
    return new PaktaError('keys_unreachable', 'the key set could not be loaded', options);
  }
  if (err instanceof errors.JOSEError) return new PaktaError('malformed', err.message, options);
  // Web Crypto refusing the key or the signature: nothing was shown to be authentic.
  return new PaktaError('invalid_signature', 'signature verification failed', options);
}
