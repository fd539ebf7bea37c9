/**
 * The signing keys of a deployment. The newest unretired key signs; retired keys stay published in the key set
 * until every certificate they signed has expired, so rotation never breaks a certificate a citizen holds.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type JWK_EC_Private } from 'jose';
import { type CryptoProvider, type Sign, webCrypto } from '../crypto.js';
import type { SigningKeyStore, StoredKey } from '../store/store.js';

export interface SigningKey {
  kid: string;
  /** Signs with the private key, which never leaves the provider. */
  sign: Sign;
  publicJwk: JWK;
  createdAt: number;
  retiredAt: number | null;
}

/** Creates a fresh ES256 key, its `kid` the RFC 7638 thumbprint of the public key. */
export async function generateSigningKey(now: number): Promise<StoredKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    kid,
    privateJwk: JSON.stringify({ ...privateJwk, kid, alg: 'ES256', use: 'sig' }),
    publicJwk: JSON.stringify({ ...publicJwk, kid, alg: 'ES256', use: 'sig' }),
    createdAt: now,
    retiredAt: null,
  };
}

async function load(stored: StoredKey, provider: CryptoProvider): Promise<SigningKey> {
  const sign = await provider.signer(JSON.parse(stored.privateJwk) as JWK_EC_Private);
  return {
    kid: stored.kid,
    sign,
    publicJwk: JSON.parse(stored.publicJwk) as JWK,
    createdAt: stored.createdAt,
    retiredAt: stored.retiredAt,
  };
}

export class KeyRing {
  readonly #keys: SigningKey[];
  /** How long after retirement a key stays published: the longest a certificate can live. */
  readonly #publishFor: number;

  private constructor(keys: SigningKey[], publishForMs: number) {
    this.#keys = keys;
    this.#publishFor = publishForMs;
  }

  /** Loads the keys of `store`, creating the first one when there is none. */
  static async open(
    store: SigningKeyStore,
    options: { now: number; publishForMs: number; crypto?: CryptoProvider },
  ): Promise<KeyRing> {
    let stored = await store.listKeys();
    if (!stored.some((k) => k.retiredAt === null)) {
      await store.addKey(await generateSigningKey(options.now));
      stored = await store.listKeys();
    }
    return new KeyRing(
      await Promise.all(stored.map((k) => load(k, options.crypto ?? webCrypto))),
      options.publishForMs,
    );
  }

  /** Adds a new signing key and retires the current one. Returns the new kid. */
  static async rotate(store: SigningKeyStore, now: number): Promise<string> {
    const fresh = await generateSigningKey(now);
    for (const k of await store.listKeys()) if (k.retiredAt === null) await store.retireKey(k.kid, now);
    await store.addKey(fresh);
    return fresh.kid;
  }

  /** The key that signs new certificates. */
  get current(): SigningKey {
    const active = this.#keys.filter((k) => k.retiredAt === null);
    return active[active.length - 1]!;
  }

  /** The public key set verifiers fetch: every key whose certificates may still be valid at `now`. */
  jwks(now: number): { keys: JWK[] } {
    return {
      keys: this.#keys
        .filter((k) => k.retiredAt === null || k.retiredAt + this.#publishFor > now)
        .map((k) => k.publicJwk),
    };
  }
}
