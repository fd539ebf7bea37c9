/** What every step shows around its own content: the error box and the back and next buttons. In the first script. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Shown } from '../../problems';
import type { StepView } from '../flow-controller';

/** The error box of a step, with a retry button (disabled while a 429's Retry-After runs). */
export function problemBox(v: StepView, p: Shown | null = v.state.problem): TemplateResult | typeof nothing {
  if (!p) return nothing;
  const wait = p.until ? Math.ceil((p.until - v.state.now) / 1000) : 0;
  return html`<div class="alert" part="alert">
    <p>${p.text}</p>
    ${
      p.retry
        ? html`<button type="button" part="button" ?disabled=${wait > 0 || v.state.busy} @click=${p.retry}>
          ${wait > 0 ? v.m.retryIn(wait) : v.m.retry}
        </button>`
        : nothing
    }
  </div>`;
}

/** Back and next buttons. */
export function navButtons(v: StepView, nextLabel = v.m.next, disabled = false): TemplateResult {
  const first = v.steps.indexOf(v.state.step) <= 0;
  return html`<div class="nav">
    ${first ? nothing : html`<button type="button" part="button" @click=${() => v.intents.back()}>${v.m.back}</button>`}
    <button type="submit" class="primary" part="button button-primary" ?disabled=${disabled}>${nextLabel}</button>
  </div>`;
}
