/**
 * The widget on the Workers runtime (workerd through wrangler, local D1 and Durable Objects): the demo agency
 * page the Worker serves, a booking taken through it, and the certificate verified with the SDK.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../sdk/src/index.js';
import { startWorkersTarget, type WorkersTarget } from '../support/workers-server.js';
import { ensureWidgetBuilt, launchChromium, onStep } from './harness.js';

/** wrangler's local server is slower than Node's, more so on a busy machine. */
const STEP_TIMEOUT = 30_000;

let target: WorkersTarget;
let browser: Browser;

beforeAll(async () => {
  ensureWidgetBuilt();
  [target, browser] = await Promise.all([startWorkersTarget(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await target?.close();
});

describe('<pakta-queue> on Workers', () => {
  it('books through the demo page the Worker serves, and the certificate verifies', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const booked = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('booked '), timeout: 60_000 });
    await page.addInitScript(() =>
      document.addEventListener('pakta-booked', (e) =>
        console.log(`booked ${JSON.stringify((e as CustomEvent).detail)}`),
      ),
    );
    await page.goto(`${target.baseUrl}/demo/`);
    const w = page.locator('pakta-queue');

    await w.locator('input[name=svc]').first().waitFor({ timeout: 60_000 });
    await w.locator('#q').fill('informasi umum');
    await w.locator('input[name=svc]').first().check();
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Langkah 2 dari 6/, STEP_TIMEOUT);
    await w.locator('input[name=ch][value=counter]').check();
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Langkah 3 dari 6/, STEP_TIMEOUT);
    await w.locator('input[name=slot]:not([disabled])').first().check();
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Langkah 4 dari 6/, STEP_TIMEOUT);
    await w.locator('#f-name').fill('Komang Sari');
    await w.locator('#f-phone').fill('0813 7777 1212');
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Pakta integritas/, STEP_TIMEOUT);
    await w.locator('input[type=checkbox]').check();
    await w.getByRole('button', { name: /Setuju/ }).click();
    await onStep(page, /Nomor antrean Anda/, STEP_TIMEOUT);

    const detail = JSON.parse((await booked).text().slice('booked '.length));
    expect(detail.booking.ticket).toMatch(/^INF-\d{3}$/);
    const cert = await createVerifier({ issuers: [`${target.baseUrl}/t/demo`] }).verifyAndCheck(detail.certificate);
    expect(cert).toMatchObject({
      status: 'valid',
      certificate: { ticket: detail.booking.ticket, holder: { name: 'K***** S***' } },
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
