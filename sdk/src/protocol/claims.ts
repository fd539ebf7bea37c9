/**
 * The signed tokens an issuer serves: the pact certificate (`typ: pakta+jwt`) a booking receives and the status
 * list (`typ: statuslist+jwt`) that revokes certificates of cancelled bookings. Both ES256 compact JWS. The
 * interfaces are what the API signs; the schemas are what the SDK accepts after the signature checks out. Schema
 * objects are open: unknown members are ignored, so an issuer can add claims without breaking older verifiers.
 * Wire names are fixed by the certificate format: the pact's hash is `pact.sha256`, its language `pact.lang`, its
 * version `pact.v`, the ticket `ticket.no`.
 */
import * as v from 'valibot';

export const CERTIFICATE_TYPE = 'pakta+jwt';
export const STATUS_LIST_TYPE = 'statuslist+jwt';

/** A certificate's payload as the API signs it. */
export interface CertificateClaims {
  /** The tenant's issuer URL, `{public URL}/t/{tenant}`. */
  iss: string;
  /** The booking id. */
  sub: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  /** The agreement: pact version, hash of the text shown, its language (a `Language` from this API), and when (seconds). */
  pact: { v: string; sha256: string; lang: string; at: number };
  ticket: { no: string; service: string; agency: string; date: string; slot: string; channel: string };
  /** The holder's name, masked; no NIK and no phone ever. */
  holder: { name: string };
  /** Where the certificate's revocation bit lives. */
  status: { idx: number; uri: string };
}

/** A status-list token's payload as the API signs it (IETF OAuth Token Status List, one bit per certificate). */
export interface StatusListClaims {
  iss: string;
  /** The list's own URL, which certificates name as `status.uri`. */
  sub: string;
  iat: number;
  exp: number;
  /** Seconds a verifier may cache the list. */
  ttl: number;
  /** `lst`: the deflated bit array, base64url. */
  status_list: { bits: 1; lst: string };
}

const text = v.pipe(v.string(), v.minLength(1), v.maxLength(512));
const numericDate = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** Where a URL must be on a known origin, a prefix check against that origin follows; this only bounds it. */
const httpUrl = v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^\s]+$/));

/** A certificate's payload as a verifier accepts it. */
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
});

/** A status-list token's payload as a verifier accepts it. */
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
});

// What the API signs must be what a verifier accepts: a claim the verifier requires that the API does not sign, or
// signs with another type, fails to compile here.
type Accepted<T extends true> = T;
// biome-ignore lint/correctness/noUnusedVariables: a check at compile time, used by nothing
type CertificateClaimsAccepted = Accepted<
  CertificateClaims extends v.InferInput<typeof CertificatePayload> ? true : false
>;
// biome-ignore lint/correctness/noUnusedVariables: a check at compile time, used by nothing
type StatusListClaimsAccepted = Accepted<
  StatusListClaims extends v.InferInput<typeof StatusListPayload> ? true : false
>;
