/** Step 1: find the service (a tenant offers 100–200) and see what to bring. */
import { html, nothing, type TemplateResult } from 'lit';
import { offeredServices, searchServices } from '../../catalog';
import type { StepView } from '../flow-controller';
import { navButtons, problemBox } from './frame';

const keepEnter = (e: KeyboardEvent) => {
  // Enter in the search box searches (live); it must not submit the step
  if (e.key === 'Enter') e.preventDefault();
};

export function serviceStep(v: StepView): TemplateResult {
  const { m, state: st, intents } = v;
  const d = st.data!;
  const lang = st.language;
  const all = offeredServices(d, v.restriction);
  const found = searchServices(all, d.agencies, st.query, lang);
  // the chosen service stays in sight (and chosen) even when a new search would hide it
  const chosen = all.find((s) => s.id === st.choice.service);
  const list = chosen && !found.includes(chosen) ? [chosen, ...found] : found;
  const agencies = new Map(d.agencies.map((a) => [a.id, a.name[lang]]));
  const grouped = new Set(all.map((s) => s.agencyId)).size > 1;
  let last = '';
  return html`${problemBox(v)}
    <div class="field">
      <label for="q">${m.service.search}<span class="hint" id="q-h">${m.service.searchHint}</span></label>
      <input id="q" type="search" part="input" autocomplete="off" enterkeyhint="search" aria-describedby="q-h q-n"
        .value=${st.query} @input=${(e: Event) => intents.search((e.target as HTMLInputElement).value)} @keydown=${keepEnter} />
    </div>
    <fieldset>
      <legend class="sr">${m.steps.service}</legend>
      <p class="muted" id="q-n">${found.length ? m.service.found(found.length) : m.service.none}</p>
      <ul class="list">
        ${list.map((s) => {
          const head =
            grouped && s.agencyId !== last
              ? html`<li><h3 class="agency">${agencies.get(s.agencyId)}</h3></li>`
              : nothing;
          last = s.agencyId;
          const on = s.id === st.choice.service;
          return html`${head}
            <li>
              <label class="opt" part="option">
                <input type="radio" name="svc" .value=${s.id} .checked=${on} aria-describedby=${on ? 'req' : nothing}
                  @change=${() => intents.pickService(s.id)} />
                <span><b>${s.name[lang]}</b>${grouped ? nothing : html`<span class="hint">${agencies.get(s.agencyId)}</span>`}</span>
              </label>
              ${
                on
                  ? html`<div class="req" id="req">
                    ${
                      s.requirements.length
                        ? html`${m.service.requirements}
                          <ul>
                            ${s.requirements.map((r) => html`<li>${r[lang]}</li>`)}
                          </ul>`
                        : m.service.noRequirements
                    }
                  </div>`
                  : nothing
              }
            </li>`;
        })}
      </ul>
    </fieldset>
    ${navButtons(v)}`;
}
