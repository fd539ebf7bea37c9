/** Step 2: the hall's Meta-Channel: how the citizen wants to be served, each way explained. */
import { html, type TemplateResult } from 'lit';
import type { PaktaQueue } from '../pakta-queue';
import { offeredChannels } from '../../catalog';

export function channelStep(h: PaktaQueue): TemplateResult {
  const m = h.m;
  const lang = h.locale;
  const svc = h.svc!;
  const channels = h.data!.channels;
  return html`${h.renderProblem()}
    <fieldset>
      <legend>${m.channel.intro(svc.name[lang])}</legend>
      <ul class="list">
        ${offeredChannels(svc, h.restriction).map(
          (c) => html`<li>
            <label class="opt" part="option">
              <input type="radio" name="ch" .value=${c} .checked=${h.choice.channel === c} aria-describedby=${`cd-${c}`}
                @change=${() => h.pick({ channel: c, slot: null })} />
              <span><b>${channels[c]?.name[lang] ?? c}</b><span class="hint" id=${`cd-${c}`}>${channels[c]?.description[lang] ?? ''}</span></span>
            </label>
          </li>`,
        )}
      </ul>
    </fieldset>
    ${h.renderNav()}`;
}
