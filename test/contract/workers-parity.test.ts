/**
 * Workers and Node side by side. A certificate minted on Workers verifies with the SDK exactly like one minted on
 * Node: same header, same claims (only ids, numbers, keys and instants differ), same verdicts before and after
 * cancellation. And both serve the same static files under the same paths, caching and HTML policy.
 */

import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVerifier, type PactCertificate } from '../../sdk/src/index.js';
import { bookingBody, dateIn, getJson, postBooking, type Target } from '../support/client.js';
import { startNodeTarget } from '../support/node-server.js';
import { startWorkersTarget } from '../support/workers-server.js';

const TENANT = 'contract';
let workers: Target;
let node: Target;

beforeAll(async () => {
  [workers, node] = await Promise.all([startWorkersTarget(), startNodeTarget()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([workers?.close(), node?.close()]);
});

/** What must be equal across runtimes: the certificate with its origin, ids and moments abstracted. */
function comparable(cert: PactCertificate, base: string) {
  return {
    ...cert,
    token: typeof cert.token,
    issuer: cert.issuer.replace(base, '<base>'),
    bookingId: /^bk_[\w-]{22}$/.test(cert.bookingId),
    ticket: /^GEN-\d{3}$/.test(cert.ticket),
    pact: { ...cert.pact, acceptedAt: cert.pact.acceptedAt instanceof Date },
    validity: {
      ...cert.validity,
      issuedAt: cert.validity.issuedAt instanceof Date,
      notBefore: cert.validity.notBefore instanceof Date,
    },
    status: { index: Number.isInteger(cert.status.index), uri: cert.status.uri.replace(base, '<base>') },
  };
}

it('verifies a Workers certificate with the SDK exactly like a Node one, and sees both revoked after cancel', async () => {
  const date = dateIn('Asia/Jayapura', 3);
  const minted = [];
  for (const target of [workers, node]) {
    const base = target.baseUrl;
    const pact = (await getJson(`${base}/v1/tenants/${TENANT}`)).body.pact;
    const booked = await postBooking(
      base,
      TENANT,
      bookingBody(pact, { service: 'general', date, slot: '07:00', name: 'Siti Aminah' }),
    );
    expect(booked.status).toBe(201);
    const verifier = createVerifier({ issuers: [`${base}/t/${TENANT}`] });
    const { certificate, status } = await verifier.verifyAndCheck(booked.body.certificateUrl, {
      tenant: TENANT,
      service: 'general',
      date,
    });
    expect(status).toBe('valid');
    minted.push({ target, booked, certificate });
  }
  const [w, n] = minted as [(typeof minted)[0], (typeof minted)[0]];
  expect(comparable(w.certificate, workers.baseUrl)).toEqual(comparable(n.certificate, node.baseUrl));
  // The same day ends at the same instant on both runtimes.
  expect(w.certificate.validity.expiresAt).toEqual(n.certificate.validity.expiresAt);
  const { kid: wKid, ...wHeader } = decodeProtectedHeader(w.booked.body.certificate);
  const { kid: nKid, ...nHeader } = decodeProtectedHeader(n.booked.body.certificate);
  expect(wHeader).toEqual(nHeader);
  expect([wKid, nKid].every((k) => /^[\w-]{43}$/.test(k!))).toBe(true);
  expect(Object.keys(decodeJwt(w.booked.body.certificate)).sort()).toEqual(
    Object.keys(decodeJwt(n.booked.body.certificate)).sort(),
  );

  for (const { target, booked } of minted) {
    const cancelled = await getJson(`${target.baseUrl}/v1/bookings/${booked.body.booking.id}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${booked.body.manageToken}` },
    });
    expect(cancelled.status).toBe(200);
    const verifier = createVerifier({ issuers: [`${target.baseUrl}/t/${TENANT}`] });
    await expect(verifier.verifyAndCheck(booked.body.certificate)).rejects.toMatchObject({ code: 'revoked' });
  }
}, 60_000);

it('serves the same static files with the same status, type, caching and CSP as Node', async () => {
  const version = (await getJson(`${node.baseUrl}/manifest.json`)).body?.version ?? '0';
  const paths = [
    '/',
    '/demo',
    '/demo/',
    '/demo/site.css',
    '/widget.js',
    '/widget.classic.js',
    '/manifest.json',
    `/widget/v${version}/widget.js`,
    '/widget/v0.0.0-nope/widget.js',
    '/c/',
    '/demo/counter/',
    '/nope.js',
    '/demo/../wrangler.toml',
  ];
  for (const path of paths) {
    const [w, n] = await Promise.all([workers, node].map((t) => fetch(`${t.baseUrl}${path}`, { redirect: 'manual' })));
    const seen = (r: Response) => ({
      status: r.status,
      type: r.headers.get('content-type'),
      cache: r.headers.get('cache-control'),
      csp: r.headers.get('content-security-policy'),
      location: r.headers.get('location'),
    });
    expect(seen(w!), path).toEqual(seen(n!));
    expect(await w!.text(), path).toBe(await n!.text());
  }
}, 60_000);
