/**
 * The `<pakta-queue>` element: its attributes, its frame and which step it shows. The booking flow's state and
 * transitions are its `FlowController`'s; the steps render from a read-only view of it.
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Step } from '../catalog';
import type { Messages } from '../locales/id';
import { FlowController } from './flow-controller';
import styles from './pakta-queue.styles';
import { problemBox } from './steps/frame';
import { serviceStep } from './steps/service';

/**
 * `<pakta-queue>`: an online queue number for a tenant (a public service hall), given only after the citizen
 * agrees to the tenant's integrity pact; the result is a signed pact certificate.
 *
 * ```html
 * <script type="module" src="https://PAKTA-API/widget.js"></script>
 * <pakta-queue tenant="demo"></pakta-queue>
 * ```
 *
 * @summary Integrity-pact queue booking for Mal Pelayanan Publik.
 * @tagname pakta-queue
 *
 * @event pakta-booked - A number was taken. `detail: { booking, certificate, certificateUrl }`.
 * @event pakta-cancelled - The citizen cancelled their booking. `detail: { booking }`.
 * @event pakta-error - An error was shown to the citizen. `detail: { code, message }`.
 *
 * @csspart base - The widget's frame.
 * @csspart header - The tenant's name and the language switch.
 * @csspart lang-switch - The language switch button.
 * @csspart progress - The progress bar above each step's heading.
 * @csspart heading - Each step's heading.
 * @csspart alert - An error message box.
 * @csspart button - Every button (also `button-primary` on the main action of a step).
 * @csspart button-primary - The main action of a step.
 * @csspart input - Text inputs.
 * @csspart option - A choosable service, channel, date or time.
 * @csspart pact - The integrity pact text.
 * @csspart ticket - The ticket number box on the result step.
 * @csspart qr - The certificate QR code.
 *
 * @cssproperty [--pakta-color-primary=#0b5cad] - Buttons, links, selection and the ticket number (≥ 4.5:1 on the surface).
 * @cssproperty [--pakta-color-on-primary=#fff] - Text on primary buttons.
 * @cssproperty [--pakta-color-text=#1b1b1b] - Body text.
 * @cssproperty [--pakta-color-muted=#50565c] - Hints and secondary text.
 * @cssproperty [--pakta-color-surface=#fff] - Background.
 * @cssproperty [--pakta-color-surface-alt=#f2f4f7] - Background of selected options and the pact text.
 * @cssproperty [--pakta-color-border=#767b82] - Borders of inputs and options.
 * @cssproperty [--pakta-color-frame=#d0d5dc] - Border of the whole widget.
 * @cssproperty [--pakta-color-danger=#b3261e] - Errors and cancel.
 * @cssproperty [--pakta-color-focus=#c2410c] - The focus ring.
 * @cssproperty [--pakta-font-family=system-ui, sans-serif] - Font of the whole widget.
 * @cssproperty [--pakta-font-size=16px] - Base font size; everything scales from it.
 * @cssproperty [--pakta-radius=8px] - Corner radius.
 * @cssproperty [--pakta-padding=16px] - Padding inside the frame.
 * @cssproperty [--pakta-max-width=40rem] - Widest the widget grows.
 */
export class PaktaQueue extends LitElement {
  static override styles = styles;

  static override properties = {
    tenant: {},
    api: {},
    lang: {},
    agency: {},
    service: {},
    channel: {},
  };

  /** The tenant's id in the API (`/v1/tenants/{tenant}`). */
  declare tenant: string;
  /** The API's base URL; by default the origin and path the script was loaded from. */
  declare api: string;
  /** `id` or `en`; by default the page's `<html lang>`, else `id`. The citizen can switch inside the widget. */
  declare lang: string;
  /** Only this agency's services. */
  declare agency: string;
  /** Only this service (its step is then skipped). */
  declare service: string;
  /** Only this channel (its step is then skipped). */
  declare channel: string;

  /** @internal The booking flow: state and transitions. */
  readonly flow = new FlowController(this);

  constructor() {
    super();
    this.tenant = this.api = this.lang = this.agency = this.service = this.channel = '';
  }

  protected override willUpdate(c: PropertyValues<this>): void {
    this.flow.attributesChanged({
      target: c.has('tenant') || c.has('api'),
      lang: c.has('lang'),
      restriction: c.has('agency') || c.has('service') || c.has('channel'),
    });
  }

  private onSubmit = (e: Event): void => {
    e.preventDefault();
    this.flow.next();
  };

  protected override render(): TemplateResult {
    const f = this.flow;
    const m = f.m;
    const other = m.other;
    const st = f.state;
    return html`<div class="base" part="base" lang=${st.language}>
      <div class="top" part="header">
        <span class="tenant-name">${st.data?.tenant.name ?? m.title}</span>
        <button type="button" class="link" part="button lang-switch" lang=${other.lang} aria-label=${other.label} @click=${() => f.setLanguage(other.lang)}>
          ${other.name}
        </button>
      </div>
      ${this.body(m)}
      <div class="sr" role="status" aria-live="polite" aria-atomic="true">${st.said}</div>
      <div class="sr" role="alert" aria-live="assertive" aria-atomic="true">${st.alerted}</div>
    </div>`;
  }

  private body(m: Messages): TemplateResult {
    const f = this.flow;
    const st = f.state;
    const steps = f.steps;
    const chunk = f.flow;
    const s = st.step;
    if (s === 'result' && st.saved)
      return chunk ? this.frame(m, s, chunk.resultStep(f.view()), false) : this.waiting(m);
    if (!st.data) {
      return st.loadError
        ? html`<h2 tabindex="-1" part="heading">${m.errors.load}</h2>
            ${problemBox(f.view(), st.loadError)}`
        : html`<p class="muted" role="status">${m.loading}</p>`;
    }
    const i = steps.indexOf(s);
    const view =
      s === 'service'
        ? serviceStep(f.view())
        : !chunk
          ? this.waiting(m)
          : chunk[`${s as Exclude<Step, 'service' | 'result'>}Step`](f.view());
    return html`<div class="bar" part="progress" aria-hidden="true">
        ${steps.map((_, j) => html`<span class=${j <= i ? 'done' : ''}></span>`)}
      </div>
      ${this.frame(m, s, html`<form novalidate @submit=${this.onSubmit}>${view}</form>`, true, i + 1, steps.length)}`;
  }

  /** While steps 2–6 are on their way (or could not come: offline). */
  private waiting(m: Messages): TemplateResult {
    return this.flow.state.flowFailed
      ? html`${problemBox(this.flow.view(), { code: 'network', text: m.errors.network!, retry: () => void this.flow.loadFlow() })}`
      : html`<p class="muted">${m.loading}</p>`;
  }

  private frame(m: Messages, step: Step, content: TemplateResult, progress: boolean, n = 0, total = 0): TemplateResult {
    return html`<h2 tabindex="-1" part="heading">
        ${progress ? html`<span class="progress">${m.progress(n, total)}</span><br />` : nothing}${m.steps[step]}
      </h2>
      ${content}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pakta-queue': PaktaQueue;
  }
}
