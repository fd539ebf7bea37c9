/**
 * The result step's extras, loaded on demand: what to bring, the certificate's QR code, and buttons to open,
 * download (PNG), share to WhatsApp and add to the calendar.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { PaktaQueue } from '../pakta-queue';
import { formatDate, formatSpan } from '../../format';
import { qrPath } from '../../result/qr';
import { ics } from '../../result/ics';
import { download, jwsPayload } from '../../result/download';

const qrCache = new Map<string, ReturnType<typeof qrPath>>();

function qr(text: string) {
  let q = qrCache.get(text);
  if (!q) qrCache.set(text, (q = qrPath(text)));
  return q;
}

interface CertPayload {
  holder?: { name?: string };
  pact?: { v?: string };
}

function when(h: PaktaQueue): string {
  const b = h.saved!.booking;
  const tz = h.data?.tenant.timeZone;
  return h.m.slot.at(formatDate(h.m, b.date, true), tz ? formatSpan(h.m, b.start, b.end, tz) : b.slot);
}

function calendar(h: PaktaQueue): void {
  const s = h.saved!;
  const b = s.booking;
  const svc = h.svc?.name[h.locale] ?? b.service;
  const bring = h.svc?.requirements.map((r) => `- ${r[h.locale]}`) ?? [];
  const text = ics({
    uid: `${b.id}@pakta`,
    start: b.start,
    end: b.end,
    summary: `${b.ticket} · ${svc}`,
    location: h.data?.tenant.name ?? '',
    description: [`${h.m.labels.ticket}: ${b.ticket}`, ...(bring.length ? [h.m.result.bring, ...bring] : []), s.certificateUrl].join('\n'),
    url: s.certificateUrl,
    alarm: 60,
  });
  download(new Blob([text], { type: 'text/calendar;charset=utf-8' }), `${b.ticket}.ics`);
}

async function image(h: PaktaQueue): Promise<void> {
  const s = h.saved!;
  const m = h.m;
  const b = s.booking;
  const p = jwsPayload<CertPayload>(s.certificate) ?? {};
  const base = h.renderRoot.querySelector('.base');
  const style = base ? getComputedStyle(base) : null;
  const { certificatePng } = await import('../../result/png');
  const blob = await certificatePng({
    title: m.result.certTitle,
    hall: h.data?.tenant.name ?? '',
    holder: p.holder?.name ?? '',
    body: m.result.certBody,
    ticketLabel: m.labels.ticket,
    ticket: b.ticket,
    lines: [h.svc?.name[h.locale] ?? b.service, when(h), h.data?.channels[b.channel]?.name[h.locale] ?? b.channel],
    qrText: s.certificateUrl,
    hint: m.result.qrHint,
    footer: p.pact?.v ? m.result.certPact(p.pact.v) : '',
    color: style?.getPropertyValue('--p').trim() || '#0b5cad',
    font: style?.fontFamily || 'sans-serif',
  });
  download(blob, `${b.ticket}.png`);
}

export function renderExtras(h: PaktaQueue): TemplateResult {
  const s = h.saved!;
  const m = h.m;
  const r = m.result;
  const svc = h.svc;
  const q = qr(s.certificateUrl);
  const share = `${r.shareText(s.booking.ticket, svc?.name[h.locale] ?? s.booking.service, when(h))} ${s.certificateUrl}`;
  return html`${svc
      ? html`<div class="bring">
          <h3>${r.bring}</h3>
          ${svc.requirements.length
            ? html`<ul>
                ${svc.requirements.map((x) => html`<li>${x[h.locale]}</li>`)}
              </ul>`
            : html`<p>${m.service.noRequirements}</p>`}
        </div>`
      : nothing}
    <h3>${m.result.certTitle}</h3>
    <p>${r.qrHint}</p>
    <svg class="qr" part="qr" viewBox=${`0 0 ${q.size} ${q.size}`} role="img" aria-label=${r.qr} shape-rendering="crispEdges">
      ${svg`<rect width=${q.size} height=${q.size} fill="#fff"></rect><path d=${q.d} fill="#000"></path>`}
    </svg>
    <div class="actions">
      <a class="btn" part="button" href=${s.certificateUrl} target="_blank" rel="noopener">${r.open}</a>
      <button type="button" part="button" @click=${() => void image(h)}>${r.download}</button>
      <a class="btn" part="button" href=${`https://wa.me/?text=${encodeURIComponent(share)}`} target="_blank" rel="noopener">${r.share}</a>
      <button type="button" part="button" @click=${() => calendar(h)}>${r.calendar}</button>
    </div>`;
}

export default { renderExtras };
