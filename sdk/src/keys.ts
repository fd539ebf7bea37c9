/**
 * The key-set cache: each trusted issuer's key set, as jose's `createRemoteJWKSet` (online) or `createLocalJWKSet` (saved
 * keys, offline), with the policy jose leaves to us around it.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  type ExportedJWKSCache,
  errors,
  importJWK,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  jwksCache,
} from 'jose';
import * as v from 'valibot';
import { PaktaError } from './errors.js';
import { fetchText } from './fetch.js';
import { JwkSet, PublicJwk as PublicJwkSchema } from './schema.js';
import type { PublicJwk, SavedKeys } from './types.js';

/** Largest key-set response read. */
const MAX_JWKS_BYTES = 256 * 1024;

/** @internal */
export interface KeySetCacheOptions {
  issuers: readonly string[];
  saved: SavedKeys | undefined;
  fetch: typeof fetch;
  cooldown: number;
  maxAge: number;
  timeout: number;
}

/** @internal */
export interface KeySetCache {
  /**
   * The key resolver for `jwtVerify` for a trusted issuer. It rejects with a {@link PaktaError}: `unknown_key` or
   * `keys_unreachable`.
   */
  keysOf(issuer: string): JWTVerifyGetKey;
  /** Whether the issuer's key set, as already loaded (nothing is fetched), holds a key `kid`. */
  holds(issuer: string, kid: string): boolean;
  /** Every issuer's key set, fetching those not loaded or older than `maxAge`. */
  exportKeys(): Promise<SavedKeys>;
}

/** jose's cache of one remote key set, written by jose on each load; empty until the first. */
type Cache = { jwks?: JSONWebKeySet; uat?: number };

/** A request refused because the previous one failed less than `cooldown` ago. */
class CoolingDown extends Error {}

interface IssuerKeys {
  readonly resolve: JWTVerifyGetKey;
  /** What `exportKeys` hands out: jose's cache of the remote set (it writes `jwks` and `uat` on each load), or saved keys. */
  readonly cache: Cache;
  /** Loads the set now (remote only). */
  readonly reload?: () => Promise<void>;
}

/**
 * Creates the key-set cache of a verifier. Issuers found in `saved` are pinned to those keys and never fetched. The others
 * are fetched from `{issuer}/.well-known/jwks.json` by jose, which shares concurrent requests and refetches for an unknown
 * `kid` at most once per `cooldown` after a success. Around it we add what jose does not do: the same cooldown after a
 * failure (so a flood of tokens cannot hammer an issuer that is down), a bounded response reduced to public P-256 keys,
 * and a stale set (older than `maxAge`) kept in use while it is refreshed in the background, rather than awaited.
 *
 * @internal
 */
export function createKeySetCache(options: KeySetCacheOptions): KeySetCache {
  const state = new Map<string, IssuerKeys>();
  for (const issuer of options.issuers) {
    const saved = options.saved?.issuers[issuer];
    state.set(issuer, saved ? pinned(saved) : remote(issuer, options));
  }

  function entryFor(issuer: string): IssuerKeys {
    const entry = state.get(issuer);
    if (!entry) throw new PaktaError('unknown_issuer', `issuer ${issuer} is not trusted`);
    return entry;
  }

  return {
    keysOf: (issuer) => entryFor(issuer).resolve,

    holds: (issuer, kid) => state.get(issuer)?.cache.jwks?.keys.some((jwk) => jwk.kid === kid) ?? false,

    async exportKeys() {
      const issuers: SavedKeys['issuers'] = {};
      for (const [issuer, entry] of state) {
        const { cache, reload } = entry;
        let cause: unknown;
        if (reload && (cache.uat === undefined || Date.now() - cache.uat > options.maxAge)) {
          await reload().catch((err: unknown) => {
            cause = err instanceof CoolingDown ? err.cause : err;
          });
        }
        if (cache.jwks === undefined || cache.uat === undefined) {
          throw new PaktaError('keys_unreachable', `the key set of ${issuer} could not be fetched`, { cause });
        }
        issuers[issuer] = {
          keys: (cache.jwks.keys as PublicJwk[]).map((jwk) => ({ ...jwk })),
          fetchedAt: new Date(cache.uat).toISOString(),
        };
      }
      return { version: 1, issuers };
    },
  };
}

function pinned(saved: SavedKeys['issuers'][string]): IssuerKeys {
  const jwks = { keys: saved.keys.map((jwk) => ({ ...jwk })) };
  // The first of a repeated kid, as for a fetched set: jose would refuse a kid that matches two keys.
  const local = createLocalJWKSet({
    keys: jwks.keys.filter((jwk, i) => jwks.keys.findIndex((k) => k.kid === jwk.kid) === i),
  });
  return {
    cache: { jwks, uat: Date.parse(saved.fetchedAt) },
    resolve: async (header, token) => {
      try {
        return await local(header, token);
      } catch (cause) {
        // no such kid, or a saved key that does not import: either way, no key to verify with
        throw new PaktaError('unknown_key', `no usable key "${header.kid}" among the saved keys`, { cause });
      }
    },
  };
}

function remote(issuer: string, options: KeySetCacheOptions): IssuerKeys {
  const cache: Cache = {};
  let failedAt = Number.NEGATIVE_INFINITY;
  let lastError: unknown;

  /** jose's fetch: the cooldown after a failure, a bounded read, and only usable public keys kept. */
  const coolingDown = () => Date.now() - failedAt < options.cooldown;

  async function fetchKeySet(url: string): Promise<Response> {
    if (coolingDown()) throw new CoolingDown('cooling down', { cause: lastError });
    try {
      const body = await fetchText(options.fetch, url, {
        accept: 'application/jwk-set+json, application/json',
        timeout: options.timeout,
        maxBytes: MAX_JWKS_BYTES,
      });
      const keys = await usableKeys(v.parse(JwkSet, JSON.parse(body)).keys);
      return new Response(JSON.stringify({ keys }), { status: 200 });
    } catch (err) {
      failedAt = Date.now();
      lastError = err;
      throw err;
    }
  }

  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
    cooldownDuration: options.cooldown,
    // Staleness is ours to handle (below): jose would make the verification wait for the refresh.
    cacheMaxAge: Number.POSITIVE_INFINITY,
    timeoutDuration: Math.ceil(options.timeout),
    [customFetch]: fetchKeySet,
    [jwksCache]: cache as ExportedJWKSCache,
  });

  return {
    cache,
    reload: () => jwks.reload(),
    resolve: (header, token) => {
      if (cache.uat !== undefined && Date.now() - cache.uat > options.maxAge && !jwks.reloading && !coolingDown()) {
        jwks.reload().catch(() => {}); // kept if it fails; the failure cooldown bounds the retries
      }
      // jose's promise itself, not one more async frame around it: this runs on every verification
      return jwks(header, token).catch((err: unknown) => {
        if (err instanceof CoolingDown && cache.jwks !== undefined) {
          throw new PaktaError('unknown_key', `no key "${header.kid}" in the key set of ${issuer}`);
        }
        if (err instanceof errors.JWKSNoMatchingKey) {
          throw new PaktaError('unknown_key', `no key "${header.kid}" in the key set of ${issuer}`);
        }
        throw unreachable(err);
      });
    },
  };

  function unreachable(err: unknown): PaktaError {
    const cause = err instanceof CoolingDown ? err.cause : err;
    return new PaktaError('keys_unreachable', `the key set of ${issuer} could not be loaded`, { cause });
  }
}

/**
 * Public P-256 keys with a `kid` that import for ES256, reduced to their public members; the first of a repeated `kid`
 * wins (jose would refuse a token whose `kid` matches two keys).
 */
async function usableKeys(candidates: unknown[]): Promise<PublicJwk[]> {
  const seen = new Set<string>();
  const out: PublicJwk[] = [];
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null) continue;
    const { kty, crv, x, y, kid, alg, use, key_ops: ops } = candidate as Record<string, unknown>;
    if (ops !== undefined && !(Array.isArray(ops) && ops.includes('verify'))) continue;
    const parsed = v.safeParse(PublicJwkSchema, { kty, crv, x, y, kid, alg, use });
    if (!parsed.success || seen.has(parsed.output.kid)) continue;
    const jwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: parsed.output.x, y: parsed.output.y, kid: parsed.output.kid };
    if (parsed.output.alg) jwk.alg = parsed.output.alg;
    if (parsed.output.use) jwk.use = parsed.output.use;
    try {
      await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'ES256');
    } catch {
      continue; // not a point on the curve: unusable, like a key that is absent
    }
    seen.add(jwk.kid);
    out.push(jwk);
  }
  return out;
}
