import * as v from 'valibot';
import { PaktaError } from './errors.js';
import { createKeySetCache } from './keys.js';
import { CertificatePayload, SavedKeys as SavedKeysSchema } from './schema.js';
import { createStatusChecker } from './status.js';
import { verifyToken } from './token.js';
import type { Expectations, PactCertificate, SavedKeys, Verifier, VerifierOptions } from './types.js';
import { toCompactJws } from './url.js';

const CERTIFICATE_TYP = 'pakta+jwt';
const EXPECTATION_KEYS = ['tenant', 'service', 'date', 'channel', 'agency'] as const;

/**
 * Creates a verifier of pact certificates for a fixed list of trusted issuers (tenants).
 *
 * A certificate passes when, in this order: it is a compact JWS (or a certificate URL holding one) without `jku`, `jwk`,
 * `x5u`, `x5c` or `crit` headers; `alg` is `ES256`; `typ` is `pakta+jwt`; its `kid` is at most 256 characters; its `iss` is
 * one of `issuers` (checked before anything is fetched); its signature verifies with the key of that `kid` in that issuer's
 * key set; `exp` and `nbf` hold within `clockTolerance`; the payload has the certificate's shape (with its status list on
 * the issuer's origin); and the claims match `expect`. Each failure rejects with a {@link PaktaError} whose `code` says which.
 *
 * Key sets are fetched from `{issuer}/.well-known/jwks.json` on first use and cached. An unknown `kid` causes one refetch,
 * at most once per `cooldown` per issuer however many tokens ask; concurrent verifications share one request. With
 * `keys` (from `exportKeys()`), those issuers are never fetched: verification is fully offline.
 *
 * @example Online, at a partner system's check-in
 *
 * ```ts
 * import { createVerifier, PaktaError } from '@pakta/sdk'
 *
 * const verifier = createVerifier({ issuers: ['https://pakta.example/t/badung'] })
 * const certificate = await verifier.verify(scannedQrText, { service: 'paspor-baru', date: '2026-11-24' })
 * console.log(certificate.ticket, certificate.holder.name)
 * ```
 *
 * @example Offline, on a counter machine
 *
 * ```ts
 * // once, while online:
 * const saved = await createVerifier({ issuers }).exportKeys()
 * await writeFile('pakta-keys.json', JSON.stringify(saved))
 * // then, without network:
 * const offline = createVerifier({ issuers, keys: JSON.parse(await readFile('pakta-keys.json', 'utf8')) })
 * await offline.verify(token)
 * ```
 *
 * @throws {TypeError} When an option is invalid (no issuers, an issuer that is not an http(s) URL, malformed `keys`).
 */
export function createVerifier(options: VerifierOptions): Verifier {
  const issuers = normalizeIssuers(options?.issuers);
  const clockTolerance = nonNegative(options.clockTolerance, 60, 'clockTolerance');
  const cooldown = nonNegative(options.cooldown, 30_000, 'cooldown');
  const maxAge = nonNegative(options.maxAge, 600_000, 'maxAge');
  const timeout = nonNegative(options.timeout, 5_000, 'timeout');
  let saved: SavedKeys | undefined;
  if (options.keys !== undefined) {
    const parsed = v.safeParse(SavedKeysSchema, options.keys);
    if (!parsed.success) throw new TypeError(`keys: not saved keys (${v.summarize(parsed.issues)})`);
    saved = parsed.output;
  }
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const trusted = new Set(issuers);
  const keys = createKeySetCache({ issuers, saved, fetch: fetchImpl, cooldown, maxAge, timeout });
  const sole =
    issuers.length === 1 ? { issuer: issuers[0]!, holds: (kid: string) => keys.holds(issuers[0]!, kid) } : undefined;
  const checkStatus = createStatusChecker({ issuers: trusted, keys, fetch: fetchImpl, timeout, clockTolerance });

  /** Per trusted issuer: its tenant id (`undefined` if the URL has no `/t/{tenant}`) and its origin. */
  const issuerFacts = new Map(
    issuers.map((issuer) => {
      const url = new URL(issuer);
      const tenant = /\/t\/([^/]+)$/.exec(url.pathname)?.[1];
      return [issuer, { tenant, origin: url.origin }];
    }),
  );

  async function verify(tokenOrUrl: string, expect?: Expectations): Promise<PactCertificate> {
    const expected = checkExpectations(expect);
    const jws = toCompactJws(tokenOrUrl);
    const payload = await verifyToken(jws, { typ: CERTIFICATE_TYP, clockTolerance, keysOf: keys.keysOf, sole });
    const parsed = v.safeParse(CertificatePayload, payload);
    if (!parsed.success) {
      throw new PaktaError(
        'malformed',
        `the payload does not have a certificate's shape: ${v.summarize(parsed.issues)}`,
      );
    }
    const p = parsed.output;
    const facts = issuerFacts.get(p.iss);
    if (facts === undefined) throw new PaktaError('unknown_issuer', `issuer ${p.iss} is not trusted`);
    if (facts.tenant === undefined) throw new PaktaError('malformed', 'iss does not end in /t/{tenant}');
    if (!p.status.uri.startsWith(`${facts.origin}/`)) {
      throw new PaktaError('malformed', "the status list is not on the issuer's origin");
    }
    const certificate: PactCertificate = {
      token: jws,
      issuer: p.iss,
      tenant: facts.tenant,
      bookingId: p.sub,
      ticket: p.ticket.no,
      place: {
        service: p.ticket.service,
        agency: p.ticket.agency,
        date: p.ticket.date,
        slot: p.ticket.slot,
        channel: p.ticket.channel,
      },
      pact: { version: p.pact.v, hash: p.pact.sha256, language: p.pact.lang, acceptedAt: new Date(p.pact.at * 1000) },
      holder: { name: p.holder.name },
      validity: {
        issuedAt: new Date(p.iat * 1000),
        notBefore: new Date(p.nbf * 1000),
        expiresAt: new Date(p.exp * 1000),
      },
      status: { index: p.status.idx, uri: p.status.uri },
    };
    if (expected !== undefined) {
      for (const name of EXPECTATION_KEYS) {
        const want = expected[name];
        if (want === undefined) continue;
        const got = name === 'tenant' ? certificate.tenant : certificate.place[name];
        if (got !== want)
          throw new PaktaError('unexpected_claim', `expected ${name} "${want}", the certificate says "${got}"`);
      }
    }
    return certificate;
  }

  return {
    verify,
    async verifyAndCheck(tokenOrUrl, expect) {
      const certificate = await verify(tokenOrUrl, expect);
      const status = await checkStatus(certificate);
      if (status === 'revoked') {
        throw new PaktaError('revoked', `certificate ${certificate.bookingId} has been revoked by its issuer`);
      }
      return { certificate, status };
    },
    checkStatus,
    exportKeys: () => keys.exportKeys(),
  };
}

function checkExpectations(expect: Expectations | undefined): Expectations | undefined {
  if (expect === undefined) return undefined;
  if (typeof expect !== 'object' || expect === null) throw new TypeError('expect must be an object');
  for (const [name, value] of Object.entries(expect)) {
    if (!(EXPECTATION_KEYS as readonly string[]).includes(name)) {
      throw new TypeError(`expect.${name} is not a claim that can be expected (use ${EXPECTATION_KEYS.join(', ')})`);
    }
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`expect.${name} must be a string`);
  }
  return expect;
}

function normalizeIssuers(issuers: readonly string[] | undefined): string[] {
  if (!Array.isArray(issuers) || issuers.length === 0)
    throw new TypeError('issuers: at least one issuer URL is required');
  return issuers.map((issuer: unknown) => {
    if (typeof issuer !== 'string' || !/^https?:\/\//i.test(issuer) || !isPlainUrl(issuer)) {
      throw new TypeError(`issuers: ${String(issuer)} is not an http(s) URL without query or fragment`);
    }
    return issuer.replace(/\/+$/, '');
  });
}

function isPlainUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative number`);
  }
  return value;
}
