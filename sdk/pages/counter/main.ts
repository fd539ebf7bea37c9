/**
 * The counter page, `/demo/counter/`: an officer scans the citizen's QR code (or pastes the token or link) and sees a
 * large verdict with the ticket. Trusted: the tenants of this page's own origin. Key sets and status lists are cached
 * between scans by the SDK (a cancellation shows within the status list's `ttl`).
 */
import { createChecker, type Verdict } from '../shared/check.js';
import { byId, fill, h } from '../shared/dom.js';
import { longDate, today } from '../shared/format.js';
import { type Language, loadStrings, preferredLang, rememberLang, type Strings } from '../shared/i18n.js';
import { languageSwitch, pactFacts, ticketFacts, ticketNumber, verdictBlock } from '../shared/render.js';
import { type TenantNames, tenantNames } from '../shared/tenant.js';
import { ScanError, type Scanner, startScanner } from './scan.js';

const app = byId('app');
const check = createChecker({ origin: location.origin, freshStatus: true });

let lang: Language = preferredLang();
let t: Strings;
let scanner: Scanner | undefined;
/** The last result shown, kept across a language switch. */
let shown: { verdict: Verdict; names: TenantNames | undefined } | undefined;
/** Counts checks, so a slow answer cannot replace a newer one. */
let generation = 0;

const scanButton = h('button', { type: 'button', class: 'primary scan-button', id: 'scan' });
const video = h('video', { class: 'camera', id: 'camera', hidden: '', 'aria-hidden': 'true' });
const scanStatus = h('p', { class: 'scan-status', id: 'scan-status', role: 'status' });
const input = h('textarea', {
  id: 'token',
  name: 'token',
  rows: '3',
  autocomplete: 'off',
  autocapitalize: 'off',
  spellcheck: 'false',
});
const result = h('section', { class: 'result', id: 'result', 'aria-live': 'assertive' });

function layout(): void {
  document.documentElement.lang = t.lang;
  document.title = t.counter.documentTitle;
  const form = h(
    'form',
    { class: 'paste', id: 'paste' },
    h('label', { for: 'token' }, t.counter.pasteLabel),
    input,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'check' }, t.counter.check),
      h('button', { type: 'reset', id: 'clear' }, t.counter.clear),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void verify(input.value);
  });
  form.addEventListener('reset', () => {
    generation++;
    shown = undefined;
    result.replaceChildren();
    input.focus();
  });
  input.placeholder = t.counter.pastePlaceholder;
  scanButton.textContent = scanner ? t.counter.stop : shown ? t.counter.scanNext : t.counter.scan;
  fill(
    app,
    h(
      'header',
      { class: 'counter-header' },
      h('div', {}, h('h1', {}, t.counter.title), h('p', { class: 'subtitle' }, t.counter.subtitle)),
      languageSwitch(t, (next) => {
        lang = next;
        rememberLang(next);
        void start();
      }),
    ),
    h('div', { class: 'scan' }, scanButton, video, scanStatus),
    form,
    result,
    h('footer', { class: 'trust' }, t.counter.trust(location.origin)),
  );
  if (shown) showResult(shown.verdict, shown.names);
}

function showResult(verdict: Verdict, names: TenantNames | undefined): void {
  const certificate = 'certificate' in verdict ? verdict.certificate : undefined;
  let notToday: HTMLElement | null = null;
  if (certificate && names && certificate.place.date !== today(names.timeZone)) {
    notToday = h(
      'p',
      { class: 'not-today', role: 'note' },
      t.counter.notToday(longDate(certificate.place.date, t.intl)),
    );
  }
  fill(
    result,
    verdictBlock(verdict, t),
    certificate
      ? h(
          'div',
          { class: `body body-${verdict.kind}` },
          notToday,
          ticketNumber(certificate, t),
          ticketFacts(certificate, names, t),
          pactFacts(certificate, names, t, { compact: true }),
        )
      : null,
  );
}

async function verify(text: string): Promise<void> {
  const mine = ++generation;
  result.replaceChildren(h('p', { class: 'loading' }, t.checking));
  const verdict = await check(text);
  const certificate = 'certificate' in verdict ? verdict.certificate : undefined;
  const names = certificate ? await tenantNames(location.origin, certificate.tenant, lang) : undefined;
  if (mine !== generation) return;
  shown = { verdict, names };
  showResult(verdict, names);
  navigator.vibrate?.(verdict.kind === 'valid' ? 60 : [180, 80, 180]);
  result.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

function stopScanning(): void {
  scanner?.stop();
  scanner = undefined;
  video.hidden = true;
  scanStatus.textContent = '';
  scanButton.textContent = shown ? t.counter.scanNext : t.counter.scan;
}

scanButton.addEventListener('click', async () => {
  if (scanner) return stopScanning();
  scanButton.disabled = true;
  try {
    video.hidden = false;
    scanStatus.textContent = t.counter.scanning;
    scanner = await startScanner(video, (text) => {
      stopScanning();
      input.value = text;
      void verify(text);
    });
    scanButton.textContent = t.counter.stop;
  } catch (err) {
    video.hidden = true;
    const problem = err instanceof ScanError ? err.problem : 'failed';
    scanStatus.textContent = {
      insecure: t.counter.insecure,
      no_camera: t.counter.noCamera,
      denied: t.counter.cameraDenied,
      failed: t.counter.cameraError,
    }[problem];
  } finally {
    scanButton.disabled = false;
  }
});

// The camera stops when the page is hidden (another app, a locked phone); the officer starts it again.
document.addEventListener('visibilitychange', () => {
  if (document.hidden && scanner) stopScanning();
});

async function start(): Promise<void> {
  t = await loadStrings(lang);
  layout();
}

void start();
