/**
 * The certificate page, `/c/#<token>`: the link the widget shares. The token is read from the fragment, which browsers
 * never send to a server; it is verified here with the SDK against this origin's tenant, looked up in the tenant's status
 * list, and rendered as the pact certificate (piagam) for screen and print. Requests made: the tenant's key set, its status
 * list and its public configuration (for names) — none carries the token.
 */
import { createChecker, type Verdict } from '../shared/check.js';
import { byId, fill, h } from '../shared/dom.js';
import { type Language, loadStrings, preferredLang, rememberLang, type Strings } from '../shared/i18n.js';
import { qrSvg } from '../shared/qr.js';
import { languageSwitch, pactFacts, ticketFacts, ticketNumber, verdictBlock } from '../shared/render.js';
import { agreedPactText, type TenantNames, tenantNames } from '../shared/tenant.js';

const app = byId('app');
const toolbar = byId('toolbar');
const check = createChecker({ origin: location.origin, freshStatus: true });

let lang: Language = preferredLang();
let verdict: Promise<Verdict> | undefined;

function render(t: Strings, v: Verdict, names: TenantNames | undefined, pactText: string | undefined): void {
  document.documentElement.lang = t.lang;
  const certificate = 'certificate' in v ? v.certificate : undefined;
  document.title = certificate ? `${t.certificate.documentTitle} — ${certificate.ticket}` : t.certificate.documentTitle;
  const print = h('button', { type: 'button', class: 'print' }, t.certificate.print);
  print.addEventListener('click', () => window.print());
  fill(
    toolbar,
    languageSwitch(t, (next) => {
      lang = next;
      rememberLang(next);
      void show();
    }),
    certificate ? print : null,
  );
  fill(
    app,
    h(
      'header',
      { class: 'sheet-header' },
      h('p', { class: 'emblem', 'aria-hidden': 'true' }, '⚖'),
      h('h1', {}, t.certificate.title),
      h('p', { class: 'tenant-name' }, names?.tenant ?? certificate?.tenant ?? ''),
      h('p', { class: 'subtitle' }, t.certificate.subtitle),
    ),
    verdictBlock(v, t),
    certificate
      ? h(
          'div',
          { class: `body body-${v.kind}` },
          ticketNumber(certificate, t),
          ticketFacts(certificate, names, t),
          h('p', { class: 'pledge' }, t.certificate.pledge),
          pactText !== undefined && certificate
            ? h(
                'figure',
                { class: 'pact-text' },
                h('figcaption', {}, t.certificate.pactText),
                h('blockquote', { lang: certificate.pact.language }, pactText),
                h('p', { class: 'pact-match' }, `✓ ${t.certificate.pactTextMatches}`),
              )
            : null,
          pactFacts(certificate, names, t),
          h(
            'figure',
            { class: 'qr' },
            qrSvg(location.href, t.certificate.qrAlt),
            h('figcaption', {}, t.certificate.qr),
          ),
        )
      : null,
    h(
      'footer',
      { class: 'sheet-footer' },
      certificate ? h('p', {}, t.certificate.verifiedBy(location.origin)) : null,
      h('p', {}, t.certificate.privacy),
    ),
  );
  app.setAttribute('aria-busy', 'false');
}

async function show(): Promise<void> {
  const t = await loadStrings(lang);
  verdict ??= check(location.hash.length > 1 ? location.href : '');
  const v = await verdict;
  const certificate = 'certificate' in v ? v.certificate : undefined;
  const [names, pactText] = certificate
    ? await Promise.all([
        tenantNames(location.origin, certificate.tenant, lang),
        agreedPactText(location.origin, certificate),
      ])
    : [undefined, undefined];
  render(t, v, names, pactText);
}

window.addEventListener('hashchange', () => {
  verdict = undefined;
  app.setAttribute('aria-busy', 'true');
  fill(app, h('p', { class: 'loading' }, '…'));
  void show();
});
void show().catch((err: unknown) => {
  app.replaceChildren(h('p', { class: 'loading' }, String(err)));
  app.setAttribute('aria-busy', 'false');
});
