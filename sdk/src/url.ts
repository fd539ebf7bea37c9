import { PaktaError } from './errors.js';

/** Three base64url segments; the signature may be empty so that `alg: none` reaches the algorithm check. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Takes the certificate token out of a certificate URL: from the fragment (`https://host/c/#<token>`, also `#token=<token>`)
 * or else from the `token` query parameter (`https://host/c/?token=<token>`). The URL confers no trust: the token must
 * still be verified, and its issuer is checked against the verifier's list, not against the URL's host.
 *
 * @param url An `http:` or `https:` URL, as printed on the certificate or encoded in its QR code. Surrounding whitespace is
 *   ignored.
 * @returns The compact JWS.
 * @throws {PaktaError} `malformed` if this is not such a URL or it holds no compact JWS.
 *
 * @example
 *
 * ```ts
 * parseCertificateUrl('https://pakta.example/c/#eyJhbGciOiJFUzI1NiIs…')
 * // → 'eyJhbGciOiJFUzI1NiIs…'
 * ```
 */
export function parseCertificateUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url).trim());
  } catch {
    throw new PaktaError('malformed', 'not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new PaktaError('malformed', 'a certificate URL must be http: or https:');
  }
  let candidate = decode(parsed.hash.slice(1));
  if (candidate.startsWith('token=')) candidate = new URLSearchParams(candidate).get('token') ?? '';
  if (candidate === '') candidate = parsed.searchParams.get('token') ?? '';
  candidate = candidate.trim();
  if (!COMPACT_JWS.test(candidate)) throw new PaktaError('malformed', 'the URL holds no certificate token');
  return candidate;
}

/**
 * A compact JWS as it is, or the token out of a certificate URL.
 *
 * @internal
 */
export function toCompactJws(tokenOrUrl: string): string {
  if (typeof tokenOrUrl !== 'string') throw new PaktaError('malformed', 'expected a string');
  const input = tokenOrUrl.trim();
  if (input.includes('://')) return parseCertificateUrl(input);
  if (!COMPACT_JWS.test(input)) throw new PaktaError('malformed', 'not a compact JWS');
  return input;
}

function decode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
