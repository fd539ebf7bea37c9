/** What both pages show of a verdict and a verified certificate. */
import type { Language, PactCertificate } from '../../src/index.js';
import type { Verdict } from './check.js';
import { h } from './dom.js';
import { dateTime, longDate, zoneName } from './format.js';
import type { Strings } from './i18n.js';
import type { TenantNames } from './tenant.js';

const MARKS = { valid: '✓', revoked: '✕', invalid: '✕', unknown: '?' } as const;

/** The verdict: a mark, one word, and why. `data-verdict` carries the kind, `data-code` the reason's code. */
export function verdictBlock(verdict: Verdict, t: Strings): HTMLElement {
  const code =
    verdict.kind === 'invalid' || verdict.kind === 'unknown'
      ? verdict.code
      : verdict.kind === 'revoked'
        ? 'revoked'
        : undefined;
  return h(
    'section',
    { class: `verdict verdict-${verdict.kind}`, 'data-verdict': verdict.kind, 'data-code': code, role: 'status' },
    h('span', { class: 'verdict-mark', 'aria-hidden': 'true' }, MARKS[verdict.kind]),
    h(
      'div',
      { class: 'verdict-text' },
      h('p', { class: 'verdict-word' }, t.verdict[verdict.kind]),
      h('p', { class: 'verdict-lead' }, t.verdictLead[verdict.kind]),
      code !== undefined && verdict.kind !== 'revoked' ? h('p', { class: 'verdict-reason' }, t.reasons[code]) : null,
      code !== undefined && verdict.kind !== 'revoked' ? h('p', { class: 'verdict-code' }, t.code(code)) : null,
    ),
  );
}

function row(label: string, value: Node | string, name: string): HTMLElement {
  return h('div', { class: `fact fact-${name}` }, h('dt', {}, label), h('dd', {}, value));
}

/** The queue number, large. */
export function ticketNumber(certificate: PactCertificate, t: Strings): HTMLElement {
  return h(
    'div',
    { class: 'ticket' },
    h('p', { class: 'ticket-label' }, t.labels.ticket),
    h('p', { class: 'ticket-number', 'data-field': 'ticket' }, certificate.ticket),
  );
}

/** Tenant, service, date and slot, channel, holder. */
export function ticketFacts(certificate: PactCertificate, names: TenantNames | undefined, t: Strings): HTMLElement {
  const { place } = certificate;
  const zone = zoneName(names?.timeZone, t.intl);
  const service = names
    ? `${names.service(place.service)} — ${names.agency(place.agency)}`
    : `${place.service} (${place.agency})`;
  return h(
    'dl',
    { class: 'facts' },
    row(t.labels.tenant, names?.tenant ?? certificate.tenant, 'tenant'),
    row(t.labels.service, service, 'service'),
    row(t.labels.date, longDate(place.date, t.intl), 'date'),
    row(t.labels.time, zone ? `${place.slot} ${zone}` : place.slot, 'time'),
    row(t.labels.channel, names ? names.channel(place.channel) : place.channel, 'channel'),
    row(t.labels.holder, certificate.holder.name, 'holder'),
  );
}

/** The pact agreed to: version, time, language, fingerprint; validity and booking code. */
export function pactFacts(
  certificate: PactCertificate,
  names: TenantNames | undefined,
  t: Strings,
  options: { compact?: boolean } = {},
): HTMLElement {
  const { pact } = certificate;
  const full = !options.compact;
  return h(
    'dl',
    { class: 'facts facts-pact' },
    row(t.labels.pact, t.labels.pactVersion(pact.version), 'pact-version'),
    row(t.labels.acceptedAt, dateTime(pact.acceptedAt, t.intl, names?.timeZone), 'accepted-at'),
    full && row(t.labels.pactLanguage, t.languages[pact.language] ?? pact.language, 'pact-language'),
    full && row(t.labels.validUntil, dateTime(certificate.validity.expiresAt, t.intl, names?.timeZone), 'valid-until'),
    row(t.labels.booking, h('code', {}, certificate.bookingId), 'booking'),
    full && row(t.labels.pactHash, h('code', { class: 'hash' }, pact.hash), 'pact-hash'),
  );
}

/** The language switch: a button naming the other language in itself. */
export function languageSwitch(t: Strings, onSwitch: (lang: Language) => void): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'lang-switch', lang: t.other.lang, 'aria-label': t.other.label },
    t.other.name,
  );
  button.addEventListener('click', () => onSwitch(t.other.lang));
  return button;
}
