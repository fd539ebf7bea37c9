/**
 * Node's synchronous `node:crypto` behind the crypto seam: an HMAC in about 5 µs instead of 70 µs through Web
 * Crypto, and an ES256 signature without a hop through the thread pool, answered at once (see `Sign`).
 * Outputs are byte-for-byte what Web Crypto gives (HMAC) or verify identically (ECDSA).
 */
import { createHmac, createPrivateKey, sign } from 'node:crypto';
import type { CryptoProvider } from '../../crypto.js';

export const nodeCrypto: CryptoProvider = {
  async mac(secret) {
    return async (message) => createHmac('sha256', secret).update(message).digest();
  },
  async signer(privateJwk) {
    const key = createPrivateKey({ key: privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    return (data) => sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
  },
};
