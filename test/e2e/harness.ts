/**
 * What the widget's browser tests share: the built widget, the real Node API with a tenant made for these tests,
 * Debian's Chromium through playwright-core, axe-core, screenshots, and helpers to reach into the shadow DOM.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { parseTenant } from '../../api/src/tenants/parse.js';
import { CHROMIUM } from '../support/chromium.js';
import { dateIn } from '../support/client.js';
import { startNodeTarget, testTenants } from '../support/node-server.js';

export { CHROMIUM };
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Headless Chromium for the e2e tests. Without one they fail and say what to do, rather than skip: a suite that
 * silently skips its browser tests passes while testing nothing a citizen sees.
 */
export function launchChromium(args: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...args],
  });
}
export const ARTIFACTS = join(ROOT, 'test-results/widget');

export const TENANT = 'widget-e2e';
export const TENANT_ZONE = 'Asia/Makassar';

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir).map((f) => {
      const p = join(dir, f);
      const s = statSync(p);
      return s.isDirectory() ? newest(p) : s.mtimeMs;
    }),
  );
}

/** Builds the widget when dist/ is missing or older than its sources. */
export function ensureWidgetBuilt(): void {
  const manifest = join(ROOT, 'widget/dist/manifest.json');
  const stale =
    !existsSync(manifest) ||
    statSync(manifest).mtimeMs <
      Math.max(newest(join(ROOT, 'widget/src')), statSync(join(ROOT, 'widget/vite.config.ts')).mtimeMs);
  if (stale) execSync('npm run build -w widget', { cwd: ROOT, stdio: 'ignore' });
}

/**
 * A tenant for these tests, its dates relative to today: open all day except Saturdays, a holiday two days
 * ahead, the last day of the window released only at 23:59; one service with a single place per slot.
 */
export function e2eTenant(agency: string) {
  const holiday = dateIn(TENANT_ZONE, 2);
  const all = ['00:00-24:00'];
  const text = (id: string, en: string) => ({ id, en });
  return parseTenant(
    JSON.stringify({
      id: TENANT,
      name: 'Mal Pelayanan Publik Uji Widget',
      timeZone: TENANT_ZONE,
      allowedOrigins: [agency],
      pact: {
        version: '2026.1',
        text: text(
          'PAKTA INTEGRITAS\n\nSaya tidak akan memberi uang, hadiah atau imbalan apa pun kepada petugas, dan akan melaporkan siapa pun yang memintanya.',
          'INTEGRITY PACT\n\nI will not give money, gifts or favours of any kind to officers, and I will report anyone who asks for them.',
        ),
      },
      channels: {
        counter: {
          name: text('Loket', 'At the counter'),
          description: text('Datang ke loket pada jam yang dipilih.', 'Come to the counter at the time you chose.'),
        },
        video: {
          name: text('Panggilan video', 'Video call'),
          description: text('Petugas menelepon Anda lewat video.', 'An officer calls you by video.'),
        },
      },
      openingHours: { mon: all, tue: all, wed: all, thu: all, fri: all, sat: [], sun: all },
      closedDates: [{ date: holiday, reason: text('Hari libur uji', 'Test holiday') }],
      bookingWindow: { daysAhead: 5, minutesBefore: 0, releaseTime: '23:59' },
      rateLimits: { enabled: false },
      retentionDays: 30,
      agencies: [
        {
          id: 'dukcapil',
          name: text('Dinas Kependudukan dan Pencatatan Sipil', 'Civil Registry Office'),
          services: [
            {
              id: 'ktp-el',
              name: text('Perekaman KTP-el', 'Electronic ID card (KTP-el) enrolment'),
              ticketPrefix: 'KTP',
              quotaPerSlot: { counter: 20, video: 5 },
              slotMinutes: 60,
              requirements: [text('Kartu Keluarga asli', 'Original family card (KK)')],
              nikRequired: true,
            },
            {
              id: 'akta-lahir',
              name: text('Akta kelahiran', 'Birth certificate'),
              ticketPrefix: 'AKL',
              quotaPerSlot: { counter: 20 },
              slotMinutes: 60,
              requirements: [text('Surat keterangan lahir', 'Birth notice from the hospital or midwife')],
              nikRequired: false,
            },
          ],
        },
        {
          id: 'polres',
          name: text('Kepolisian Resor', 'Police'),
          services: [
            {
              id: 'skck',
              name: text('SKCK (Surat Keterangan Catatan Kepolisian)', 'Police clearance certificate (SKCK)'),
              ticketPrefix: 'SKC',
              quotaPerSlot: { counter: 20 },
              slotMinutes: 60,
              requirements: [text('Pas foto 4×6 latar merah', 'Passport photo 4×6, red background')],
              nikRequired: true,
              proofOfWork: true,
            },
          ],
        },
        {
          id: 'imigrasi',
          name: text('Kantor Imigrasi', 'Immigration Office'),
          services: [
            {
              id: 'paspor-baru',
              name: text('Paspor baru', 'New passport'),
              ticketPrefix: 'PAS',
              quotaPerSlot: { counter: 1 },
              slotMinutes: 60,
              requirements: [text('KTP-el asli', 'Original KTP-el')],
              nikRequired: false,
            },
          ],
        },
      ],
    }),
    'widget-e2e.json',
  );
}

export interface World {
  api: string;
  /** The agency site's origin: another origin than the API (on loopback too), listed by the tenant. */
  agency: string;
  /** Serves `html` on the agency site; returns its URL. */
  host(html: string): string;
  browser: Browser;
  close(): Promise<void>;
}

/** A plain static site: the webmaster's own server, on another origin than the API. */
async function agencySite(): Promise<{ origin: string; host: (html: string) => string; server: Server }> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const html = pages.get(req.url ?? '');
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    server,
    host: (html) => {
      const path = `/page-${pages.size + 1}.html`;
      pages.set(path, html);
      return origin + path;
    },
  };
}

export async function startWorld(): Promise<World> {
  ensureWidgetBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const site = await agencySite();
  const target = await startNodeTarget({ tenants: [...testTenants(), e2eTenant(site.origin)] });
  const browser = await launchChromium();
  return {
    api: target.baseUrl,
    agency: site.origin,
    host: site.host,
    browser,
    close: async () => {
      await browser.close();
      await target.close();
      await new Promise((ok) => site.server.close(ok));
    },
  };
}

/** The two lines of the README in an otherwise empty agency page, served by the agency's own server (another origin). */
export function agencyPage(api: string, attrs = `tenant="${TENANT}"`, htmlLang = 'id'): string {
  return `<!doctype html><html lang="${htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Dinas Uji</title></head>
<body><main><h1>Antrean online</h1>
<script type="module" src="${api}/widget.js"></script>
<pakta-queue ${attrs}></pakta-queue>
</main></body></html>`;
}

export interface Seen {
  events: { type: string; detail: any }[];
  violations: string[];
  errors: string[];
}

/** A phone-sized page: records the widget's events, CSP violations and script errors. `touch` emulates a touch-screen phone. */
export async function phonePage(
  world: World,
  width = 360,
  height = 740,
  { touch = false }: { touch?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; seen: Seen }> {
  const context = await world.browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: touch ? 2 : 1,
    ...(touch ? { hasTouch: true, isMobile: true } : {}),
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const page = await context.newPage();
  const seen: Seen = { events: [], violations: [], errors: [] };
  await page.exposeFunction('__paktaSeen', (kind: string, type: string, detail: string) => {
    if (kind === 'event') seen.events.push({ type, detail: JSON.parse(detail) });
    else seen.violations.push(`${type} ${detail}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __paktaSeen: (k: string, t: string, d: string) => void };
    for (const t of ['pakta-booked', 'pakta-cancelled', 'pakta-error'])
      document.addEventListener(t, (e) => w.__paktaSeen('event', t, JSON.stringify((e as CustomEvent).detail)));
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__paktaSeen('csp', e.violatedDirective, e.blockedURI),
    );
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  return { context, page, seen };
}

/** Puts `html` on the agency site and opens it. */
export async function openAgency(world: World, page: Page, html: string): Promise<void> {
  await page.goto(world.host(html));
}

export const widget = (page: Page, nth = 0): Locator => page.locator('pakta-queue').nth(nth);

/** The focused element inside the (first) widget's shadow root, described briefly. */
export function focused(page: Page, nth = 0): Promise<string> {
  return page.evaluate((i) => {
    const el = document.querySelectorAll('pakta-queue')[i]?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    if (!el) return '';
    const input = el as HTMLInputElement;
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${input.name ? `[name=${input.name}]` : ''}${input.type ? `[type=${input.type}]` : ''} ${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80)}`;
  }, nth);
}

/** Presses Tab (or Shift+Tab) until the focus is where `want` says, as a keyboard user would. */
export async function tabTo(page: Page, want: (f: string) => boolean, back = false, max = 80): Promise<string> {
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (want(f)) return f;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`focus never reached the wanted element; last: ${await focused(page)}`);
}

export async function heading(page: Page, nth = 0): Promise<string> {
  return (await widget(page, nth).locator('h2').innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits until the step's heading names `step` and has the focus. */
export async function onStep(page: Page, step: RegExp, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (src) => {
      const h = document.querySelector('pakta-queue')?.shadowRoot?.querySelector('h2');
      return (
        !!h &&
        new RegExp(src, 'i').test(h.textContent ?? '') &&
        h.getRootNode() instanceof ShadowRoot &&
        (h.getRootNode() as ShadowRoot).activeElement === h
      );
    },
    step.source,
    { timeout },
  );
}

/** The text of the widget's live regions (what a screen reader was told last). */
export function announced(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...(document.querySelector('pakta-queue')?.shadowRoot?.querySelectorAll('[aria-live]') ?? [])]
      .map((e) => e.textContent?.trim())
      .join(' | '),
  );
}

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.x A/AA violations inside the widget (run through the debugger protocol: a strict CSP cannot block it). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: any[] }> } })
      .axe;
    const r = await axe.run(
      { include: [['pakta-queue']] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        resultTypes: ['violations'],
      },
    );
    return r.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => JSON.stringify(n.target)).join(', ')})`,
    );
  });
}

/** No horizontal scrolling inside the widget or the page. */
export function overflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const base = document.querySelector('pakta-queue')?.shadowRoot?.querySelector('.base') as HTMLElement | null;
    return Math.max(
      0,
      document.documentElement.scrollWidth - window.innerWidth,
      base ? base.scrollWidth - base.clientWidth : 0,
    );
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
