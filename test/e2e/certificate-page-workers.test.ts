/**
 * The certificate and counter pages as the Workers runtime serves them (workerd through wrangler, assets binding):
 * same paths, the strict CSP, and a certificate issued there verifies in Chromium.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, dateIn, getJson, type Pact, postBooking } from '../support/client.js';
import { startWorkersTarget, type WorkersTarget } from '../support/workers-server.js';
import { launchChromium } from './harness.js';

const TENANT = 'contract';
const pagesBuilt = existsSync(new URL('../../sdk/pages/dist/certificate/index.html', import.meta.url));

let target: WorkersTarget;
let browser: Browser;

beforeAll(async () => {
  if (!pagesBuilt) throw new Error('The certificate pages are not built: run npm run build first (npm test does).');
  [target, browser] = await Promise.all([startWorkersTarget(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await target?.close();
});

describe('certificate and counter pages on Workers', () => {
  it('serves both pages with the strict CSP and verifies a certificate issued by the Worker', async () => {
    for (const path of ['/c/', '/demo/counter/']) {
      const page = await fetch(`${target.baseUrl}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-security-policy'), path).toMatch(/script-src 'self'; style-src 'self'/);
      const asset = /src="(\/pages\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
      const script = await fetch(`${target.baseUrl}${asset}`);
      expect(script.status, asset).toBe(200);
      expect(script.headers.get('cache-control')).toContain('immutable');
      await script.arrayBuffer();
    }

    const pact = (await getJson<{ pact: Pact }>(`${target.baseUrl}/v1/tenants/${TENANT}`)).body.pact;
    const booked = await postBooking(
      target.baseUrl,
      TENANT,
      bookingBody(pact, { service: 'general', date: dateIn('Asia/Jayapura', 1), slot: '10:00' }),
    );
    expect(booked.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') violations.push(m.text());
    });
    await page.goto(booked.body.certificateUrl);
    const verdict = page.locator('[data-verdict]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('valid');
    expect(await page.locator('[data-field="ticket"]').innerText()).toBe(booked.body.booking.ticket);

    await page.goto(`${target.baseUrl}/demo/counter/`);
    await page.locator('#token').fill(booked.body.certificate);
    await page.locator('#check').click();
    await page.locator('#result [data-verdict]').waitFor();
    expect(await page.locator('#result [data-verdict]').getAttribute('data-verdict')).toBe('valid');
    expect(violations).toEqual([]);
    await context.close();
  });
});
