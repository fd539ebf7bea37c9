/**
 * Keys and secrets of the Workers runtime, read from Workers secrets (`wrangler secret put`), never from storage:
 * a Worker cannot write a secret, and D1 is not where a signing key should live.
 *
 * - `PAKTA_SIGNING_KEYS`: a JWK set of ES256 private keys, `{"keys":[{kty,crv,x,y,d,kid,alg,use,iat},…]}`. The key
 *   with the newest `iat` (seconds) signs; the others are retired and stay published in the key set for as long as
 *   they stay in the secret, so a certificate signed before a rotation keeps verifying. Drop a retired key once
 *   the longest booking window plus two days has passed since the rotation.
 * - `PAKTA_CITIZEN_HASH_KEY`, `PAKTA_MANAGE_TOKEN_KEY`, `PAKTA_PROOF_OF_WORK_KEY`: HMAC secrets (32+
 *   characters). Set the first two once and never change them: the first holds one booking per citizen per
 *   service-day, the second derives every manage token. The third signs proof-of-work challenges; changing it
 *   only voids challenges handed out in the last minutes.
 *
 * `api/scripts/create-keys.ts` (`npm run -s keys:create -w api`) prints values for both kinds.
 */
import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SecretStore, SigningKeyStore, StoredKey } from '../../store/store.js';

export const SIGNING_KEYS_SECRET = 'PAKTA_SIGNING_KEYS';
export const CITIZEN_HASH_SECRET = 'PAKTA_CITIZEN_HASH_KEY';
export const MANAGE_TOKEN_SECRET = 'PAKTA_MANAGE_TOKEN_KEY';
export const PROOF_OF_WORK_SECRET = 'PAKTA_PROOF_OF_WORK_KEY';
/** The HMAC secrets, each a Workers secret of its own. */
export const HMAC_SECRETS = [CITIZEN_HASH_SECRET, MANAGE_TOKEN_SECRET, PROOF_OF_WORK_SECRET] as const;

/** Which Workers secret holds each secret the app asks for by name (the names `node.ts` uses). */
export const SECRET_NAMES: Record<string, string> = {
  'citizen-hash': CITIZEN_HASH_SECRET,
  'manage-token': MANAGE_TOKEN_SECRET,
  'proof-of-work': PROOF_OF_WORK_SECRET,
};

const MIN_SECRET_LENGTH = 32;

/** A secret or the key set is missing or unusable; the message names the secret and what is wrong. */
export class SecretConfigError extends Error {
  readonly code = 'invalid_secret';
  constructor(
    readonly secret: string,
    problem: string,
  ) {
    const create =
      secret === SIGNING_KEYS_SECRET ? 'npm run -s keys:create -w api' : 'npm run -s keys:create -w api -- --hmac';
    super(
      `Workers secret ${secret}: ${problem}. Create it with \`${create} | npx wrangler secret put ${secret}\` (see docs/workers.md).`,
    );
    this.name = 'SecretConfigError';
  }
}

/** Keys in a secret change only by deploying a new secret; the running Worker cannot add or retire one. */
export class ReadOnlyKeysError extends Error {
  readonly code = 'read_only_keys';
  constructor() {
    super(
      `Signing keys on Workers live in the secret ${SIGNING_KEYS_SECRET}; rotate with \`npm run -s keys:create -w api -- --add <current set>\` (see docs/workers.md).`,
    );
    this.name = 'ReadOnlyKeysError';
  }
}

interface SecretJwk extends JWK {
  kid: string;
  /** When the key was created, epoch seconds: the newest key signs. */
  iat: number;
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y'] as const;

function publicPart(jwk: JWK): JWK {
  const out: JWK = {};
  for (const m of PUBLIC_MEMBERS) if (jwk[m] !== undefined) out[m] = jwk[m];
  return out;
}

/** Parses and checks the signing key set; the newest key comes last and is the only unretired one. */
export async function parseSigningKeys(text: string | undefined, now: number): Promise<StoredKey[]> {
  if (!text) throw new SecretConfigError(SIGNING_KEYS_SECRET, 'not set');
  let set: unknown;
  try {
    set = JSON.parse(text);
  } catch {
    throw new SecretConfigError(SIGNING_KEYS_SECRET, 'not JSON');
  }
  const keys = (set as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0)
    throw new SecretConfigError(SIGNING_KEYS_SECRET, 'expected {"keys":[…]} with at least one key');
  const parsed: { jwk: SecretJwk; index: number }[] = [];
  for (const [index, key] of keys.entries()) {
    const jwk = key as Partial<SecretJwk>;
    const where = `key ${index}${typeof jwk.kid === 'string' ? ` (${jwk.kid})` : ''}`;
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y || !jwk.d)
      throw new SecretConfigError(SIGNING_KEYS_SECRET, `${where} is not an ES256 (EC P-256) private key`);
    if (typeof jwk.iat !== 'number' || !Number.isFinite(jwk.iat))
      throw new SecretConfigError(SIGNING_KEYS_SECRET, `${where} has no numeric "iat"`);
    const thumbprint = await calculateJwkThumbprint(publicPart(jwk));
    if (jwk.kid !== thumbprint)
      throw new SecretConfigError(SIGNING_KEYS_SECRET, `${where}: "kid" must be the RFC 7638 thumbprint ${thumbprint}`);
    parsed.push({ jwk: jwk as SecretJwk, index });
  }
  parsed.sort((a, b) => a.jwk.iat - b.jwk.iat || a.index - b.index);
  return parsed.map(({ jwk }, i) => {
    const meta = { kid: jwk.kid, alg: 'ES256', use: 'sig' };
    return {
      kid: jwk.kid,
      privateJwk: JSON.stringify({ ...publicPart(jwk), d: jwk.d, ...meta }),
      publicJwk: JSON.stringify({ ...publicPart(jwk), ...meta }),
      createdAt: jwk.iat * 1000,
      // When it was really retired is unknowable (the day the new set was deployed); counting from now keeps it
      // published for as long as it stays in the secret.
      retiredAt: i === parsed.length - 1 ? null : now,
    };
  });
}

/** A `SigningKeyStore` over the keys of the secret, parsed once per isolate. */
export class SecretSigningKeyStore implements SigningKeyStore {
  constructor(readonly keys: readonly StoredKey[]) {}

  async listKeys(): Promise<StoredKey[]> {
    return [...this.keys];
  }

  async addKey(): Promise<void> {
    throw new ReadOnlyKeysError();
  }

  async retireKey(): Promise<void> {
    throw new ReadOnlyKeysError();
  }
}

/** Reads HMAC secrets by the app's names from the Worker's environment; it cannot create one. */
export class EnvSecretStore implements SecretStore {
  constructor(readonly env: Readonly<Record<string, unknown>>) {}

  async secret(name: string): Promise<string> {
    const variable = SECRET_NAMES[name];
    if (!variable) throw new Error(`no Workers secret is mapped to the app secret "${name}"`);
    return checkHmacSecret(variable, this.env[variable]);
  }
}

export function checkHmacSecret(variable: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new SecretConfigError(variable, 'not set');
  if (value.length < MIN_SECRET_LENGTH)
    throw new SecretConfigError(variable, `shorter than ${MIN_SECRET_LENGTH} characters`);
  return value;
}

/** A JWK set with one fresh ES256 key, or `existing` (a set's JSON) with a fresh key added that will sign. */
export async function createSigningKeySet(now: number, existing?: string): Promise<{ keys: SecretJwk[] }> {
  const keys: SecretJwk[] = existing ? ((JSON.parse(existing) as { keys: SecretJwk[] }).keys ?? []) : [];
  if (existing) await parseSigningKeys(existing, now);
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicPart(jwk));
  // Strictly newer than every key already there, even when two are made within one second.
  const iat = Math.max(Math.floor(now / 1000), ...keys.map((k) => k.iat + 1));
  return { keys: [...keys, { ...jwk, kid, alg: 'ES256', use: 'sig', iat }] };
}

/** 32 random bytes, base64url: a value for any of the `HMAC_SECRETS`. */
export function randomSecret(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
}
