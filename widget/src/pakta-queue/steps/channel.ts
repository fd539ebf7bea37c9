/** Step 2: the tenant's Meta-Channel: how the citizen wants to be served, each way explained. */
import { html, type TemplateResult } from 'lit';
import { offeredChannels } from '../../catalog';
import type { StepView } from '../flow-controller';
import { navButtons, problemBox } from './frame';

export function channelStep(v: StepView): TemplateResult {
  const { m, state: st, intents } = v;
  const lang = st.language;
  const svc = v.svc!;
  const channels = st.data!.channels;
  return html`${problemBox(v)}
    <fieldset>
      <legend>${m.channel.intro(svc.name[lang])}</legend>
      <ul class="list">
        ${offeredChannels(svc, v.restriction).map(
          (c) => html`<li>
            <label class="opt" part="option">
              <input type="radio" name="ch" .value=${c} .checked=${st.choice.channel === c} aria-describedby=${`cd-${c}`}
                @change=${() => intents.pick({ channel: c, slot: null })} />
              <span><b>${channels[c]?.name[lang] ?? c}</b><span class="hint" id=${`cd-${c}`}>${channels[c]?.description[lang] ?? ''}</span></span>
            </label>
          </li>`,
        )}
      </ul>
    </fieldset>
    ${navButtons(v)}`;
}
