/**
 * The two primitives the hot path needs, behind a seam: an HMAC for citizen hashes, manage tokens and request
 * fingerprints, and an ES256 signer for certificates. Web Crypto serves every runtime; a runtime with something
 * faster (Node's synchronous `node:crypto`, which skips the thread pool) supplies its own from its entry file.
 */

import type { JWK_EC_Private } from 'jose';

/** HMAC-SHA-256 of `message` under one server secret. */
export type Mac = (message: Uint8Array) => Promise<Uint8Array>;
/**
 * ES256 signature of `data` as JWS wants it (IEEE P1363: r ‖ s, 64 bytes). A runtime whose primitive is
 * synchronous (Node) answers at once, so that a store can sign inside the transaction that allocates the number
 * and write the booking once; Web Crypto answers with a promise.
 */
export type Sign = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface CryptoProvider {
  /** The HMAC keyed by `secret`'s UTF-8 bytes. */
  mac(secret: string): Promise<Mac>;
  /** A signer for a P-256 private key given as a JWK. */
  signer(privateJwk: JWK_EC_Private): Promise<Sign>;
}

const encoder = new TextEncoder();

export const webCrypto: CryptoProvider = {
  async mac(secret) {
    const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    return async (message) => new Uint8Array(await crypto.subtle.sign('HMAC', key, message as Uint8Array<ArrayBuffer>));
  },
  async signer(privateJwk) {
    const { kid: _kid, alg: _alg, use: _use, kty = 'EC', ...jwk } = privateJwk;
    const key = await crypto.subtle.importKey('jwk', { kty, ...jwk }, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
    ]);
    return async (data) =>
      new Uint8Array(
        await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data as Uint8Array<ArrayBuffer>),
      );
  },
};
