/**
 * The verdict on a certificate as the pages show it, with the SDK. Trust is this page's own origin: a token is checked
 * against `${origin}/t/{tenant}` only when its `iss` is exactly that; any other issuer is refused (`unknown_issuer`)
 * without a request. Nothing the token says is shown unless its signature verified.
 */
import {
  createVerifier,
  type PactCertificate,
  PaktaError,
  parseCertificateUrl,
  type Verifier,
} from '../../src/index.js';

export type Verdict =
  | { kind: 'valid'; certificate: PactCertificate }
  | { kind: 'revoked'; certificate: PactCertificate }
  /** Authentic, but the status list could not be read (`status_unknown`); or the keys could not be fetched. */
  /** Or this browser cannot verify here at all: no Web Crypto outside a secure context (`insecure_context`). */
  | { kind: 'unknown'; code: 'status_unknown' | 'keys_unreachable' | 'insecure_context'; certificate?: PactCertificate }
  | { kind: 'invalid'; code: Exclude<PaktaError['code'], 'revoked' | 'keys_unreachable'> | 'empty' };

/** Tenant ids as the API writes them into issuer URLs. */
const TENANT = /^[a-z0-9-]{1,64}$/;

/**
 * The token's `iss` when it names a tenant on `origin` (`${origin}/t/{tenant}`), read without verifying anything: it only
 * picks which of this origin's issuers to check the signature against.
 */
export function sameOriginIssuer(token: string, origin: string): string | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || payload.length > 16_384) return undefined;
  let iss: unknown;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    iss = (JSON.parse(new TextDecoder().decode(bytes)) as { iss?: unknown }).iss;
  } catch {
    return undefined;
  }
  if (typeof iss !== 'string' || !iss.startsWith(`${origin}/t/`)) return undefined;
  return TENANT.test(iss.slice(`${origin}/t/`.length)) ? iss : undefined;
}

/** The compact JWS from what was scanned, pasted or found in the fragment; `undefined` when there is nothing. */
export function tokenFrom(input: string): string | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  if (text.includes('://')) {
    try {
      return parseCertificateUrl(text);
    } catch {
      return text; // let the verifier name what is wrong with it
    }
  }
  return text.replace(/^#/, '').replace(/^token=/, '');
}

export interface CheckerOptions {
  /** The origin whose tenants are trusted: the page's own. */
  origin: string;
  /** Read status lists past the browser's HTTP cache, so a cancellation shows on the next load. */
  freshStatus?: boolean;
}

/**
 * A checker that keeps one verifier per trusted issuer, so key sets and status lists are cached across checks within
 * the SDK's limits (a counter page scans many certificates).
 */
export function createChecker(options: CheckerOptions): (input: string) => Promise<Verdict> {
  const verifiers = new Map<string, Verifier>();
  const fetchImpl: typeof fetch = (input, init) =>
    options.freshStatus && String(input instanceof Request ? input.url : input).includes('/statuslists/')
      ? fetch(input, { ...init, cache: 'no-cache' })
      : fetch(input, init);
  /** For tokens of any other issuer: pinned to an empty key set, so it refuses and never fetches. */
  const nobody = `${options.origin}/t`;
  const refuseAll = createVerifier({
    issuers: [nobody],
    keys: { version: 1, issuers: { [nobody]: { keys: [], fetchedAt: new Date(0).toISOString() } } },
  });

  function verifierFor(issuer: string | undefined): Verifier {
    if (issuer === undefined) return refuseAll;
    let verifier = verifiers.get(issuer);
    if (!verifier) verifiers.set(issuer, (verifier = createVerifier({ issuers: [issuer], fetch: fetchImpl })));
    return verifier;
  }

  return async (input) => {
    const token = tokenFrom(input);
    if (token === undefined) return { kind: 'invalid', code: 'empty' };
    if (!globalThis.crypto?.subtle) return { kind: 'unknown', code: 'insecure_context' };
    const verifier = verifierFor(sameOriginIssuer(token, options.origin));
    let certificate: PactCertificate;
    try {
      certificate = await verifier.verify(token);
    } catch (err) {
      if (!(err instanceof PaktaError)) throw err;
      if (err.code === 'keys_unreachable') return { kind: 'unknown', code: 'keys_unreachable' };
      if (err.code === 'revoked') throw err; // verify() never revokes; only verifyAndCheck does
      return { kind: 'invalid', code: err.code };
    }
    let status;
    try {
      status = await verifier.checkStatus(certificate);
    } catch (err) {
      // a status list that arrives but does not verify: the issuer's side is broken or tampered with
      if (err instanceof PaktaError) return { kind: 'unknown', code: 'status_unknown', certificate };
      throw err;
    }
    if (status === 'valid') return { kind: 'valid', certificate };
    if (status === 'revoked') return { kind: 'revoked', certificate };
    return { kind: 'unknown', code: 'status_unknown', certificate };
  };
}
