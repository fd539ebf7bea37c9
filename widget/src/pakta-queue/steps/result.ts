/**
 * Step 6: the number. The ticket, when and how, and cancel/dismiss render here (in the first script, so they
 * show offline after a reload); the QR code, image, WhatsApp and calendar come from a lazy chunk.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatSpan } from '../../format';
import type { StepView } from '../flow-controller';
import { problemBox } from './frame';

export function resultStep(v: StepView): TemplateResult {
  const { m, state: st, intents } = v;
  const r = m.result;
  const s = st.saved!;
  const b = s.booking;
  const d = st.data;
  const lang = st.language;
  const svc = v.svc;
  const agency = d?.agencies.find((a) => a.id === b.agency);
  const cancelled = b.status === 'cancelled';
  const tz = d?.tenant.timeZone;
  return html`<div class=${cancelled ? 'cancelled' : ''}>
    ${problemBox(v)} ${st.stale ? html`<p class="note">${r.offline}</p>` : nothing}
    ${cancelled ? html`<p class="alert" part="alert">${r.cancelled}</p>` : nothing}
    <div class="ticket" part="ticket">
      ${m.labels.ticket}
      <strong>${b.ticket}</strong>
    </div>
    <dl>
      <dt>${m.labels.service}</dt>
      <dd>${svc?.name[lang] ?? b.service}</dd>
      <dt>${m.labels.agency}</dt>
      <dd>${agency?.name[lang] ?? b.agency}</dd>
      ${d ? html`<dt>${m.labels.place}</dt><dd>${d.tenant.name}</dd>` : nothing}
      <dt>${m.labels.date}</dt>
      <dd>${formatDate(m, b.date, true)}</dd>
      <dt>${m.labels.time}</dt>
      <dd>${tz ? formatSpan(m, b.start, b.end, tz) : b.slot}</dd>
      <dt>${m.labels.channel}</dt>
      <dd>${d?.channels[b.channel]?.name[lang] ?? b.channel}</dd>
    </dl>
    ${!cancelled && v.extras ? v.extras.renderExtras(v) : nothing}
    ${
      cancelled || !s.manageToken
        ? nothing
        : st.confirming
          ? html`<div class="alert" part="alert" role="group" aria-labelledby="cq">
            <p id="cq">${r.confirm}</p>
            <div class="nav">
              <button type="button" part="button" id="cno" @click=${() => intents.keepBooking()}>${r.confirmNo}</button>
              <button type="button" class="danger primary" part="button" ?disabled=${st.busy} @click=${() => intents.cancel()}>${r.confirmYes}</button>
            </div>
          </div>`
          : html`<div class="actions">
            <button type="button" class="danger" part="button" @click=${() => intents.askCancel()}>${r.cancel}</button>
          </div>`
    }
    <div class="actions">
      <button type="button" part="button" @click=${() => intents.dismiss()}>${r.dismiss}</button>
    </div>
    <p class="muted">${r.dismissHint}</p>
  </div>`;
}
