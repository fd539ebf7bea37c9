/**
 * The result step's extras, loaded on demand: what to bring, the certificate's QR code, and buttons to open,
 * download (PNG), share to WhatsApp and add to the calendar.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { formatDate, formatSpan } from '../../format';
import { download, jwsPayload } from '../../result/download';
import { ics } from '../../result/ics';
import { qrPath } from '../../result/qr';
import type { StepView } from '../flow-controller';

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

function when(v: StepView): string {
  const b = v.state.saved!.booking;
  const tz = v.state.data?.tenant.timeZone;
  return v.m.slot.at(formatDate(v.m, b.date, true), tz ? formatSpan(v.m, b.start, b.end, tz) : b.slot);
}

function calendar(v: StepView): void {
  const s = v.state.saved!;
  const b = s.booking;
  const svc = v.svc?.name[v.state.language] ?? b.service;
  const bring = v.svc?.requirements.map((r) => `- ${r[v.state.language]}`) ?? [];
  const text = ics({
    uid: `${b.id}@pakta`,
    start: b.start,
    end: b.end,
    summary: `${b.ticket} · ${svc}`,
    location: v.state.data?.tenant.name ?? '',
    description: [
      `${v.m.labels.ticket}: ${b.ticket}`,
      ...(bring.length ? [v.m.result.bring, ...bring] : []),
      s.certificateUrl,
    ].join('\n'),
    url: s.certificateUrl,
    alarm: 60,
  });
  download(new Blob([text], { type: 'text/calendar;charset=utf-8' }), `${b.ticket}.ics`);
}

async function image(v: StepView): Promise<void> {
  const s = v.state.saved!;
  const m = v.m;
  const b = s.booking;
  const p = jwsPayload<CertPayload>(s.certificate) ?? {};
  const base = v.root.querySelector('.base');
  const style = base ? getComputedStyle(base) : null;
  const { certificatePng } = await import('../../result/png');
  const blob = await certificatePng({
    title: m.result.certTitle,
    tenant: v.state.data?.tenant.name ?? '',
    holder: p.holder?.name ?? '',
    body: m.result.certBody,
    ticketLabel: m.labels.ticket,
    ticket: b.ticket,
    lines: [
      v.svc?.name[v.state.language] ?? b.service,
      when(v),
      v.state.data?.channels[b.channel]?.name[v.state.language] ?? b.channel,
    ],
    qrText: s.certificateUrl,
    hint: m.result.qrHint,
    footer: p.pact?.v ? m.result.certPact(p.pact.v) : '',
    color: style?.getPropertyValue('--p').trim() || '#0b5cad',
    font: style?.fontFamily || 'sans-serif',
  });
  download(blob, `${b.ticket}.png`);
}

export function renderExtras(v: StepView): TemplateResult {
  const s = v.state.saved!;
  const m = v.m;
  const r = m.result;
  const svc = v.svc;
  const q = qr(s.certificateUrl);
  const share = `${r.shareText(s.booking.ticket, svc?.name[v.state.language] ?? s.booking.service, when(v))} ${s.certificateUrl}`;
  return html`${
    svc
      ? html`<div class="bring">
          <h3>${r.bring}</h3>
          ${
            svc.requirements.length
              ? html`<ul>
                ${svc.requirements.map((x) => html`<li>${x[v.state.language]}</li>`)}
              </ul>`
              : html`<p>${m.service.noRequirements}</p>`
          }
        </div>`
      : nothing
  }
    <h3>${m.result.certTitle}</h3>
    <p>${r.qrHint}</p>
    <svg class="qr" part="qr" viewBox=${`0 0 ${q.size} ${q.size}`} role="img" aria-label=${r.qr} shape-rendering="crispEdges">
      ${svg`<rect width=${q.size} height=${q.size} fill="#fff"></rect><path d=${q.d} fill="#000"></path>`}
    </svg>
    <div class="actions">
      <a class="btn" part="button" href=${s.certificateUrl} target="_blank" rel="noopener">${r.open}</a>
      <button type="button" part="button" @click=${() => void image(v)}>${r.download}</button>
      <a class="btn" part="button" href=${`https://wa.me/?text=${encodeURIComponent(share)}`} target="_blank" rel="noopener">${r.share}</a>
      <button type="button" part="button" @click=${() => calendar(v)}>${r.calendar}</button>
    </div>`;
}

export default { renderExtras };
