/**
 * A citizen on a touch-screen phone (360 × 740, no mouse, no keyboard navigation) books by tapping alone on an
 * agency page served from another origin: the README's two lines, in Indonesian.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../sdk/src/index.js';
import {
  agencyPage,
  heading,
  onStep,
  openAgency,
  overflow,
  phonePage,
  startWorld,
  TENANT,
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

describe('<pakta-queue> by touch', () => {
  it('books by tapping through every step; the ticket shows and its certificate verifies', async () => {
    const { context, page, seen } = await phonePage(world, 360, 740, { touch: true });
    expect(await page.evaluate(() => navigator.maxTouchPoints)).toBeGreaterThan(0);
    await openAgency(world, page, agencyPage(world.api));
    const w = widget(page);

    await w.locator('input[name=svc]').first().waitFor();
    await w.locator('#q').tap();
    await w.locator('#q').fill('akta');
    await w.locator('input[name=svc]').first().tap();
    await w.getByRole('button', { name: 'Lanjut' }).tap();
    await onStep(page, /Langkah 2 dari 6/);
    await w.getByRole('button', { name: 'Lanjut' }).tap();
    await onStep(page, /Langkah 3 dari 6/);
    await w.locator('input[name=slot]:not([disabled])').first().tap();
    await w.getByRole('button', { name: 'Lanjut' }).tap();
    await onStep(page, /Langkah 4 dari 6/);
    await w.locator('#f-name').tap();
    await w.locator('#f-name').fill('Ni Luh Putu Ayu');
    await w.locator('#f-phone').tap();
    await w.locator('#f-phone').fill('0813 5555 1212');
    await w.getByRole('button', { name: 'Lanjut' }).tap();
    await onStep(page, /Pakta integritas/);
    await w.locator('input[type=checkbox]').tap();
    await w.getByRole('button', { name: /Setuju/ }).tap();
    await onStep(page, /Nomor antrean Anda/);

    expect(await heading(page)).toBe('Nomor antrean Anda');
    expect(await overflow(page)).toBe(0);
    const booked = seen.events.find((e) => e.type === 'pakta-booked')!;
    expect(booked.detail.booking.ticket).toMatch(/^[A-Z]{1,4}-\d{3}$/);
    expect(await w.locator('.ticket, [part~="ticket"]').first().innerText()).toContain(booked.detail.booking.ticket);
    const cert = await createVerifier({ issuers: [`${world.api}/t/${TENANT}`] }).verify(booked.detail.certificate);
    expect(cert.holder.name).toBe('N* L** P*** A**');
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });
});
