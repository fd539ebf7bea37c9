/** Step 3: a date and a time, with the places left on the chosen channel, refreshed while shown. */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatDayShort, formatMoment, formatTime, zoneName } from '../../format';
import type { Messages } from '../../locales/id';
import type { Day, Language } from '../../types';
import type { StepView } from '../flow-controller';
import { navButtons, problemBox } from './frame';

function dayStatus(m: Messages, d: Day, channel: string, lang: Language, tz: string): string {
  if (d.open) {
    const free = d.slots.filter((s) => (s.remaining[channel] ?? 0) > 0).length;
    return free ? m.slot.open(free) : m.slot.full;
  }
  const r = m.slot.reasons;
  switch (d.reason) {
    case 'weekend':
      return r.weekend;
    case 'holiday':
      return r.holiday(d.note?.[lang] ?? '');
    case 'past':
      return r.past;
    case 'beyond_window':
      return r.beyond_window;
    case 'not_released':
      return d.releasesAt ? r.not_released(formatMoment(m, d.releasesAt, tz)) : r.beyond_window;
    default:
      return d.note?.[lang] ? r.holiday(d.note[lang]) : r.closed;
  }
}

export function slotStep(v: StepView): TemplateResult {
  const { m, state: st, intents } = v;
  const a = st.avail;
  const tz = st.data!.tenant.timeZone;
  const ch = st.choice.channel!;
  if (!a) return html`${st.problem ? problemBox(v) : html`<p class="muted">${m.loading}</p>`} ${navButtons(v)}`;
  const day = a.days.find((d) => d.date === st.choice.date);
  const chName = st.data!.channels[ch]?.name[st.language] ?? ch;
  return html`${problemBox(v)}
    <p class="muted">${v.svc?.name[st.language]} · ${chName}. ${m.slot.auto}</p>
    <fieldset>
      <legend>${m.slot.days}</legend>
      <ul class="list days">
        ${a.days.map((d) => {
          const status = dayStatus(m, d, ch, st.language, tz);
          return html`<li>
            <label class="opt" part="option">
              <input type="radio" name="day" .value=${d.date} .checked=${d.date === st.choice.date} ?disabled=${!d.open}
                @change=${() => intents.pick({ date: d.date, slot: null })} />
              <span
                ><b><span aria-hidden="true">${formatDayShort(m, d.date)}</span><span class="sr">${formatDate(m, d.date)}</span></b
                ><span class="hint">${status}</span></span
              >
            </label>
          </li>`;
        })}
      </ul>
    </fieldset>
    ${
      day
        ? html`<fieldset>
          <legend>${m.slot.slots(formatDate(m, day.date), zoneName(m, tz))}</legend>
          ${
            day.open && day.slots.length
              ? html`<ul class="list slots">
                ${day.slots.map((s) => {
                  const left = s.remaining[ch] ?? 0;
                  return html`<li>
                    <label class="opt" part="option">
                      <input type="radio" name="slot" .value=${s.id} .checked=${s.id === st.choice.slot} ?disabled=${left < 1}
                        @change=${() => intents.pick({ slot: s.id })} />
                      <span
                        ><b>${formatTime(m, s.start, tz)}</b
                        ><span class="sr">${m.slot.until(formatTime(m, s.end, tz))}</span
                        ><span class="hint">${left > 0 ? m.slot.remaining(left) : m.slot.full}</span></span
                      >
                    </label>
                  </li>`;
                })}
              </ul>`
              : html`<p>${day.open ? m.slot.noSlots : dayStatus(m, day, ch, st.language, tz)}</p>`
          }
        </fieldset>`
        : nothing
    }
    ${navButtons(v)}`;
}
