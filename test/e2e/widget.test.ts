/**
 * `<pakta-queue>` in Debian's Chromium against the real Node API: whole bookings by keyboard alone and by touch,
 * the slot that fills up meanwhile, retries that never book twice, the language switch, the demo page under the
 * API's strict CSP, accessibility (axe-core) on every step, 320 px, and a screenshot of every step at 360 × 740
 * in test-results/widget/.
 */

import type { Language } from '@pakta/sdk/protocol';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../sdk/src/index.js';
import { bookingBody, getJson, type Pact, postBooking, sha256Hex, uniquePhone } from '../support/client.js';
import {
  agencyPage,
  announced,
  axeViolations,
  focused,
  heading,
  onStep,
  openAgency,
  overflow,
  phonePage,
  shot,
  startWorld,
  TENANT,
  tabTo,
  type World,
  widget,
} from './harness.js';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

const tenantPact = async (lang: Language): Promise<Pact> =>
  (await getJson(`${world.api}/v1/tenants/${TENANT}?lang=${lang}`)).body.pact;

/** Books `slot` for someone else, straight through the API (another citizen on another phone). */
async function takeSlot(service: string, date: string, slot: string): Promise<void> {
  const r = await postBooking(
    world.api,
    TENANT,
    bookingBody(await tenantPact('id'), { service, date, slot, phone: uniquePhone() }),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function chosen(page: Page): Promise<{ date: string; slot: string }> {
  return page.evaluate(() => {
    const root = document.querySelector('pakta-queue')!.shadowRoot!;
    const v = (name: string) =>
      (root.querySelector(`input[name=${name}]:checked`) as HTMLInputElement | null)?.value ?? '';
    return { date: v('day'), slot: v('slot') };
  });
}

const bookingPosts = (requests: Request[]) =>
  requests.filter((r) => r.method() === 'POST' && r.url().endsWith(`/v1/tenants/${TENANT}/bookings`));

describe('<pakta-queue> in Chromium against the Node API', () => {
  it('books by keyboard alone on another origin: focus on each heading, ticket shown, pakta-booked fired, certificate valid', async () => {
    const { context, page, seen } = await phonePage(world);
    const posts: Request[] = [];
    page.on('request', (r) => posts.push(r));
    await openAgency(world, page, agencyPage(world.api));
    const w = widget(page);
    await w.locator('input[name=svc]').first().waitFor();
    const a11y: string[] = [];
    const step = async (name: string) => {
      a11y.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
      expect(await overflow(page), `${name} scrolls sideways`).toBe(0);
      await shot(page, `id-${name}`);
    };

    // 1. service: search, choose, see what to bring
    await step('1-service');
    await tabTo(page, (f) => f.startsWith('input#q'));
    await page.keyboard.type('ktp');
    await tabTo(page, (f) => f.includes('[name=svc]'));
    await page.keyboard.press('Space');
    await expect.poll(() => w.locator('#req').innerText()).toContain('Kartu Keluarga asli');
    await tabTo(page, (f) => f.startsWith('button') && f.includes('Lanjut'));
    await page.keyboard.press('Enter');

    // 2. channel
    await onStep(page, /Langkah 2 dari 6.*Pilih cara dilayani/);
    expect(await heading(page)).toBe('Langkah 2 dari 6 Pilih cara dilayani');
    await step('2-channel');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('[name=ch]');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.includes('Lanjut'));
    await page.keyboard.press('Enter');

    // 3. date and time: the first bookable day is chosen; take the first free time
    await onStep(page, /Pilih tanggal dan jam/);
    await w.locator('input[name=slot]').first().waitFor();
    await step('3-slot');
    await tabTo(page, (f) => f.includes('[name=slot]'));
    await page.keyboard.press('Space');
    const { date, slot } = await chosen(page);
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(slot).toMatch(/^\d{2}:\d{2}$/);
    await tabTo(page, (f) => f.includes('Lanjut'));
    await page.keyboard.press('Enter');

    // 4. details: a wrong number is explained, announced, and gets the focus back
    await onStep(page, /Data diri/);
    await step('4-details');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('input#f-name');
    await page.keyboard.type('Budi Santoso');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0812-34');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('input#f-nik');
    await page.keyboard.type('5103 0145 0190 0001');
    await tabTo(page, (f) => f.includes('Lanjut'));
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toContain('input#f-phone');
    expect(await w.locator('#e-phone').innerText()).toContain('Ini bukan nomor HP Indonesia');
    expect(await w.locator('#f-phone').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => announced(page)).toContain('1 isian yang perlu diperbaiki');
    await step('4-details-error');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0812-3456-7890');
    await tabTo(page, (f) => f.includes('Lanjut'));
    await page.keyboard.press('Enter');

    // 5. the pact: the button waits for the tick
    await onStep(page, /Pakta integritas/);
    const pact = await tenantPact('id');
    expect((await w.locator('.pact').innerText()).trim()).toBe(pact.text.trim());
    expect(await w.locator('a[href*="lapor.go.id"]').count()).toBe(1);
    const book = w.getByRole('button', { name: 'Setujui dan ambil nomor' });
    expect(await book.isDisabled()).toBe(true);
    await step('5-pact');
    await tabTo(page, (f) => f.includes('[type=checkbox]'));
    await page.keyboard.press('Space');
    expect(await book.isDisabled()).toBe(false);
    // the next focusable is Back, then the main action
    await tabTo(page, (f) => f.includes('Setujui dan ambil nomor'));
    await page.keyboard.press('Enter');

    // 6. the number
    await onStep(page, /Nomor antrean Anda/);
    const ticket = (await w.locator('.ticket strong').innerText()).trim();
    expect(ticket).toMatch(/^KTP-\d{3}$/);
    await expect.poll(() => announced(page)).toContain(`Nomor antrean Anda ${ticket}`);
    await w.locator('svg.qr path').waitFor();
    await step('6-result');

    const booked = seen.events.filter((e) => e.type === 'pakta-booked');
    expect(booked).toHaveLength(1);
    const detail = booked[0]!.detail;
    expect(detail.booking).toMatchObject({
      ticket,
      service: 'ktp-el',
      channel: 'counter',
      date,
      slot,
      status: 'active',
    });
    expect(detail.certificateUrl).toBe(`${world.api}/c/#${detail.certificate}`);
    expect(detail).not.toHaveProperty('manageToken');

    // what went over the wire: E.164 phone, compact NIK, the pact exactly as shown, one Idempotency-Key
    const [post] = bookingPosts(posts);
    expect(post!.headers()['idempotency-key']).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(post!.headers()['accept-language']).toBe('id');
    expect(JSON.parse(post!.postData()!)).toEqual({
      service: 'ktp-el',
      channel: 'counter',
      date,
      slot,
      citizen: { name: 'Budi Santoso', phone: '+6281234567890', nik: '5103014501900001' },
      pact: { version: pact.version, hash: sha256Hex(pact.text), accepted: true, locale: 'id' },
    });

    const verifier = createVerifier({ issuers: [`${world.api}/t/${TENANT}`] });
    const checked = await verifier.verifyAndCheck(detail.certificateUrl);
    expect(checked.status).toBe('valid');
    expect(checked.certificate.ticket).toBe(ticket);
    expect(checked.certificate.place).toMatchObject({ service: 'ktp-el', date, slot, channel: 'counter' });
    expect(JSON.stringify(checked.certificate)).not.toContain('5103014501900001');

    // the share link carries the verification URL; the calendar file has the slot
    const share = await w.getByRole('link', { name: 'Bagikan ke WhatsApp' }).getAttribute('href');
    expect(decodeURIComponent(share!.replace('https://wa.me/?text=', ''))).toContain(detail.certificateUrl);
    const [ics] = await Promise.all([
      page.waitForEvent('download'),
      w.getByRole('button', { name: 'Tambahkan ke kalender' }).click(),
    ]);
    expect(ics.suggestedFilename()).toBe(`${ticket}.ics`);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      w.getByRole('button', { name: 'Unduh piagam (gambar)' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe(`${ticket}.png`);

    // a reload shows the booking again; cancelling asks first, then frees the place
    await page.reload();
    await expect
      .poll(() =>
        w
          .locator('.ticket strong')
          .innerText()
          .catch(() => ''),
      )
      .toBe(ticket);
    await w.getByRole('button', { name: 'Batalkan antrean' }).click();
    await expect.poll(() => focused(page)).toContain('Tidak');
    await shot(page, 'id-6-result-cancel-confirm');
    await w.getByRole('button', { name: 'Ya, batalkan' }).click();
    await expect.poll(() => seen.events.filter((e) => e.type === 'pakta-cancelled').length).toBe(1);
    expect(seen.events.find((e) => e.type === 'pakta-cancelled')!.detail.booking).toMatchObject({
      ticket,
      status: 'cancelled',
    });
    expect(await w.locator('.alert').innerText()).toContain('sudah dibatalkan');
    // (a new verifier: the first one may keep the status list for its ttl)
    await expect(
      createVerifier({ issuers: [`${world.api}/t/${TENANT}`] }).verifyAndCheck(detail.certificateUrl),
    ).rejects.toMatchObject({ code: 'revoked' });
    a11y.push(...(await axeViolations(page)).map((v) => `cancelled: ${v}`));

    // dismissing forgets it on this device
    await w.getByRole('button', { name: 'Selesai, ambil nomor lain' }).click();
    await onStep(page, /Pilih layanan/);
    await page.reload();
    await w.locator('input[name=svc]').first().waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pakta:')))).toEqual([]);

    expect(a11y).toEqual([]);
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('a slot that fills up meanwhile: dropped and announced while choosing; refused at booking → back to times', async () => {
    const { context, page, seen } = await phonePage(world);
    await openAgency(world, page, agencyPage(world.api, `tenant="${TENANT}" agency="imigrasi"`));
    const w = widget(page);
    await w.locator('input[name=svc]').first().check();
    await w.getByRole('button', { name: 'Lanjut' }).click();
    // one channel offered: already chosen
    await onStep(page, /Pilih cara dilayani/);
    expect(await w.locator('input[name=ch]:checked').count()).toBe(1);
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Pilih tanggal dan jam/);

    const free = w.locator('input[name=slot]:not([disabled])');
    await free.first().check();
    const first = await chosen(page);
    // someone else takes it; the widget notices on its next refresh (forced here by the page becoming visible)
    await takeSlot('paspor-baru', first.date, first.slot);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(() => announced(page)).toMatch(/baru saja penuh/);
    expect(await w.locator(`input[name=slot][value="${first.slot}"]`).isDisabled()).toBe(true);
    expect(await w.locator('input[name=slot]:checked').count()).toBe(0);
    await shot(page, 'id-3-slot-filled');

    // choose another; it too is taken while the citizen reads the pact
    await free.first().check();
    const second = await chosen(page);
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await w.locator('#f-name').fill('Siti Aminah');
    await w.locator('#f-phone').fill(uniquePhone());
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Pakta integritas/);
    await takeSlot('paspor-baru', second.date, second.slot);
    await w.locator('input[type=checkbox]').check();
    await w.getByRole('button', { name: 'Setujui dan ambil nomor' }).click();

    await onStep(page, /Pilih tanggal dan jam/);
    expect(await w.locator('.alert').innerText()).toContain('baru saja penuh');
    await expect.poll(() => announced(page)).toContain('baru saja penuh');
    expect(seen.events.filter((e) => e.type === 'pakta-error').map((e) => e.detail.code)).toEqual(['quota_exhausted']);
    await expect.poll(() => w.locator(`input[name=slot][value="${second.slot}"]`).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'id-3-slot-refused');

    // a third time, which is still free, books
    await free.first().check();
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Pakta integritas/);
    if (!(await w.locator('input[type=checkbox]').isChecked())) await w.locator('input[type=checkbox]').check();
    await w.getByRole('button', { name: 'Setujui dan ambil nomor' }).click();
    await onStep(page, /Nomor antrean Anda/);
    expect(await w.locator('.ticket strong').innerText()).toMatch(/^PAS-\d{3}$/);
    await context.close();
  });

  it('retries never book twice: a lost answer and a 429 are retried with the same Idempotency-Key', async () => {
    const { context, page, seen } = await phonePage(world);
    const posts: Request[] = [];
    page.on('request', (r) => posts.push(r));
    let n = 0;
    let firstBooking = '';
    await page.route(`${world.api}/v1/tenants/${TENANT}/bookings`, async (route) => {
      n += 1;
      if (n === 1) {
        // the API books, but the answer never reaches the phone
        const res = await route.fetch();
        firstBooking = (await res.json()).booking.id;
        return route.abort('internetdisconnected');
      }
      if (n === 2)
        return route.fulfill({
          status: 429,
          headers: {
            'Retry-After': '2',
            'Access-Control-Allow-Origin': world.agency,
            'Access-Control-Expose-Headers': 'Retry-After',
          },
          contentType: 'application/problem+json',
          body: JSON.stringify({ code: 'rate_limited', status: 429, title: 'Too many requests' }),
        });
      return route.continue();
    });
    await openAgency(world, page, agencyPage(world.api, `tenant="${TENANT}" service="akta-lahir" channel="counter"`));
    const w = widget(page);
    // service and channel fixed by the page: the first step is the date and time
    await w.locator('input[name=slot]').first().waitFor();
    expect(await heading(page)).toBe('Langkah 1 dari 4 Pilih tanggal dan jam');
    await w.locator('input[name=slot]:not([disabled])').first().check();
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await w.locator('#f-name').fill('Made Wirawan');
    await w.locator('#f-phone').fill(uniquePhone());
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await w.locator('input[type=checkbox]').check();
    await w.getByRole('button', { name: 'Setujui dan ambil nomor' }).click();

    // the lost answer was retried by itself and met the 429: explained, with a countdown before retrying
    await expect
      .poll(() =>
        w
          .locator('.alert')
          .innerText()
          .catch(() => ''),
      )
      .toContain('Terlalu banyak permintaan');
    const retry = w.locator('.alert button');
    expect(await retry.isDisabled()).toBe(true);
    expect(await retry.innerText()).toMatch(/Coba lagi \(\d\)/);
    expect(seen.events.map((e) => e.detail.code)).toEqual(['rate_limited']);
    await shot(page, 'id-5-pact-rate-limited');
    await expect.poll(() => retry.isDisabled(), { timeout: 5000 }).toBe(false);
    await retry.click();

    await onStep(page, /Nomor antrean Anda/);
    const keys = bookingPosts(posts).map((r) => r.headers()['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    const booked = seen.events.filter((e) => e.type === 'pakta-booked');
    expect(booked).toHaveLength(1);
    expect(booked[0]!.detail.booking.id).toBe(firstBooking);
    await context.close();
  });

  it('a rush service: the proof of work is solved while the citizen types, and sent with the booking', async () => {
    const { context, page, seen } = await phonePage(world);
    const log: string[] = [];
    const posts: Request[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/challenge')) log.push('challenge');
      if (r.method() === 'POST') {
        log.push('book');
        posts.push(r);
      }
    });
    await openAgency(world, page, agencyPage(world.api, `tenant="${TENANT}" service="skck" channel="counter"`));
    const w = widget(page);
    await w.locator('input[name=slot]').first().waitFor();
    await w.locator('input[name=slot]:not([disabled])').first().check();
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Data diri/);
    await expect.poll(() => log).toEqual(['challenge']);
    await w.locator('#f-name').fill('Ketut Sudarsana');
    await w.locator('#f-phone').fill(uniquePhone());
    await w.locator('#f-nik').fill('5103014501900001');
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await w.locator('input[type=checkbox]').check();
    await w.getByRole('button', { name: 'Setujui dan ambil nomor' }).click();
    await onStep(page, /Nomor antrean Anda/);
    expect(log).toEqual(['challenge', 'book']);
    const proof = JSON.parse(posts[0]!.postData()!).proof;
    expect(JSON.parse(atob(proof))).toMatchObject({ algorithm: 'SHA-256', number: expect.any(Number) });
    expect(seen.events.map((e) => e.type)).toEqual(['pakta-booked']);
    expect(seen.violations).toEqual([]);
    await context.close();
  });

  it('switches language: English text, English pact (its own hash), booked in English at 320 px', async () => {
    const { context, page, seen } = await phonePage(world, 320, 640);
    const posts: Request[] = [];
    page.on('request', (r) => posts.push(r));
    await openAgency(world, page, agencyPage(world.api));
    const w = widget(page);
    await w.locator('input[name=svc]').first().waitFor();
    await w.getByRole('button', { name: 'Switch language to English' }).click();
    await expect.poll(() => heading(page)).toBe('Step 1 of 6 Choose a service');
    expect(await w.locator('.base').getAttribute('lang')).toBe('en');
    await w.locator('#q').fill('birth');
    expect(await w.locator('input[name=svc]').count()).toBe(1);
    expect(await w.locator('.agency').innerText()).toMatch(/Civil Registry Office/i);
    const steps: [string, () => Promise<void>][] = [
      ['1-service', () => w.locator('input[name=svc]').first().check()],
      ['2-channel', async () => {}],
      ['3-slot', () => w.locator('input[name=slot]:not([disabled])').first().check()],
      [
        '4-details',
        async () => {
          await w.locator('#f-name').fill('John Smith');
          await w.locator('#f-phone').fill('+62 813 1111 2222');
        },
      ],
    ];
    for (const [name, act] of steps) {
      await w.locator('form').waitFor();
      if (name === '3-slot') await w.locator('input[name=slot]').first().waitFor();
      await act();
      expect(await overflow(page), name).toBe(0);
      expect(await axeViolations(page), name).toEqual([]);
      await shot(page, `en-${name}`);
      await w.getByRole('button', { name: 'Next' }).click();
    }
    await onStep(page, /Integrity pact/);
    const pact = await tenantPact('en');
    expect((await w.locator('.pact').innerText()).trim()).toBe(pact.text.trim());
    expect(await overflow(page)).toBe(0);
    await shot(page, 'en-5-pact');
    await w.getByLabel('I have read and agree to this integrity pact.').check();
    await w.getByRole('button', { name: 'Agree and take a number' }).click();
    await onStep(page, /Your queue number/);
    expect(await overflow(page)).toBe(0);
    await w.locator('svg.qr path').waitFor();
    await shot(page, 'en-6-result');
    const body = JSON.parse(bookingPosts(posts)[0]!.postData()!);
    expect(body.pact).toEqual({ version: pact.version, hash: sha256Hex(pact.text), accepted: true, locale: 'en' });
    expect(bookingPosts(posts)[0]!.headers()['accept-language']).toBe('en');
    const cert = await createVerifier({ issuers: [`${world.api}/t/${TENANT}`] }).verify(
      seen.events[0]!.detail.certificate,
    );
    expect(cert.pact).toMatchObject({ language: 'en', hash: sha256Hex(pact.text), version: pact.version });
    // and back: Indonesian again, on the result too
    await w.getByRole('button', { name: 'Ganti bahasa ke Bahasa Indonesia' }).click();
    await expect.poll(() => heading(page)).toBe('Nomor antrean Anda');
    await context.close();
  });

  it('starts in English on an English page, and in the attribute’s language whatever the page says', async () => {
    const { context, page } = await phonePage(world);
    await openAgency(world, page, agencyPage(world.api, `tenant="${TENANT}"`, 'en'));
    await expect.poll(() => heading(page).catch(() => '')).toBe('Step 1 of 6 Choose a service');
    await openAgency(world, page, agencyPage(world.api, `tenant="${TENANT}" lang="id"`, 'en'));
    await expect.poll(() => heading(page).catch(() => '')).toBe('Langkah 1 dari 6 Pilih layanan');
    await context.close();
  });

  it('the classic script and the pinned, versioned URL with its SRI hash find the API and work', async () => {
    const manifest = (await getJson(`${world.api}/manifest.json`)).body as {
      version: string;
      files: { path: string; integrity: string }[];
    };
    const sri = (p: string) => manifest.files.find((f) => f.path === p)!.integrity;
    const { context, page, seen } = await phonePage(world);
    const classic = agencyPage(world.api).replace(
      `<script type="module" src="${world.api}/widget.js"></script>`,
      `<script src="${world.api}/widget/v${manifest.version}/widget.classic.js" integrity="${sri('widget.classic.js')}" crossorigin="anonymous"></script>`,
    );
    await openAgency(world, page, classic);
    await widget(page).locator('input[name=svc]').first().waitFor();
    await widget(page).locator('input[name=svc]').first().check();
    await widget(page).getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Pilih cara dilayani/);

    const pinned = agencyPage(world.api).replace(
      `<script type="module" src="${world.api}/widget.js"></script>`,
      `<script type="module" src="${world.api}/widget/v${manifest.version}/widget.js" integrity="${sri('widget.js')}" crossorigin="anonymous"></script>`,
    );
    const chunks: string[] = [];
    page.on('request', (r) => r.url().includes('widget-chunks') && chunks.push(r.url()));
    await openAgency(world, page, pinned);
    await widget(page).locator('input[name=svc]').first().check();
    await widget(page).getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Pilih cara dilayani/);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((u) => u.startsWith(`${world.api}/widget/v${manifest.version}/widget-chunks/`))).toBe(true);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('two instances on one page work independently', async () => {
    const { context, page } = await phonePage(world);
    const html = agencyPage(world.api, `tenant="${TENANT}" agency="imigrasi"`).replace(
      '</main>',
      `<pakta-queue tenant="${TENANT}" agency="dukcapil" lang="en"></pakta-queue></main>`,
    );
    await openAgency(world, page, html);
    await widget(page, 1).locator('input[name=svc]').first().waitFor();
    expect(await widget(page, 0).locator('input[name=svc]').count()).toBe(1);
    expect(await widget(page, 1).locator('input[name=svc]').count()).toBe(2);
    await widget(page, 0).locator('input[name=svc]').first().check();
    expect(await widget(page, 1).locator('input[name=svc]:checked').count()).toBe(0);
    expect(await heading(page, 1)).toBe('Step 1 of 6 Choose a service');
    await context.close();
  });

  it('the demo agency page under the API’s strict CSP: no violations, its CSS cannot reach in, axe finds nothing', async () => {
    const { context, page, seen } = await phonePage(world);
    const res = await page.goto(`${world.api}/demo/`);
    const csp = res!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const w = widget(page);
    await w.locator('input[name=svc]').first().waitFor();
    expect(await w.locator('input[name=svc]').count()).toBeGreaterThan(100);
    await w.locator('#q').fill('paspor');
    await expect.poll(() => w.locator('input[name=svc]').count()).toBeLessThan(10);
    const look = await page.evaluate(() => {
      const root = document.querySelector('pakta-queue')!.shadowRoot!;
      const s = (sel: string) => getComputedStyle(root.querySelector(sel)!);
      const button = s('button[type=submit]');
      const input = s('#q');
      return {
        font: s('.base').fontFamily,
        buttonFont: button.fontFamily,
        buttonHeight: (root.querySelector('button[type=submit]') as HTMLElement).getBoundingClientRect().height,
        buttonTransform: button.textTransform,
        inputHeight: (root.querySelector('#q') as HTMLElement).getBoundingClientRect().height,
        inputBox: input.boxSizing,
        label: s('label').textTransform,
      };
    });
    expect(look.font).not.toMatch(/Georgia/);
    expect(look.buttonFont).not.toMatch(/Georgia/);
    expect(look.buttonTransform).toBe('none');
    expect(look.buttonHeight).toBeGreaterThanOrEqual(44);
    expect(look.inputHeight).toBeGreaterThanOrEqual(44);
    expect(look.inputBox).toBe('border-box');
    expect(look.label).toBe('none');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'demo-page');
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('every control is at least 44 × 44 px and the focus is visible', async () => {
    const { context, page } = await phonePage(world);
    await openAgency(world, page, agencyPage(world.api));
    const w = widget(page);
    await w.locator('input[name=svc]').first().waitFor();
    const small = await page.evaluate(() => {
      const root = document.querySelector('pakta-queue')!.shadowRoot!;
      return [...root.querySelectorAll('button, a, input[type=search], label.opt')]
        .map((e) => ({ e: (e.textContent ?? e.tagName).trim().slice(0, 30), r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.height < 44 || r.width < 44)
        .map(({ e, r }) => `${e} ${r.width}×${r.height}`);
    });
    expect(small).toEqual([]);
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(
      () => getComputedStyle(document.querySelector('pakta-queue')!.shadowRoot!.activeElement!).outlineWidth,
    );
    expect(parseFloat(ring)).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});
