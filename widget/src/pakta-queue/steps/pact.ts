/** Step 5: the integrity pact, in full, in the chosen language; no number without ticking it. */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatSpan } from '../../format';
import { findDay, normaliseName } from '../../state';
import type { StepView } from '../flow-controller';
import { navButtons, problemBox } from './frame';

export function pactStep(v: StepView): TemplateResult {
  const { m, state: st, intents } = v;
  const d = st.data!;
  const lang = st.language;
  const svc = v.svc;
  const c = st.choice;
  const slot = findDay(st.avail, c.date)?.slots.find((s) => s.id === c.slot);
  const agency = d.agencies.find((a) => a.id === svc?.agencyId);
  return html`${problemBox(v)}
    <h3>${m.pact.summary}</h3>
    <dl>
      <dt>${m.labels.service}</dt>
      <dd>${svc?.name[lang]}</dd>
      ${agency ? html`<dt>${m.labels.agency}</dt><dd>${agency.name[lang]}</dd>` : nothing}
      <dt>${m.labels.channel}</dt>
      <dd>${d.channels[c.channel!]?.name[lang] ?? c.channel}</dd>
      <dt>${m.labels.date}</dt>
      <dd>${c.date ? formatDate(m, c.date, true) : ''}</dd>
      <dt>${m.labels.time}</dt>
      <dd>${slot ? formatSpan(m, slot.start, slot.end, d.tenant.timeZone) : c.slot}</dd>
      <dt>${m.labels.name}</dt>
      <dd>${normaliseName(st.details.name)}</dd>
    </dl>
    <p>${m.pact.intro}</p>
    <div class="pact" part="pact" id="pact" lang=${d.pact.lang}>${d.pact.text}</div>
    <p class="muted">${m.pact.version(d.pact.version)}</p>
    <p class="note">${m.pact.report} <a href="https://www.lapor.go.id/" target="_blank" rel="noopener noreferrer">lapor.go.id</a></p>
    <label class="opt" part="option">
      <input type="checkbox" .checked=${st.accepted} @change=${(e: Event) => intents.accept((e.target as HTMLInputElement).checked)} />
      <span>${m.pact.accept}</span>
    </label>
    ${navButtons(v, st.busy ? m.pact.booking : m.pact.book, !st.accepted || st.busy)}`;
}
