import { exportSPKI, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCode } from './fixtures/expect.js';
import { startIssuer, type TestIssuer, unsigned } from './fixtures/issuer.js';
import { createVerifier, PaktaError } from './index.js';

let tenant: TestIssuer;
let stranger: TestIssuer;

beforeAll(async () => {
  tenant = await startIssuer('demo');
  stranger = await startIssuer('demo');
});
afterAll(async () => {
  await tenant.close();
  await stranger.close();
});

const fresh = () => createVerifier({ issuers: [tenant.iss] });

describe('verify', () => {
  it('verifies a certificate and returns its typed contents', async () => {
    const token = await tenant.certificate();
    const certificate = await fresh().verify(token);
    // The times the token was signed with, not a new payload's: a second may have passed since.
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(certificate).toEqual({
      token,
      issuer: tenant.iss,
      tenant: 'demo',
      bookingId: 'bk_01JDEMO',
      ticket: 'PAS-007',
      place: {
        service: 'paspor-baru',
        agency: 'imigrasi',
        date: '2026-11-24',
        slot: '08:00',
        channel: 'counter',
      },
      pact: {
        version: '2026.1',
        hash: 'ab'.repeat(32),
        language: 'id',
        acceptedAt: new Date((payload.iat as number) * 1000),
      },
      holder: { name: 'B*** S*****' },
      validity: {
        issuedAt: new Date((payload.iat as number) * 1000),
        notBefore: new Date((payload.nbf as number) * 1000),
        expiresAt: new Date((payload.exp as number) * 1000),
      },
      status: { index: 6, uri: tenant.statusUri },
    });
  });

  it('accepts a certificate URL, with the token in the fragment or the query', async () => {
    const token = await tenant.certificate();
    const verifier = fresh();
    expect((await verifier.verify(`${tenant.origin}/c/#${token}`)).token).toBe(token);
    expect((await verifier.verify(`https://elsewhere.example/c/?token=${token}`)).token).toBe(token);
    expect((await verifier.verify(`  ${token}\n`)).token).toBe(token);
  });

  it('accepts an issuer configured with a trailing slash', async () => {
    const verifier = createVerifier({ issuers: [`${tenant.iss}/`] });
    await expect(verifier.verify(await tenant.certificate())).resolves.toBeTruthy();
  });

  it('checks the expected claims', async () => {
    const token = await tenant.certificate();
    const verifier = fresh();
    const expect1 = {
      tenant: 'demo',
      service: 'paspor-baru',
      date: '2026-11-24',
      channel: 'counter',
      agency: 'imigrasi',
    };
    await expect(verifier.verify(token, expect1)).resolves.toBeTruthy();
    const err = await expectCode(verifier.verify(token, { service: 'skck' }), 'unexpected_claim');
    expect(err.message).toContain('service');
    await expectCode(verifier.verify(token, { tenant: 'badung' }), 'unexpected_claim');
    await expectCode(verifier.verify(token, { date: '2026-11-25' }), 'unexpected_claim');
    await expectCode(verifier.verify(token, { channel: 'video' }), 'unexpected_claim');
    await expectCode(verifier.verify(token, { agency: 'dukcapil' }), 'unexpected_claim');
    // a misspelt expectation must not silently check nothing
    await expect(verifier.verify(token, { servce: 'skck' } as never)).rejects.toThrow(TypeError);
  });

  it('rejects a tampered payload: invalid_signature', async () => {
    const token = await tenant.certificate();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify(tenant.payload({ holder: { name: 'Someone Else' } }))).toString(
      'base64url',
    );
    await expectCode(fresh().verify(`${header}.${forged}.${signature}`), 'invalid_signature');
  });

  it('rejects a signature by another key under a trusted kid: invalid_signature', async () => {
    const token = await stranger.certificate({ header: { kid: tenant.keys[0]!.kid }, payload: { iss: tenant.iss } });
    await expectCode(fresh().verify(token), 'invalid_signature');
  });

  it('rejects a signature that is not 64 bytes R‖S (DER, truncated, empty): invalid_signature', async () => {
    const token = await tenant.certificate();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const raw = Buffer.from(signature, 'base64url');
    const der = Buffer.concat([
      Buffer.from([0x30, 0x44, 0x02, 0x20]),
      raw.subarray(0, 32),
      Buffer.from([0x02, 0x20]),
      raw.subarray(32),
    ]);
    for (const forged of [der.toString('base64url'), signature.slice(0, 80), '', `${signature}AA`, 'A']) {
      await expectCode(fresh().verify(`${header}.${payload}.${forged}`), 'invalid_signature');
    }
  });

  it('decodes a payload that is not ASCII as UTF-8', async () => {
    const token = await tenant.certificate({ payload: { holder: { name: 'Ñ*** Ö***** 李*' } } });
    expect((await fresh().verify(token)).holder.name).toBe('Ñ*** Ö***** 李*');
  });

  it('rejects alg: none without fetching: invalid_signature', async () => {
    const before = tenant.hits(tenant.jwksPath);
    const token = unsigned({ typ: 'pakta+jwt', kid: tenant.keys[0]!.kid }, tenant.payload());
    await expectCode(fresh().verify(token), 'invalid_signature');
    expect(tenant.hits(tenant.jwksPath)).toBe(before);
  });

  it('rejects HS256 signed with the public key as secret: invalid_signature', async () => {
    const key = tenant.keys[0]!;
    const before = tenant.hits(tenant.jwksPath);
    for (const secret of [
      new TextEncoder().encode(await exportSPKI(key.publicKey)),
      new TextEncoder().encode(JSON.stringify(key.jwk)),
    ]) {
      const token = await new SignJWT(tenant.payload())
        .setProtectedHeader({ alg: 'HS256', typ: 'pakta+jwt', kid: key.kid })
        .sign(secret);
      await expectCode(fresh().verify(token), 'invalid_signature');
    }
    expect(tenant.hits(tenant.jwksPath)).toBe(before);
  });

  it('rejects an unknown kid: unknown_key', async () => {
    const token = await tenant.certificate({ header: { kid: 'not-a-published-kid' } });
    await expectCode(fresh().verify(token), 'unknown_key');
  });

  it('rejects a 10 KB kid without fetching: malformed', async () => {
    const before = tenant.hits(tenant.jwksPath);
    const token = await tenant.certificate({ header: { kid: 'k'.repeat(10 * 1024) } });
    await expectCode(fresh().verify(token), 'malformed');
    expect(tenant.hits(tenant.jwksPath)).toBe(before);
  });

  it('never follows jku, x5u or an embedded jwk: malformed, nothing fetched', async () => {
    const verifier = fresh();
    const before = { tenant: tenant.hits(tenant.jwksPath), stranger: stranger.hits(stranger.jwksPath) };
    const headers = [
      { jku: `${stranger.origin}${stranger.jwksPath}` },
      { x5u: `${stranger.origin}/cert.pem` },
      { jwk: stranger.keys[0]!.jwk },
      { x5c: ['MIIB'] },
    ];
    for (const header of headers) {
      const token = await stranger.certificate({ header, payload: { iss: tenant.iss } });
      await expectCode(verifier.verify(token), 'malformed');
    }
    expect(tenant.hits(tenant.jwksPath)).toBe(before.tenant);
    expect(stranger.hits(stranger.jwksPath)).toBe(before.stranger);
    expect(stranger.hits('/cert.pem')).toBe(0);
  });

  it('rejects an expired certificate beyond the clock tolerance: expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const verifier = fresh();
    const expired = await tenant.certificate({ payload: { iat: now - 7200, nbf: now - 7200, exp: now - 61 } });
    await expectCode(verifier.verify(expired), 'expired');
    const withinTolerance = await tenant.certificate({ payload: { iat: now - 7200, nbf: now - 7200, exp: now - 30 } });
    await expect(verifier.verify(withinTolerance)).resolves.toBeTruthy();
    await expectCode(createVerifier({ issuers: [tenant.iss], clockTolerance: 0 }).verify(withinTolerance), 'expired');
  });

  it('rejects a certificate that is not valid yet: not_yet_valid', async () => {
    const now = Math.floor(Date.now() / 1000);
    const early = await tenant.certificate({ payload: { nbf: now + 120 } });
    await expectCode(fresh().verify(early), 'not_yet_valid');
    const skewed = await tenant.certificate({ payload: { nbf: now + 30 } });
    await expect(fresh().verify(skewed)).resolves.toBeTruthy();
  });

  it('rejects an issuer not in the list, before fetching anything: unknown_issuer', async () => {
    const verifier = fresh();
    const before = stranger.hits(stranger.jwksPath);
    const token = await stranger.certificate();
    await expectCode(verifier.verify(token), 'unknown_issuer');
    // the same origin but another tenant is another issuer
    await expectCode(
      verifier.verify(await tenant.certificate({ payload: { iss: `${tenant.origin}/t/other` } })),
      'unknown_issuer',
    );
    // a prefix is not a match
    await expectCode(
      verifier.verify(await tenant.certificate({ payload: { iss: `${tenant.iss}x` } })),
      'unknown_issuer',
    );
    expect(stranger.hits(stranger.jwksPath)).toBe(before);
  });

  it('with the key set loaded, still refuses another issuer or a foreign signature under a known kid, fetching nothing', async () => {
    const verifier = fresh();
    const jws = await tenant.certificate();
    await verifier.verify(jws); // loads the key set: the next tokens take the path without iss first
    const before = tenant.hits(tenant.jwksPath);
    await expectCode(
      verifier.verify(await tenant.certificate({ payload: { iss: `${tenant.origin}/t/other` } })),
      'unknown_issuer',
    );
    const kid = tenant.keys[0]!.kid;
    await expectCode(
      verifier.verify(await stranger.certificate({ header: { kid }, payload: { iss: tenant.iss } })),
      'invalid_signature',
    );
    // the same codes as without the key set loaded: the issuer is refused before the signature would be
    await expectCode(verifier.verify(await stranger.certificate({ header: { kid } })), 'unknown_issuer');
    await expectCode(verifier.verify(`${jws.split('.')[0]}.bm90IGpzb24.${jws.split('.')[2]}`), 'malformed');
    expect(tenant.hits(tenant.jwksPath)).toBe(before);
  });

  it('rejects a wrong typ: wrong_type', async () => {
    for (const typ of ['JWT', 'at+jwt', 'statuslist+jwt']) {
      await expectCode(fresh().verify(await tenant.certificate({ header: { typ } })), 'wrong_type');
    }
    await expectCode(fresh().verify(await tenant.certificate({ header: { typ: undefined } })), 'wrong_type');
    // RFC 7515 allows the full media type
    await expect(
      fresh().verify(await tenant.certificate({ header: { typ: 'application/pakta+jwt' } })),
    ).resolves.toBeTruthy();
  });

  it('rejects a status-list token (same key) passed as a certificate: wrong_type', async () => {
    const list = await tenant.publishStatusList();
    await expectCode(fresh().verify(list), 'wrong_type');
  });

  it('rejects a payload without the certificate shape: malformed', async () => {
    const verifier = fresh();
    await expectCode(verifier.verify(await tenant.certificate({ payload: { ticket: undefined } })), 'malformed');
    await expectCode(
      verifier.verify(await tenant.certificate({ payload: { status: { idx: -1, uri: tenant.statusUri } } })),
      'malformed',
    );
    await expectCode(verifier.verify(await tenant.certificate({ payload: { nbf: undefined } })), 'malformed');
    await expectCode(verifier.verify(await tenant.certificate({ payload: { exp: 'tomorrow' } })), 'malformed');
    // the status list must live on the issuer's origin
    const foreign = { idx: 6, uri: `${stranger.origin}${stranger.statusPath}` };
    await expectCode(verifier.verify(await tenant.certificate({ payload: { status: foreign } })), 'malformed');
  });

  it('rejects input that is not a token: malformed', async () => {
    const verifier = fresh();
    for (const input of [
      '',
      'hello',
      'a.b',
      'a.b.c.d',
      '!!.??.**',
      `${tenant.origin}/c/`,
      'eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln',
    ]) {
      await expectCode(verifier.verify(input), 'malformed');
    }
    await expectCode(verifier.verify(42 as never), 'malformed');
  });

  it('refuses invalid options with a TypeError', () => {
    expect(() => createVerifier({ issuers: [] })).toThrow(TypeError);
    expect(() => createVerifier({ issuers: ['demo'] })).toThrow(TypeError);
    expect(() => createVerifier({ issuers: ['ftp://x.example/t/demo'] })).toThrow(TypeError);
    expect(() => createVerifier({ issuers: ['https://x.example/t/demo?x=1'] })).toThrow(TypeError);
    expect(() => createVerifier({ issuers: [tenant.iss], clockTolerance: -1 })).toThrow(TypeError);
    expect(() => createVerifier({ issuers: [tenant.iss], keys: { version: 2 } as never })).toThrow(TypeError);
  });

  it('exposes a stable error class', async () => {
    const err = await expectCode(fresh().verify('nope'), 'malformed');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('PaktaError');
    expect(err).toBeInstanceOf(PaktaError);
  });
});
