/**
 * The proof of work of a rush service in Chromium against the Node API: solved in a Web Worker from a blob: URL when
 * the page allows one, in slices on the main thread when it does not (strict CSP, a throwing or silent Worker), the
 * Worker ended when its proof is no longer wanted, and every answer checked by the API with a real booking.
 */
import { createHash } from 'node:crypto';
import { createChallenge } from 'altcha-lib';
import type { Page, Request, Response, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solve, WORKER_SOURCE, WORKER_START_MS } from '../../widget/src/pow.js';
import { uniquePhone } from '../support/client.js';
import { agencyPage, onStep, openAgency, phonePage, startWorld, TENANT, type World, widget } from './harness.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

const RUSH = `tenant="${TENANT}" service="skck" channel="counter"`;
const isBooking = (r: Request) => r.method() === 'POST' && /\/v1\/tenants\/[^/]+\/bookings$/.test(r.url());
const decode = (proof: string) =>
  JSON.parse(atob(proof)) as { algorithm: string; challenge: string; number: number; salt: string; signature: string };

/** Records what each Worker the page makes says back, through the page's own Worker (an observer: nothing is changed). */
const recordWorkerAnswers = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as { __workerSaid: unknown[] };
    w.__workerSaid = [];
    window.Worker = class extends window.Worker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e) => w.__workerSaid.push(e.data));
      }
    };
  });

/** Workers the page created, each with whether it has ended. */
function watchWorkers(page: Page): { url: string; closed: boolean; worker: Worker }[] {
  const list: { url: string; closed: boolean; worker: Worker }[] = [];
  page.on('worker', (worker) => {
    const entry = { url: worker.url(), closed: false, worker };
    worker.on('close', () => (entry.closed = true));
    list.push(entry);
  });
  return list;
}

let citizens = 0;

/** From the date and time step of a rush service with a fixed channel to the ticket, as a new citizen (one booking per NIK). */
async function bookRush(page: Page, name = 'Ketut Sudarsana'): Promise<string> {
  const w = widget(page);
  await w.locator('input[name=slot]').first().waitFor();
  await w.locator('input[name=slot]:not([disabled])').first().check();
  await w.getByRole('button', { name: 'Lanjut' }).click();
  await onStep(page, /Data diri/);
  await w.locator('#f-name').fill(name);
  await w.locator('#f-phone').fill(uniquePhone());
  await w.locator('#f-nik').fill(`510301450190${String(++citizens).padStart(4, '0')}`);
  await w.getByRole('button', { name: 'Lanjut' }).click();
  await w.locator('input[type=checkbox]').check();
  await w.getByRole('button', { name: 'Setujui dan ambil nomor' }).click();
  await onStep(page, /Nomor antrean Anda/, 20_000);
  return (await w.locator('.ticket strong').innerText()).trim();
}

/** The booking POSTs with the API's answers, in order. */
function watchBookings(page: Page): { req: Request; res?: Response }[] {
  const list: { req: Request; res?: Response }[] = [];
  page.on('request', (req) => isBooking(req) && list.push({ req }));
  page.on('response', (res) => {
    const e = list.find((x) => x.req === res.request());
    if (e) e.res = res;
  });
  return list;
}

const solves = (p: { number: number; salt: string; challenge: string }) =>
  createHash('sha256')
    .update(p.salt + p.number)
    .digest('hex') === p.challenge;

describe('<pakta-queue> proof of work', () => {
  it('solves in a blob: Worker where the page allows one; the API accepts the Worker’s number and books', async () => {
    const { context, page, seen } = await phonePage(world);
    await recordWorkerAnswers(page);
    const workers = watchWorkers(page);
    const bookings = watchBookings(page);
    await openAgency(world, page, agencyPage(world.api, RUSH));
    const ticket = await bookRush(page);
    expect(ticket).toMatch(/^SKC-\d{3}$/);

    // one Worker, from a blob: URL of the agency's origin (not the API's), ended once it had answered
    expect(workers.map((x) => x.url)).toEqual([expect.stringMatching(new RegExp(`^blob:${world.agency}/`))]);
    await expect.poll(() => workers[0]!.closed, { timeout: 10_000 }).toBe(true);
    const said = (await page.evaluate(
      () => (window as unknown as { __workerSaid: unknown[] }).__workerSaid,
    )) as unknown[];
    // "started", then the number
    expect(said).toEqual([true, expect.any(Number)]);

    expect(bookings).toHaveLength(1);
    expect(bookings[0]!.res?.status()).toBe(201);
    const proof = decode(JSON.parse(bookings[0]!.req.postData()!).proof);
    expect(proof.number).toBe(said[1]);
    expect(proof.algorithm).toBe('SHA-256');
    expect(solves(proof)).toBe(true);
    expect(seen.events.map((e) => e.type)).toEqual(['pakta-booked']);
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('a wrong number is refused by the API; the widget takes a new challenge, and the Worker’s next answer books', async () => {
    const { context, page, seen } = await phonePage(world);
    await recordWorkerAnswers(page);
    const workers = watchWorkers(page);
    const bookings = watchBookings(page);
    let first = true;
    await page.route(`${world.api}/v1/tenants/${TENANT}/bookings`, (route) => {
      if (!first) return route.continue();
      first = false;
      const body = JSON.parse(route.request().postData()!);
      const p = decode(body.proof);
      body.proof = btoa(JSON.stringify({ ...p, number: p.number + 1 }));
      return route.continue({ postData: JSON.stringify(body) });
    });
    await openAgency(world, page, agencyPage(world.api, RUSH));
    await bookRush(page, 'Wayan Putra');

    expect(bookings.map((b) => b.res?.status())).toEqual([400, 201]);
    expect(await bookings[0]!.res!.json()).toMatchObject({ code: 'proof_invalid' });
    const said = (await page.evaluate(
      () => (window as unknown as { __workerSaid: unknown[] }).__workerSaid,
    )) as unknown[];
    expect(workers).toHaveLength(2);
    expect(said).toEqual([true, expect.any(Number), true, expect.any(Number)]);
    expect(decode(JSON.parse(bookings[1]!.req.postData()!).proof).number).toBe(said[3]);
    expect(seen.events.map((e) => e.type)).toEqual(['pakta-booked']);
    await context.close();
  });

  it('the demo page’s strict CSP refuses blob: workers: solved on the main thread, booked, one violation report only', async () => {
    const { context, page, seen } = await phonePage(world);
    const workers = watchWorkers(page);
    const bookings = watchBookings(page);
    const res = await page.goto(`${world.api}/demo/`);
    const csp = res!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('worker-src');
    expect(/script-src[^;]*/.exec(csp)![0]).not.toContain('blob:');
    await page.evaluate(() => {
      const el = document.querySelector('pakta-queue')!;
      el.setAttribute('service', 'skck-baru');
      el.setAttribute('channel', 'counter');
    });
    const ticket = await bookRush(page);
    expect(ticket).toMatch(/^SKCK-\d{3}$/);
    expect(workers).toEqual([]);
    expect(bookings.map((b) => b.res?.status())).toEqual([201]);
    expect(solves(decode(JSON.parse(bookings[0]!.req.postData()!).proof))).toBe(true);
    // the refused Worker is reported by the browser once; the widget does not try again on this page
    expect(seen.violations).toEqual([expect.stringMatching(/^worker-src blob/)]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  it('an agency page whose Worker throws, or starts and never answers, still books: solved on the main thread', async () => {
    // what browsers do under some policies: a SecurityError at once, or a Worker that never runs its script
    const variants = {
      throws: () => {
        window.Worker = (() => {
          throw new DOMException('refused', 'SecurityError');
        }) as unknown as typeof Worker;
      },
      silent: () => {
        const Real = window.Worker;
        window.Worker = class extends Real {
          constructor() {
            super(URL.createObjectURL(new Blob([''], { type: 'text/javascript' })));
          }
        };
      },
    };
    for (const [name, script] of Object.entries(variants)) {
      const { context, page, seen } = await phonePage(world);
      await page.addInitScript(script);
      const workers = watchWorkers(page);
      const bookings = watchBookings(page);
      await openAgency(world, page, agencyPage(world.api, RUSH));
      expect(await bookRush(page, `Nyoman ${name}`), name).toMatch(/^SKC-\d{3}$/);
      expect(
        bookings.map((b) => b.res?.status()),
        name,
      ).toEqual([201]);
      expect(solves(decode(JSON.parse(bookings[0]!.req.postData()!).proof)), name).toBe(true);
      if (name === 'silent') {
        // the silent one was given up after the start timeout, and ended
        expect(workers).toHaveLength(1);
        await expect.poll(() => workers[0]!.closed, { timeout: 10_000 }).toBe(true);
      } else expect(workers).toEqual([]);
      expect(seen.errors, name).toEqual([]);
      await context.close();
    }
  });

  it('the Worker ends when its proof is no longer wanted: another service chosen, the element removed', async () => {
    const { context, page } = await phonePage(world);
    // a challenge no number solves, with room for hours of work: the Worker keeps running until it is ended
    await page.route(`${world.api}/v1/tenants/${TENANT}/challenge`, async (route) => {
      const res = await route.fetch();
      await route.fulfill({
        response: res,
        json: { ...(await res.json()), challenge: '0'.repeat(64), maxnumber: 1e9 },
      });
    });
    const workers = watchWorkers(page);
    await openAgency(world, page, agencyPage(world.api, `tenant="${TENANT}"`));
    const w = widget(page);
    const toDetails = async (svc: string) => {
      await w.locator(`input[name=svc][value="${svc}"]`).check();
      await w.getByRole('button', { name: 'Lanjut' }).click();
      await onStep(page, /Pilih cara dilayani/);
      await w.getByRole('button', { name: 'Lanjut' }).click();
      await onStep(page, /Pilih tanggal dan jam/);
      await w.locator('input[name=slot]:not([disabled])').first().check();
      await w.getByRole('button', { name: 'Lanjut' }).click();
      await onStep(page, /Data diri/);
    };

    await toDetails('skck');
    await expect.poll(() => workers.length).toBe(1);
    // still at work a while later
    await page.waitForTimeout(WORKER_START_MS + 500);
    expect(workers[0]!.closed).toBe(false);
    for (let i = 0; i < 3; i++) await w.getByRole('button', { name: 'Kembali' }).click();
    await onStep(page, /Pilih layanan/);
    expect(workers[0]!.closed).toBe(false);
    await w.locator('input[name=svc][value="akta-lahir"]').check();
    await expect.poll(() => workers[0]!.closed, { timeout: 10_000 }).toBe(true);

    // back to the rush service: a new Worker; the element leaves the page and its Worker ends
    await toDetails('skck');
    await expect.poll(() => workers.length).toBe(2);
    await page.evaluate(() => document.querySelector('pakta-queue')!.remove());
    await expect.poll(() => workers[1]!.closed, { timeout: 10_000 }).toBe(true);
    await context.close();
  });

  it('the Worker the built widget starts finds the same number as the main thread’s, lowest first, and gives up past maxnumber', async () => {
    const { context, page } = await phonePage(world);
    // keeps each Blob the page makes a URL of (an observer: the URL is made as before), to read the Worker's script
    await page.addInitScript(() => {
      const w = window as unknown as { __blobs: Blob[] };
      w.__blobs = [];
      const make = URL.createObjectURL;
      URL.createObjectURL = (o) => {
        if (o instanceof Blob) w.__blobs.push(o);
        return make.call(URL, o);
      };
    });
    const workers = watchWorkers(page);
    await openAgency(world, page, agencyPage(world.api, RUSH));
    const w = widget(page);
    await w.locator('input[name=slot]:not([disabled])').first().check();
    await w.getByRole('button', { name: 'Lanjut' }).click();
    await onStep(page, /Data diri/);
    await expect.poll(() => workers.length).toBe(1);
    const blobs = await page.evaluate(() =>
      Promise.all((window as unknown as { __blobs: Blob[] }).__blobs.map((b) => b.text())),
    );
    expect(blobs).toHaveLength(1);
    const built = blobs[0]!;
    // the script as dist/ ships it (minified, through the bundler's transforms), not the test's own import of it
    expect(built).not.toBe(WORKER_SOURCE);

    // around the main thread's batches of 256, and the last number searched: maxnumber itself
    const solvable = [0, 1, 255, 256, 257, 511, 512, 5000, 99_999, 100_000];
    const cases = await Promise.all(
      solvable.map((number) => createChallenge({ hmacKey: 'k', number, maxnumber: 100_000 })),
    );
    const beyond = { ...(await createChallenge({ hmacKey: 'k', number: 300, maxnumber: 1000 })), maxnumber: 299 };
    const all = [...cases, beyond];
    const run = (src: string) =>
      page.evaluate(
        async ({ src, list }) => {
          const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
          const out: unknown[] = [];
          for (const c of list) {
            const w = new Worker(url);
            out.push(
              await new Promise((ok) => {
                w.onmessage = ({ data }) =>
                  data === true ? w.postMessage([c.salt, c.challenge, c.maxnumber]) : ok(data);
                w.onerror = (e) => ok(`error: ${e.message}`);
              }),
            );
            w.terminate();
          }
          return out;
        },
        { src, list: all.map((c) => ({ salt: c.salt, challenge: c.challenge, maxnumber: c.maxnumber })) },
      );
    const here = await Promise.all(all.map(async (c) => (await solve(c)) ?? null));
    const numbers = [...solvable, -1];
    expect(here.map((p) => (p ? decode(p).number : -1))).toEqual(numbers);
    expect(await run(built)).toEqual(numbers);
    expect(await run(WORKER_SOURCE)).toEqual(numbers);
    await context.close();
  });
});
