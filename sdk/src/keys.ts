import { importJWK } from 'jose'
import * as v from 'valibot'
import { PaktaError } from './errors.js'
import { fetchText } from './fetch.js'
import { JwkSet, PublicJwk as PublicJwkSchema } from './schema.js'
import type { PublicJwk, SavedKeys } from './types.js'

/** Largest key-set response read. */
const MAX_JWKS_BYTES = 256 * 1024

/** @internal */
export interface KeyStoreOptions {
  issuers: readonly string[]
  saved: SavedKeys | undefined
  fetch: typeof fetch
  cooldown: number
  maxAge: number
  timeout: number
}

/** @internal */
export interface KeyStore {
  /** The cached key, when it can be used right away (no import pending, set not stale); else `undefined`. */
  cached(issuer: string, kid: string): CryptoKey | undefined
  /** The trusted key with this `kid` for `issuer`, refetching the set at most once per cooldown when the kid is unknown. */
  getKey(issuer: string, kid: string): Promise<CryptoKey>
  exportKeys(): Promise<SavedKeys>
}

interface IssuerKeys {
  readonly issuer: string
  /** Loaded from saved keys: never fetched. */
  readonly pinned: boolean
  jwks: PublicJwk[]
  keys: Map<string, CryptoKey>
  /** Epoch ms of the last successful load; 0 when nothing is loaded. */
  loadedAt: number
  /** Epoch ms of the last request, successful or not. */
  lastAttempt: number
  lastError: unknown
  /** The import of saved keys, or the request in flight. */
  pending: Promise<Outcome> | undefined
}

type Outcome = 'loaded' | 'failed' | 'cooling'

/**
 * Key sets of the trusted issuers, cached per issuer. Fetches `{issuer}/.well-known/jwks.json` when a key is needed and
 * not known, at most once per `cooldown` per issuer (successful or not), with concurrent requests shared. Issuers given in
 * `saved` are pinned: never fetched.
 *
 * @internal
 */
export function createKeyStore(options: KeyStoreOptions): KeyStore {
  const state = new Map<string, IssuerKeys>()
  for (const issuer of options.issuers) {
    const saved = options.saved?.issuers[issuer]
    const entry: IssuerKeys = {
      issuer,
      pinned: saved !== undefined,
      jwks: [],
      keys: new Map(),
      loadedAt: 0,
      lastAttempt: Number.NEGATIVE_INFINITY,
      lastError: undefined,
      pending: undefined,
    }
    if (saved) {
      const loadedAt = Date.parse(saved.fetchedAt)
      entry.pending = importKeys(saved.keys).then((keys) => {
        entry.jwks = saved.keys
        entry.keys = keys
        entry.loadedAt = loadedAt
        entry.pending = undefined
        return 'loaded' as const
      })
    }
    state.set(issuer, entry)
  }

  /** One request for the issuer's key set, unless one is in flight (then share it) or the cooldown is running. */
  function refresh(entry: IssuerKeys): Promise<Outcome> {
    if (entry.pending) return entry.pending
    if (entry.pinned) return Promise.resolve('cooling')
    const now = Date.now()
    if (now - entry.lastAttempt < options.cooldown) return Promise.resolve('cooling')
    entry.lastAttempt = now
    const request = load(entry).finally(() => {
      entry.pending = undefined
    })
    entry.pending = request
    return request
  }

  async function load(entry: IssuerKeys): Promise<Outcome> {
    try {
      const url = `${entry.issuer}/.well-known/jwks.json`
      const body = await fetchText(options.fetch, url, {
        accept: 'application/jwk-set+json, application/json',
        timeout: options.timeout,
        maxBytes: MAX_JWKS_BYTES,
      })
      const set = v.parse(JwkSet, JSON.parse(body))
      const jwks = usableKeys(set.keys)
      const keys = await importKeys(jwks, entry)
      entry.jwks = jwks
      entry.keys = keys
      entry.loadedAt = Date.now()
      entry.lastError = undefined
      return 'loaded'
    } catch (err) {
      entry.lastError = err
      return 'failed'
    }
  }

  function entryFor(issuer: string): IssuerKeys {
    const entry = state.get(issuer)
    if (!entry) throw new PaktaError('unknown_issuer', `issuer ${issuer} is not trusted`)
    return entry
  }

  function unreachable(entry: IssuerKeys): PaktaError {
    return new PaktaError('keys_unreachable', `the key set of ${entry.issuer} could not be fetched`, {
      cause: entry.lastError,
    })
  }

  return {
    cached(issuer, kid) {
      const entry = state.get(issuer)
      if (!entry || entry.pending || (!entry.pinned && Date.now() - entry.loadedAt > options.maxAge)) return undefined
      return entry.keys.get(kid)
    },

    async getKey(issuer, kid) {
      const entry = entryFor(issuer)
      if (entry.pinned && entry.pending) await entry.pending
      if (entry.loadedAt !== 0 && !entry.pinned && Date.now() - entry.loadedAt > options.maxAge) {
        // Stale: refresh in the background and go on with the cached set (kept if the refresh fails).
        void refresh(entry)
      }
      const known = entry.keys.get(kid)
      if (known) return known
      if (entry.pinned) throw new PaktaError('unknown_key', `no key "${kid}" among the saved keys of ${issuer}`)
      const outcome = await refresh(entry)
      const found = entry.keys.get(kid)
      if (found) return found
      if (outcome === 'failed' || entry.loadedAt === 0) throw unreachable(entry)
      throw new PaktaError('unknown_key', `no key "${kid}" in the key set of ${issuer}`)
    },

    async exportKeys() {
      const issuers: SavedKeys['issuers'] = {}
      for (const entry of state.values()) {
        if (entry.pending) await entry.pending
        if (entry.loadedAt === 0 || (!entry.pinned && Date.now() - entry.loadedAt > options.maxAge)) {
          await refresh(entry)
        }
        if (entry.loadedAt === 0) throw unreachable(entry)
        issuers[entry.issuer] = {
          keys: entry.jwks.map((jwk) => ({ ...jwk })),
          fetchedAt: new Date(entry.loadedAt).toISOString(),
        }
      }
      return { version: 1, issuers }
    },
  }
}

/** Public P-256 signing keys with a `kid`, reduced to their public members; the first of a repeated `kid` wins. */
function usableKeys(candidates: unknown[]): PublicJwk[] {
  const seen = new Set<string>()
  const out: PublicJwk[] = []
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null) continue
    const { kty, crv, x, y, kid, alg, use, key_ops: ops } = candidate as Record<string, unknown>
    if (ops !== undefined && !(Array.isArray(ops) && ops.includes('verify'))) continue
    const parsed = v.safeParse(PublicJwkSchema, { kty, crv, x, y, kid, alg, use })
    if (!parsed.success || seen.has(parsed.output.kid)) continue
    seen.add(parsed.output.kid)
    const jwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: parsed.output.x, y: parsed.output.y, kid: parsed.output.kid }
    if (parsed.output.alg) jwk.alg = parsed.output.alg
    if (parsed.output.use) jwk.use = parsed.output.use
    out.push(jwk)
  }
  return out
}

/** Imports each key for ES256 verification, reusing keys already imported; keys that fail to import are left out. */
async function importKeys(jwks: PublicJwk[], previous?: IssuerKeys): Promise<Map<string, CryptoKey>> {
  const keys = new Map<string, CryptoKey>()
  await Promise.all(
    jwks.map(async (jwk) => {
      const old = previous?.jwks.find((p) => p.kid === jwk.kid && p.x === jwk.x && p.y === jwk.y)
      const reused = old ? previous?.keys.get(jwk.kid) : undefined
      try {
        const key = reused ?? (await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'ES256'))
        if (key instanceof Uint8Array) return
        keys.set(jwk.kid, key)
      } catch {
        // not a point on the curve: unusable, like a key that is absent
      }
    }),
  )
  return keys
}
