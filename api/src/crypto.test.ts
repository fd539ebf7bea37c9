import { compactVerify, exportJWK, generateKeyPair, type JWK_EC_Private } from 'jose';
import { describe, expect, it } from 'vitest';
import { webCrypto } from './crypto.js';
import { nodeCrypto } from './runtime/node/crypto.js';

const data = new TextEncoder().encode('tel:+6281234567890');

describe('crypto providers', () => {
  it('give the same HMAC on every runtime, so hashes stay comparable', async () => {
    const [web, node] = await Promise.all([webCrypto.mac('s3cret'), nodeCrypto.mac('s3cret')]);
    expect(Buffer.from(await node(data)).toString('hex')).toBe(Buffer.from(await web(data)).toString('hex'));
    expect(Buffer.from(await node(data))).not.toEqual(Buffer.from(await (await nodeCrypto.mac('other'))(data)));
  });

  it.each([
    ['Web Crypto', webCrypto],
    ['node:crypto', nodeCrypto],
  ])('%s signs ES256 in the JWS form jose verifies', async (_name, provider) => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const sign = await provider.signer((await exportJWK(privateKey)) as JWK_EC_Private);
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${enc({ alg: 'ES256' })}.${enc({ ok: true })}`;
    const signature = await sign(new TextEncoder().encode(input));
    expect(signature).toHaveLength(64);
    const token = `${input}.${Buffer.from(signature).toString('base64url')}`;
    await expect(compactVerify(token, publicKey)).resolves.toBeDefined();
    await expect(
      compactVerify(`${input.slice(0, -2)}e0.${Buffer.from(signature).toString('base64url')}`, publicKey),
    ).rejects.toThrow();
  });
});
