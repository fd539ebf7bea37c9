/**
 * The certificate page (/c/#token) and the counter page (/demo/counter/) in Chromium, against the real Node API:
 * verdicts for valid, revoked, tampered and foreign certificates, no request carrying the token, no CSP violation,
 * a camera scan of the certificate's own QR code, and a look at the page on a 360×740 phone.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyPair, SignJWT } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, dateIn, getJson, type Pact, postBooking } from '../support/client.js';
import { startNodeTarget } from '../support/node-server.js';
import { launchChromium } from './harness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test-results/pages');
const TENANT = 'contract';
const ZONE = 'Asia/Jayapura';
const TENANT_NAME = 'Mal Pelayanan Publik Uji Kontrak';
const date = dateIn(ZONE, 1);

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir)
      .filter((f) => f !== 'dist')
      .map((f) => {
        const p = join(dir, f);
        const s = statSync(p);
        return s.isDirectory() ? newest(p) : s.mtimeMs;
      }),
  );
}

/** Builds the pages when their build is missing or older than their sources or the SDK's. */
function ensurePagesBuilt(): void {
  const built = join(ROOT, 'sdk/pages/dist/certificate/index.html');
  const sources = Math.max(newest(join(ROOT, 'sdk/pages')), newest(join(ROOT, 'sdk/src')));
  if (!existsSync(built) || statSync(built).mtimeMs < sources)
    execSync('npm run build:pages -w sdk', { cwd: ROOT, stdio: 'ignore' });
}

interface Seen {
  requests: Array<{ url: string; headers: Record<string, string>; body: string }>;
  violations: string[];
  errors: string[];
}

let target: Awaited<ReturnType<typeof startNodeTarget>>;
let browser: Browser;
let pact: Pact;
let nextSlot = 0;
const contexts: BrowserContext[] = [];

async function book(): Promise<{
  id: string;
  ticket: string;
  certificate: string;
  certificateUrl: string;
  manageToken: string;
}> {
  const slot = `${String(nextSlot++).padStart(2, '0')}:00`;
  const { status, body } = await postBooking(
    target.baseUrl,
    TENANT,
    bookingBody(pact, { service: 'general', date, slot }),
  );
  expect(status).toBe(201);
  return {
    id: body.booking.id,
    ticket: body.booking.ticket,
    certificate: body.certificate,
    certificateUrl: body.certificateUrl,
    manageToken: body.manageToken,
  };
}

/** A phone-sized page that records every request, CSP violation, console error and page error. */
async function phone(init?: {
  script: (arg: { svg: string }) => void;
  arg: { svg: string };
}): Promise<{ page: Page; seen: Seen }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'id-ID',
    deviceScaleFactor: 1,
  });
  contexts.push(context);
  const page = await context.newPage();
  const seen: Seen = { requests: [], violations: [], errors: [] };
  await page.exposeFunction('__reportViolation', (text: string) => seen.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportViolation(t: string): void }).__reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  if (init) await page.addInitScript(init.script, init.arg);
  page.on('request', (r) => seen.requests.push({ url: r.url(), headers: r.headers(), body: r.postData() ?? '' }));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  return { page, seen };
}

async function verdictOf(page: Page): Promise<{ kind: string | null; code: string | null; text: string }> {
  const verdict = page.locator('[data-verdict]').first();
  await verdict.waitFor();
  return {
    kind: await verdict.getAttribute('data-verdict'),
    code: await verdict.getAttribute('data-code'),
    text: await verdict.innerText(),
  };
}

function expectClean(seen: Seen): void {
  expect(seen.violations, 'CSP violations').toEqual([]);
  expect(seen.errors, 'console and page errors').toEqual([]);
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');
const fromB64url = (text: string) => Buffer.from(text, 'base64url').toString('utf8');

/** The same token with one claim changed and the original signature kept. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(fromB64url(payload));
  claims.ticket.no = 'GEN-999';
  return `${header}.${b64url(JSON.stringify(claims))}.${signature}`;
}

beforeAll(async () => {
  ensurePagesBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  target = await startNodeTarget();
  pact = (await getJson<{ pact: Pact }>(`${target.baseUrl}/v1/tenants/${TENANT}`)).body.pact;
  // pakta.test: the same server under a name that is not loopback, so a plain-http page is not a secure context
  browser = await launchChromium(['--host-resolver-rules=MAP pakta.test 127.0.0.1']);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await target?.close();
});

describe('certificate page /c/#token', () => {
  it('is served with the strict CSP, its assets immutable', async () => {
    const page = await fetch(`${target.baseUrl}/c/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'; style-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/);
    const asset = /src="(\/pages\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const script = await fetch(`${target.baseUrl}${asset}`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toContain('immutable');
  });

  it('verifies a fresh certificate in the browser: valid, with the ticket, tenant, slot and pact, and no request carries the token', async () => {
    const booking = await book();
    const { page, seen } = await phone();
    await page.goto(booking.certificateUrl);
    const verdict = await verdictOf(page);
    expect(verdict).toMatchObject({ kind: 'valid', code: null });
    expect(verdict.text).toContain('SAH');
    await expect.poll(() => page.locator('.tenant-name').innerText()).toBe(TENANT_NAME);
    const text = await page.locator('main').innerText();
    for (const expected of [
      booking.ticket,
      'Layanan Umum — Instansi Uji',
      'Loket',
      'B*** S*****',
      'Versi test.1',
      'WIT',
      'Naskah pakta yang disetujui',
      'SP4N-LAPOR!',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await page.locator('[data-field="ticket"]').innerText()).toBe(booking.ticket);
    expect(await page.locator('.qr svg path').getAttribute('d')).toMatch(/^M/);
    expect(await page.title()).toContain(booking.ticket);

    // screenshots on a 360×740 phone, for a person to look at
    await page.screenshot({ path: join(ARTIFACTS, 'certificate-360x740.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'certificate-360-full.png'), fullPage: true });

    // the token never leaves the browser: not in a URL sent, a header or a body
    const [, payloadPart, signaturePart] = booking.certificate.split('.') as [string, string, string];
    expect(seen.requests.map((r) => new URL(r.url).pathname)).toEqual(
      expect.arrayContaining([
        '/c/',
        `/t/${TENANT}/.well-known/jwks.json`,
        `/t/${TENANT}/statuslists/0`,
        `/v1/tenants/${TENANT}`,
      ]),
    );
    for (const request of seen.requests) {
      const sent = [request.url.split('#')[0], ...Object.values(request.headers), request.body].join('\n');
      expect(sent).not.toContain(signaturePart);
      expect(sent).not.toContain(payloadPart.slice(0, 40));
      expect(new URL(request.url).origin).toBe(target.baseUrl);
    }
    expectClean(seen);
  });

  it('switches to English, and prints on one A4 page without the buttons', async () => {
    const booking = await book();
    const { page, seen } = await phone();
    await page.goto(booking.certificateUrl);
    await verdictOf(page);
    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(async () => (await verdictOf(page)).text).toContain('VALID');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('main').textContent()).toContain('Queue number');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: join(ARTIFACTS, 'certificate.pdf') });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await page.screenshot({ path: join(ARTIFACTS, 'certificate-print.png'), fullPage: true });
    expectClean(seen);
  });

  it('shows revoked once the booking is cancelled, on reload', async () => {
    const booking = await book();
    const { page, seen } = await phone();
    await page.goto(booking.certificateUrl);
    expect((await verdictOf(page)).kind).toBe('valid');
    const cancel = await fetch(`${target.baseUrl}/v1/bookings/${booking.id}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${booking.manageToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(cancel.status).toBe(200);
    await page.reload();
    const verdict = await verdictOf(page);
    expect(verdict).toMatchObject({ kind: 'revoked', code: 'revoked' });
    expect(verdict.text).toContain('DIBATALKAN');
    expect(await page.locator('[data-field="ticket"]').innerText()).toBe(booking.ticket);
    await page.screenshot({ path: join(ARTIFACTS, 'certificate-revoked.png') });
    expectClean(seen);
  });

  it('refuses a tampered token, a token of another issuer, garbage and an empty link — and shows none of their claims', async () => {
    const booking = await book();
    const { page, seen } = await phone();
    await page.goto(`${target.baseUrl}/c/#${tamper(booking.certificate)}`);
    const verdict = await verdictOf(page);
    expect(verdict).toMatchObject({ kind: 'invalid', code: 'invalid_signature' });
    expect(verdict.text).toContain('TIDAK SAH');
    expect(await page.locator('main').innerText()).not.toContain('GEN-999');
    expect(await page.locator('.qr').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'certificate-tampered.png') });

    // signed properly, but by someone else, naming another origin as issuer: refused before any fetch
    const { privateKey } = await generateKeyPair('ES256');
    const [, payloadPart] = booking.certificate.split('.') as [string, string, string];
    const claims = JSON.parse(fromB64url(payloadPart));
    const foreign = await new SignJWT({ ...claims, iss: `https://evil.example/t/${TENANT}` })
      .setProtectedHeader({ alg: 'ES256', typ: 'pakta+jwt', kid: 'evil' })
      .sign(privateKey);
    const before = seen.requests.length;
    await page.goto(`${target.baseUrl}/c/#${foreign}`);
    await expect.poll(async () => (await verdictOf(page)).code).toBe('unknown_issuer');
    expect(seen.requests.slice(before).map((r) => new URL(r.url).pathname)).not.toContain(
      `/t/${TENANT}/.well-known/jwks.json`,
    );

    await page.goto(`${target.baseUrl}/c/#hello`);
    await expect.poll(async () => (await verdictOf(page)).code).toBe('malformed');
    await page.goto(`${target.baseUrl}/c/`);
    await expect.poll(async () => (await verdictOf(page)).code).toBe('empty');
    expectClean(seen);
  });

  it('says plainly that a plain-http page cannot check signatures (no Web Crypto there)', async () => {
    const booking = await book();
    const { page, seen } = await phone();
    await page.goto(booking.certificateUrl.replace('127.0.0.1', 'pakta.test'));
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    const verdict = await verdictOf(page);
    expect(verdict).toMatchObject({ kind: 'unknown', code: 'insecure_context' });
    expect(verdict.text).toContain('https://');
    expect(await page.locator('[data-field="ticket"]').count()).toBe(0);
    // the console warns that COOP is ignored on an untrustworthy origin, rightly; no CSP violation though
    expect(seen.violations).toEqual([]);
  });
});

describe('counter page /demo/counter/', () => {
  it('gives a large verdict with the ticket for a pasted token, link or tampered token', async () => {
    const booking = await book();
    const { page, seen } = await phone();
    const response = await page.goto(`${target.baseUrl}/demo/counter/`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);

    await page.locator('#token').fill(booking.certificate);
    await page.locator('#check').click();
    let verdict = await verdictOf(page);
    expect(verdict).toMatchObject({ kind: 'valid' });
    expect(verdict.text).toContain('SAH');
    expect(await page.locator('#result [data-field="ticket"]').innerText()).toBe(booking.ticket);
    expect(await page.locator('#result').innerText()).toContain(TENANT_NAME);
    await page.screenshot({ path: join(ARTIFACTS, 'counter-valid.png'), fullPage: true });

    await page.locator('#clear').click();
    await page.locator('#token').fill(tamper(booking.certificate));
    await page.locator('#check').click();
    await expect.poll(async () => (await verdictOf(page)).kind).toBe('invalid');
    verdict = await verdictOf(page);
    expect(verdict).toMatchObject({ code: 'invalid_signature' });
    expect(verdict.text).toContain('TIDAK SAH');
    expect(await page.locator('#result [data-field="ticket"]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'counter-invalid.png'), fullPage: true });

    await page.locator('#token').fill(booking.certificateUrl);
    await page.locator('#check').click();
    await expect.poll(async () => (await verdictOf(page)).kind).toBe('valid');
    expectClean(seen);
  });

  it('reads the certificate page’s own QR code from the camera (jsQR where there is no BarcodeDetector)', async () => {
    const booking = await book();
    const { page: certificatePage } = await phone();
    await certificatePage.goto(booking.certificateUrl);
    await verdictOf(certificatePage);
    // as a standalone image the SVG needs its namespace, which HTML serialisation leaves out
    const svg = (await certificatePage.locator('.qr svg').evaluate((el) => el.outerHTML)).replace(
      '<svg ',
      '<svg xmlns="http://www.w3.org/2000/svg" ',
    );

    // a camera that films the QR code: a canvas stream with the SVG drawn on it
    const camera = ({ svg }: { svg: string }) => {
      delete (window as { BarcodeDetector?: unknown }).BarcodeDetector;
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 640;
      const context = canvas.getContext('2d')!;
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      setInterval(() => {
        context.fillStyle = '#fff';
        context.fillRect(0, 0, 640, 640);
        if (image.complete) context.drawImage(image, 40, 40, 560, 560);
      }, 50);
      navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(15);
    };
    const { page, seen } = await phone({ script: camera, arg: { svg } });
    await page.goto(`${target.baseUrl}/demo/counter/`);
    await page.locator('#scan').click();
    const verdict = await verdictOf(page);
    expect(verdict.kind).toBe('valid');
    expect(await page.locator('#result [data-field="ticket"]').innerText()).toBe(booking.ticket);
    expect(await page.locator('#token').inputValue()).toBe(booking.certificateUrl);
    expect(await page.locator('#camera').isVisible()).toBe(false); // the camera stops after a read
    expect(seen.requests.some((r) => /\/pages\/assets\/jsQR-[\w-]+\.js$/.test(r.url))).toBe(true);
    expectClean(seen);
  });
});
