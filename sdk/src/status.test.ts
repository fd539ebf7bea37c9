import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectCode } from './fixtures/expect.js';
import { startIssuer, type TestIssuer } from './fixtures/issuer.js';
import { createVerifier, type PactCertificate } from './index.js';

const issuers: TestIssuer[] = [];
async function setup(payload: Record<string, unknown> = {}) {
  const tenant = await startIssuer();
  issuers.push(tenant);
  const verifier = createVerifier({ issuers: [tenant.iss] });
  const token = await tenant.certificate({ payload });
  const certificate = await verifier.verify(token);
  return { tenant, verifier, token, certificate };
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(issuers.splice(0).map((i) => i.close().catch(() => {})));
});

function frozenClock(): (ms: number) => void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now());
  return (ms) => vi.setSystemTime(Date.now() + ms);
}

describe('checkStatus', () => {
  it('reads the certificate bit, least significant bit first', async () => {
    const { tenant, verifier, certificate } = await setup(); // index 6
    await tenant.publishStatusList({ revoked: [0, 1, 7, 8, 14] });
    expect(await verifier.checkStatus(certificate)).toBe('valid');
    await tenant.publishStatusList({ revoked: [6] });
    expect(await createVerifier({ issuers: [tenant.iss] }).checkStatus(certificate)).toBe('revoked');
  });

  it('finds the last entry of the list and refuses an index beyond it: malformed', async () => {
    const tenant = await startIssuer();
    issuers.push(tenant);
    const verifier = createVerifier({ issuers: [tenant.iss] });
    await tenant.publishStatusList({ size: 1024, revoked: [1023] });
    const last = await verifier.verify(
      await tenant.certificate({ payload: { status: { idx: 1023, uri: tenant.statusUri } } }),
    );
    expect(await verifier.checkStatus(last)).toBe('revoked');
    const beyond = await verifier.verify(
      await tenant.certificate({ payload: { status: { idx: 1024, uri: tenant.statusUri } } }),
    );
    await expectCode(verifier.checkStatus(beyond), 'malformed');
  });

  it('verifyAndCheck rejects a revoked certificate: revoked', async () => {
    const { tenant, verifier, token } = await setup();
    await tenant.publishStatusList({ revoked: [6] });
    await expectCode(verifier.verifyAndCheck(token), 'revoked');
  });

  it('verifyAndCheck resolves with the certificate and its status', async () => {
    const { tenant, verifier, token } = await setup();
    await tenant.publishStatusList({ revoked: [5, 7] });
    const { certificate, status } = await verifier.verifyAndCheck(token, { service: 'paspor-baru' });
    expect(status).toBe('valid');
    expect(certificate.bookingId).toBe('bk_01JDEMO');
  });

  it('caches a list for its ttl, then fetches it again', async () => {
    const advance = frozenClock();
    const { tenant, verifier, certificate } = await setup();
    await tenant.publishStatusList({ ttl: 300 });
    expect(await verifier.checkStatus(certificate)).toBe('valid');
    await tenant.publishStatusList({ ttl: 300, revoked: [6] }); // cancelled meanwhile
    advance(299_000);
    expect(await verifier.checkStatus(certificate)).toBe('valid');
    expect(tenant.hits(tenant.statusPath)).toBe(1);
    advance(1_000);
    expect(await verifier.checkStatus(certificate)).toBe('revoked');
    expect(tenant.hits(tenant.statusPath)).toBe(2);
  });

  it('never caches a list beyond its exp', async () => {
    const advance = frozenClock();
    const { tenant, verifier, certificate } = await setup();
    await tenant.publishStatusList({ ttl: 3600, expiresIn: 60 });
    await verifier.checkStatus(certificate);
    advance(59_000);
    await verifier.checkStatus(certificate);
    expect(tenant.hits(tenant.statusPath)).toBe(1);
    advance(1_000);
    await tenant.publishStatusList({ ttl: 3600 });
    await verifier.checkStatus(certificate);
    expect(tenant.hits(tenant.statusPath)).toBe(2);
  });

  it('shares one request among concurrent checks', async () => {
    const { tenant, verifier, certificate } = await setup();
    await tenant.publishStatusList();
    const results = await Promise.all(Array.from({ length: 20 }, () => verifier.checkStatus(certificate)));
    expect(new Set(results)).toEqual(new Set(['valid']));
    expect(tenant.hits(tenant.statusPath)).toBe(1);
  });

  it('rejects a list whose sub is not its own URL: malformed', async () => {
    const { tenant, verifier, certificate } = await setup();
    await tenant.publishStatusList({ payload: { sub: `${tenant.iss}/statuslists/1` } });
    await expectCode(verifier.checkStatus(certificate), 'malformed');
  });

  it('rejects a list from another issuer: malformed', async () => {
    const { tenant, verifier, certificate } = await setup();
    await tenant.publishStatusList({ payload: { iss: `${tenant.origin}/t/other` } });
    await expectCode(verifier.checkStatus(certificate), 'malformed');
  });

  it('rejects a certificate served as a status list: wrong_type', async () => {
    const { tenant, verifier, certificate } = await setup();
    await tenant.publishStatusList({ header: { typ: 'pakta+jwt' } });
    await expectCode(verifier.checkStatus(certificate), 'wrong_type');
  });

  it('rejects a list that does not verify: invalid_signature / unknown_key', async () => {
    const { tenant, verifier, certificate } = await setup();
    const stranger = await startIssuer();
    issuers.push(stranger);
    await tenant.publishStatusList({ key: stranger.keys[0]!, header: { kid: tenant.keys[0]!.kid } });
    await expectCode(verifier.checkStatus(certificate), 'invalid_signature');
    await tenant.publishStatusList({ key: stranger.keys[0]! });
    await expectCode(verifier.checkStatus(certificate), 'unknown_key');
  });

  it('rejects an expired list (a replayed old list): expired', async () => {
    const { tenant, verifier, certificate } = await setup();
    await tenant.publishStatusList({ expiresIn: -120 });
    await expectCode(verifier.checkStatus(certificate), 'expired');
  });

  it('rejects lists with other than 1 bit per entry, or that do not inflate: malformed', async () => {
    const { tenant, verifier, certificate } = await setup();
    await tenant.publishStatusList({ payload: { status_list: { bits: 2, lst: 'eNpjYAAAAAQAAQ' } } });
    await expectCode(verifier.checkStatus(certificate), 'malformed');
    await tenant.publishStatusList({ payload: { status_list: { bits: 1, lst: 'bm90IHpsaWI' } } });
    await expectCode(verifier.checkStatus(certificate), 'malformed');
  });

  it("answers 'unknown' when the network is down and nothing is cached", async () => {
    const { tenant, verifier, certificate, token } = await setup();
    await tenant.close();
    expect(await verifier.checkStatus(certificate)).toBe('unknown');
    await expect(verifier.verifyAndCheck(token)).resolves.toEqual({ certificate, status: 'unknown' });
  });

  it("answers 'unknown' when the list is missing (404)", async () => {
    const { verifier, certificate } = await setup();
    expect(await verifier.checkStatus(certificate)).toBe('unknown');
  });

  it('uses a stale list that has not expired when the network is down', async () => {
    const advance = frozenClock();
    const { tenant, verifier, certificate } = await setup();
    await tenant.publishStatusList({ ttl: 60, revoked: [6] });
    expect(await verifier.checkStatus(certificate)).toBe('revoked');
    await tenant.close();
    advance(120_000);
    expect(await verifier.checkStatus(certificate)).toBe('revoked');
  });

  it('refuses a certificate of an untrusted issuer or with a foreign status URL', async () => {
    const { tenant, verifier, certificate } = await setup();
    const forged: PactCertificate = { ...certificate, issuer: `${tenant.origin}/t/other` };
    await expectCode(verifier.checkStatus(forged), 'unknown_issuer');
    const elsewhere: PactCertificate = { ...certificate, status: { index: 6, uri: 'http://127.0.0.2:1/list' } };
    await expectCode(verifier.checkStatus(elsewhere), 'malformed');
  });
});
