/**
 * A verified pact certificate: proof that a citizen agreed to a tenant's integrity pact before taking a queue number.
 * Every field comes from the signed payload; nothing here is taken from the URL or from unverified input.
 */
export interface PactCertificate {
  /** The compact JWS that was verified (without any URL around it). */
  readonly token: string;
  /** `iss`: the tenant's issuer URL, e.g. `https://pakta.example/t/badung`. One of the verifier's trusted issuers. */
  readonly issuer: string;
  /** The tenant's id: the last path segment of `issuer`, after `/t/`. */
  readonly tenant: string;
  /** `sub`: the booking id, e.g. `bk_…`. */
  readonly bookingId: string;
  /** `ticket.no`: the queue number the citizen holds, e.g. `PAS-007`. */
  readonly ticket: string;
  /** Where the booking sits (with `tenant`): the rest of the signed `ticket` claim. */
  readonly place: {
    /** Service id, e.g. `paspor-baru`. */
    readonly service: string;
    /** Agency id, e.g. `imigrasi`. */
    readonly agency: string;
    /** Booking date in the tenant's time zone, `YYYY-MM-DD`. */
    readonly date: string;
    /** Slot id: its start in the tenant's time zone, `HH:MM`. */
    readonly slot: string;
    /** Delivery channel id, e.g. `counter`, `video`, `whatsapp`. */
    readonly channel: string;
  };
  readonly pact: {
    /** The pact version the citizen agreed to, e.g. `2026.1`. */
    readonly version: string;
    /** `sha256`: SHA-256 (lowercase hex) of the exact UTF-8 text shown to the citizen. */
    readonly hash: string;
    /** `lang`: language of that text, e.g. `id` or `en` (a string, so a language added later still verifies). */
    readonly language: string;
    /** When the citizen agreed. */
    readonly acceptedAt: Date;
  };
  readonly holder: {
    /** The holder's name, masked by the issuer (e.g. `B*** S*****`). There is no NIK and no phone in a certificate. */
    readonly name: string;
  };
  readonly validity: {
    readonly issuedAt: Date;
    readonly notBefore: Date;
    /** End of the booking's date in the tenant's zone plus a grace period. */
    readonly expiresAt: Date;
  };
  /** Where this certificate's revocation bit lives. */
  readonly status: {
    /** Bit index in the status list. */
    readonly index: number;
    /** URL of the status-list token; on the issuer's origin. */
    readonly uri: string;
  };
}

/** Claims the caller requires; any difference fails with `unexpected_claim`. Omitted fields are not checked. */
export interface Expectations {
  /** Tenant id (last segment of the issuer URL). */
  tenant?: string;
  /** Service id. */
  service?: string;
  /** Booking date, `YYYY-MM-DD`, in the tenant's time zone. */
  date?: string;
  /** Channel id. */
  channel?: string;
  /** Agency id. */
  agency?: string;
}

/** Revocation state from the issuer's status list. `unknown`: the list could not be fetched and none is cached. */
export type CertificateStatus = 'valid' | 'revoked' | 'unknown';

/** A public P-256 signing key as JSON Web Key, as found in an issuer's key set. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg?: 'ES256';
  use?: 'sig';
}

/**
 * Key sets saved by {@link Verifier.exportKeys}, to verify later without network. Plain JSON: write it to a file, a database
 * or `localStorage`, and pass it back as `keys` to `createVerifier`.
 */
export interface SavedKeys {
  version: 1;
  /** Key sets by issuer URL. */
  issuers: Record<string, { keys: PublicJwk[]; fetchedAt: string }>;
}

export interface VerifierOptions {
  /**
   * The issuer URLs to trust, e.g. `['https://pakta.example/t/badung']`. A certificate whose `iss` is not exactly one of these
   * (a trailing slash here is ignored) fails with `unknown_issuer` before anything is fetched. Each issuer's key set is
   * fetched from `{issuer}/.well-known/jwks.json`.
   */
  issuers: readonly string[];
  /** Allowed clock skew for `exp` and `nbf`, in seconds. Default 60. */
  clockTolerance?: number;
  /**
   * Key sets saved earlier with `exportKeys()`. For every issuer found here the verifier never fetches: it is offline and
   * pinned to exactly these keys. Issuers in `keys` that are not in `issuers` are ignored.
   */
  keys?: SavedKeys;
  /** The `fetch` to use. Default: the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /**
   * Minimum time between two key-set requests to one issuer, in milliseconds, whether the previous one succeeded or
   * failed. Bounds the requests a flood of unknown `kid`s can cause. Default 30 000.
   */
  cooldown?: number;
  /**
   * Age after which a cached key set is refreshed, in milliseconds, so that a key the issuer withdrew stops being trusted.
   * The refresh starts on the next verification and runs in the background (subject to `cooldown`); the cached set stays
   * in use meanwhile and is kept if the refresh fails. Never applies to `keys`. Default 600 000.
   */
  maxAge?: number;
  /** Timeout of each request, in milliseconds. Default 5 000. */
  timeout?: number;
}

export interface Verifier {
  /**
   * Verifies a certificate, given as a compact JWS or as a certificate URL (`https://host/c/#<token>` or `…?token=<token>`).
   * Rejects with a {@link PaktaError}. Does not consult the status list; see `verifyAndCheck`.
   */
  verify(tokenOrUrl: string, expect?: Expectations): Promise<PactCertificate>;
  /**
   * Verifies a certificate and then its revocation status. Rejects with `revoked` if the issuer revoked it. Resolves with
   * `status: 'unknown'` when the status list is unreachable and none is cached: decide yourself whether to accept that.
   */
  verifyAndCheck(
    tokenOrUrl: string,
    expect?: Expectations,
  ): Promise<{ certificate: PactCertificate; status: 'valid' | 'unknown' }>;
  /** Looks up a verified certificate in its issuer's status list. */
  checkStatus(certificate: PactCertificate): Promise<CertificateStatus>;
  /** The key sets of all trusted issuers (fetching those not loaded yet), as JSON for offline use. */
  exportKeys(): Promise<SavedKeys>;
}
