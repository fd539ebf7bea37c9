import { base64url } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectCode } from './fixtures/expect.js';
import { startIssuer, type TestIssuer } from './fixtures/issuer.js';
import { createVerifier, type SavedKeys } from './index.js';

const issuers: TestIssuer[] = [];
async function issuer(): Promise<TestIssuer> {
  const started = await startIssuer();
  issuers.push(started);
  return started;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(issuers.splice(0).map((i) => i.close().catch(() => {})));
});

/** Freezes the clock (Date only: sockets and timers stay real) and returns a function that moves it forward. */
function frozenClock(): (ms: number) => void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now());
  return (ms) => vi.setSystemTime(Date.now() + ms);
}

/** A token naming `kid`, with a random signature: what a flood of garbage looks like. */
function withKid(tenant: TestIssuer, kid: string): string {
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
  const signature = base64url.encode(crypto.getRandomValues(new Uint8Array(64)));
  return `${encode({ alg: 'ES256', typ: 'pakta+jwt', kid })}.${encode(tenant.payload())}.${signature}`;
}

describe('key sets', () => {
  it('fetches the key set once for concurrent first verifications', async () => {
    const tenant = await issuer();
    const token = await tenant.certificate();
    const verifier = createVerifier({ issuers: [tenant.iss] });
    await Promise.all(Array.from({ length: 50 }, () => verifier.verify(token)));
    await verifier.verify(token);
    expect(tenant.hits(tenant.jwksPath)).toBe(1);
  });

  it('keeps verifying old certificates after a rotation; the new kid causes exactly one fetch', async () => {
    const advance = frozenClock();
    const tenant = await issuer();
    const old = await tenant.certificate();
    const verifier = createVerifier({ issuers: [tenant.iss] });
    await verifier.verify(old);
    expect(tenant.hits(tenant.jwksPath)).toBe(1);

    advance(31_000);
    await tenant.addKey();
    const rotated = await tenant.certificate();
    await verifier.verify(old);
    expect(tenant.hits(tenant.jwksPath)).toBe(1);
    await verifier.verify(rotated);
    expect(tenant.hits(tenant.jwksPath)).toBe(2);
    await verifier.verify(rotated);
    await verifier.verify(old);
    expect(tenant.hits(tenant.jwksPath)).toBe(2);
  });

  it('does not refetch for a new kid while the cooldown runs', async () => {
    const advance = frozenClock();
    const tenant = await issuer();
    const verifier = createVerifier({ issuers: [tenant.iss], cooldown: 10_000 });
    await verifier.verify(await tenant.certificate());
    await tenant.addKey();
    const rotated = await tenant.certificate();
    await expectCode(verifier.verify(rotated), 'unknown_key');
    expect(tenant.hits(tenant.jwksPath)).toBe(1);
    advance(10_000);
    await verifier.verify(rotated);
    expect(tenant.hits(tenant.jwksPath)).toBe(2);
  });

  it('lets 1,000 unknown kids in a burst cause at most one fetch', async () => {
    const advance = frozenClock();
    const tenant = await issuer();
    const verifier = createVerifier({ issuers: [tenant.iss] });
    const flood = Array.from({ length: 1000 }, (_, i) => withKid(tenant, `forged-${i}`));

    // cold cache, one after another: the first loads the set, the rest fall in its cooldown
    for (const token of flood) await expectCode(verifier.verify(token), 'unknown_key');
    expect(tenant.hits(tenant.jwksPath)).toBe(1);

    // after the cooldown, all at once: one shared request
    advance(30_000);
    const results = await Promise.allSettled(flood.map((token) => verifier.verify(token)));
    expect(
      results.every((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'unknown_key'),
    ).toBe(true);
    expect(tenant.hits(tenant.jwksPath)).toBe(2);

    // genuine certificates are unaffected
    await verifier.verify(await tenant.certificate());
    expect(tenant.hits(tenant.jwksPath)).toBe(2);
  });

  it('stops trusting a key the issuer withdrew, once the cached set is older than maxAge', async () => {
    const advance = frozenClock();
    const tenant = await issuer();
    const withdrawn = tenant.keys[0]!;
    const old = await tenant.certificate();
    const verifier = createVerifier({ issuers: [tenant.iss], maxAge: 60_000 });
    await verifier.verify(old);
    await tenant.addKey();
    tenant.removeKey(withdrawn.kid);
    advance(60_001);
    // the stale set is still used while it is refreshed in the background…
    await verifier.verify(old);
    // …and then the withdrawn key is gone
    await vi.waitFor(() => expectCode(verifier.verify(old), 'unknown_key'));
    expect(tenant.hits(tenant.jwksPath)).toBe(2);
    await verifier.verify(await tenant.certificate());
  });

  it('fails with keys_unreachable when the key set cannot be fetched, and retries only after the cooldown', async () => {
    const advance = frozenClock();
    const tenant = await issuer();
    const ghost = `${tenant.origin}/t/ghost`; // its key set answers 404
    const ghostJwks = '/t/ghost/.well-known/jwks.json';
    const verifier = createVerifier({ issuers: [ghost] });
    const token = await tenant.certificate({ payload: { iss: ghost } });
    await expectCode(verifier.verify(token), 'keys_unreachable');
    await expectCode(verifier.verify(token), 'keys_unreachable');
    expect(tenant.hits(ghostJwks)).toBe(1);
    advance(30_000);
    await expectCode(verifier.verify(token), 'keys_unreachable');
    expect(tenant.hits(ghostJwks)).toBe(2);
  });

  it('keeps the cached set while the issuer is down, asking it at most once per cooldown', async () => {
    const advance = frozenClock();
    const tenant = await issuer();
    const token = await tenant.certificate();
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const verifier = createVerifier({ issuers: [tenant.iss], maxAge: 60_000, fetch: counting });
    await verifier.verify(token);
    await tenant.close();
    advance(60_001);
    // stale: refreshed in the background, which fails; the cached set goes on verifying
    await verifier.verify(token);
    expect(requests).toBe(2);
    // once that refresh has failed, an unknown kid is unknown: no request until the cooldown is over
    await vi.waitFor(() => expectCode(verifier.verify(withKid(tenant, 'rotated')), 'unknown_key'));
    for (let i = 0; i < 20; i++) await verifier.verify(token);
    expect(requests).toBe(2);
    advance(30_000);
    await verifier.verify(token);
    expect(requests).toBe(3);
  });

  it('fails with keys_unreachable when the issuer is down', async () => {
    const tenant = await issuer();
    const token = await tenant.certificate();
    await tenant.close();
    const err = await expectCode(createVerifier({ issuers: [tenant.iss] }).verify(token), 'keys_unreachable');
    expect(err.cause).toBeInstanceOf(Error);
  });
});

describe('offline verification', () => {
  it('verifies with exported keys and never touches the network', async () => {
    const advance = frozenClock();
    const tenant = await issuer();
    const token = await tenant.certificate();
    const saved: SavedKeys = JSON.parse(JSON.stringify(await createVerifier({ issuers: [tenant.iss] }).exportKeys()));
    expect(saved).toEqual({
      version: 1,
      issuers: { [tenant.iss]: { keys: [tenant.keys[0]!.jwk], fetchedAt: new Date().toISOString() } },
    });
    await tenant.close();

    let calls = 0;
    const offlineFetch: typeof fetch = async () => {
      calls++;
      throw new Error('offline');
    };
    const verifier = createVerifier({ issuers: [tenant.iss], keys: saved, fetch: offlineFetch });
    const certificate = await verifier.verify(`${tenant.origin}/c/#${token}`);
    expect(certificate.ticket).toBe('PAS-007');

    // an unknown kid is refused at once: pinned keys are never refetched, however long we wait
    await expectCode(verifier.verify(withKid(tenant, 'rotated-later')), 'unknown_key');
    advance(24 * 3600 * 1000);
    await expectCode(verifier.verify(withKid(tenant, 'rotated-later')), 'unknown_key');
    await expectCode(verifier.verify(token), 'expired');
    expect(await verifier.exportKeys()).toEqual(saved);
    expect(calls).toBe(0);
  });

  it('fails exportKeys with keys_unreachable rather than exporting an incomplete set', async () => {
    const tenant = await issuer();
    await expectCode(
      createVerifier({ issuers: [tenant.iss, `${tenant.origin}/t/ghost`] }).exportKeys(),
      'keys_unreachable',
    );
  });

  it('drops everything but the public members of a served key', async () => {
    const tenant = await issuer();
    tenant.keys[0]!.jwk = { ...tenant.keys[0]!.jwk, d: 'c2VjcmV0', ext: true, x5c: ['MIIB'] };
    await tenant.addKey(); // republishes, with the doctored first key
    const saved = await createVerifier({ issuers: [tenant.iss] }).exportKeys();
    for (const key of saved.issuers[tenant.iss]!.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    }
  });
});
