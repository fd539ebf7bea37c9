/** Step 4: name, WhatsApp number, and the NIK only when the service needs it; checked as typed. */

import { compactNik } from '@pakta/sdk/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { type Details, validateDetails } from '../../state';
import type { StepView } from '../flow-controller';
import { navButtons, problemBox } from './frame';

interface FieldSpec {
  key: keyof Details;
  type: 'text' | 'tel';
  autocomplete: string;
  inputmode: string;
}

const FIELDS: FieldSpec[] = [
  { key: 'name', type: 'text', autocomplete: 'name', inputmode: 'text' },
  { key: 'phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel' },
  { key: 'nik', type: 'text', autocomplete: 'off', inputmode: 'numeric' },
];

export function detailsStep(v: StepView): TemplateResult {
  const { m, state: st, intents } = v;
  const d = m.details;
  const nik = !!v.svc?.nikRequired;
  const errs = validateDetails(st.details, nik);
  const retention = st.data?.retentionDays;
  const text = (f: FieldSpec): { label: string; hint: string; error: string } => {
    const e = st.touched[f.key] ? errs[f.key] : undefined;
    const msg = e ? d.errors[e] : undefined;
    return {
      label: d[f.key],
      hint: d[`${f.key}Hint`],
      error: typeof msg === 'function' ? msg(compactNik(st.details.nik).length) : (msg ?? ''),
    };
  };
  return html`${problemBox(v)}
    <p class="note">${d.privacy} ${nik ? d.privacyNik : nothing} ${retention ? d.retention(retention) : nothing}</p>
    ${FIELDS.filter((f) => f.key !== 'nik' || nik).map((f) => {
      const t = text(f);
      return html`<div class="field">
        <label for=${`f-${f.key}`}>${t.label}<span class="hint" id=${`h-${f.key}`}>${t.hint}</span></label>
        <input id=${`f-${f.key}`} part="input" type=${f.type} inputmode=${f.inputmode} autocomplete=${f.autocomplete}
          spellcheck="false" required aria-required="true" aria-invalid=${t.error ? 'true' : 'false'}
          aria-describedby=${`h-${f.key} e-${f.key}`} .value=${st.details[f.key]}
          @input=${(e: Event) => intents.edit(f.key, (e.target as HTMLInputElement).value)}
          @blur=${() => intents.leave(f.key)} />
        <span class="ferr" id=${`e-${f.key}`}>${t.error}</span>
      </div>`;
    })}
    ${navButtons(v)}`;
}
