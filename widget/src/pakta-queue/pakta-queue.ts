import { LitElement, adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import styles from './pakta-queue.styles';
import id, { type Messages } from '../locales/id';
import { fetchTenant, isApiFailure, normaliseBase } from '../api';
import type { Booker } from '../booking';
import { defaultBase } from '../base';
import { emit } from '../events';
import { isRetryable, problemText } from '../problems';
import { STEPS, offeredChannels, offeredServices, pickLang, stepsFor, type Restriction, type Step } from '../catalog';
import type { Choice, Details } from '../state';
import { forget, loadSaved, type Saved } from '../storage';
import type { Availability, Language, ServiceInfo, TenantConfig } from '../types';
import { serviceStep } from './steps/service';

type Flow = (typeof import('./flow'))['default'];
type Proof = import('./actions').Proof;
type Extras = (typeof import('./steps/result-extras'))['default'];

/** An error as shown to the citizen. */
export interface Shown {
  code: string;
  text: string;
  retry?: () => void;
  /** Epoch ms before which the retry button stays disabled (429 Retry-After). */
  until?: number;
}

const POLL_MS = 15_000;
/** Indonesian ships in the first script; English is fetched when first needed. */
const LOCALES: Partial<Record<Language, Messages>> = { id };
const loadLocale = async (l: Language): Promise<Messages> => (LOCALES[l] ??= (await import('../locales/en')).default);

/**
 * `<pakta-queue>`: an online queue number for a public service hall, given only after the citizen agrees to
 * the hall's integrity pact; the result is a signed pact certificate.
 *
 * ```html
 * <script type="module" src="https://HALL-API/widget.js"></script>
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
 * @csspart header - The hall's name and the language switch.
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
    locale: { state: true },
    data: { state: true },
    loadError: { state: true },
    step: { state: true },
    choice: { state: true },
    query: { state: true },
    avail: { state: true },
    details: { state: true },
    touched: { state: true },
    accepted: { state: true },
    busy: { state: true },
    problem: { state: true },
    saved: { state: true },
    stale: { state: true },
    confirming: { state: true },
    extras: { state: true },
    flow: { state: true },
    said: { state: true },
    alerted: { state: true },
    now: { state: true },
  };

  /** The hall's id in the API (`/v1/tenants/{tenant}`). */
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

  /** @internal */ declare locale: Language;
  /** @internal */ declare data: TenantConfig | null;
  /** @internal */ declare loadError: Shown | null;
  /** @internal */ declare step: Step;
  /** @internal */ declare choice: Choice;
  /** @internal */ declare query: string;
  /** @internal */ declare avail: Availability | null;
  /** @internal */ declare details: Details;
  /** @internal */ declare touched: Partial<Record<keyof Details, boolean>>;
  /** @internal */ declare accepted: boolean;
  /** @internal */ declare busy: boolean;
  /** @internal */ declare problem: Shown | null;
  /** @internal */ declare saved: Saved | null;
  /** @internal */ declare stale: boolean;
  /** @internal */ declare confirming: boolean;
  /** @internal */ declare extras: Extras | null;
  /** @internal */ declare flow: Flow | null;
  /** @internal */ declare said: string;
  /** @internal */ declare alerted: string;
  /** @internal */ declare now: number;

  /** @internal */ base = '';
  /** The language asked for; `locale` follows once its messages and the hall's pact in it are loaded. */
  private wanted: Language = 'id';
  private flowFailed = false;
  /** @internal */ booker?: Booker;
  /** @internal The proof of work being solved for a rush service. */
  pow?: Promise<Proof> | null;
  /** @internal */ seq = 0;
  private pollTimer = 0;
  private tick = 0;
  /** @internal */ focusHeading = false;
  private queryTimer = 0;

  constructor() {
    super();
    this.tenant = this.api = this.lang = this.agency = this.service = this.channel = '';
    this.locale = 'id';
    this.data = this.loadError = this.avail = this.problem = this.saved = this.extras = this.flow = null;
    this.step = 'service';
    this.choice = { service: null, channel: null, date: null, slot: null };
    this.query = this.said = this.alerted = '';
    this.details = { name: '', phone: '', nik: '' };
    this.touched = {};
    this.accepted = this.busy = this.stale = this.confirming = false;
    this.now = Date.now();
  }

  /** @internal The messages of the current language. */
  get m(): Messages {
    return LOCALES[this.locale] ?? id;
  }

  /** @internal */
  get restriction(): Restriction {
    return { agency: this.agency || null, service: this.service || null, channel: this.channel || null };
  }

  /** @internal The steps this instance shows. */
  get steps(): Step[] {
    return this.data ? stepsFor(offeredServices(this.data, this.restriction), this.restriction) : [...STEPS];
  }

  /** @internal The chosen service. */
  get svc(): ServiceInfo | undefined {
    const id = this.saved?.booking.service ?? this.choice.service;
    return this.data?.services.find((s) => s.id === id);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
    if (this.base) this.syncPoll();
    // back on the page after being moved: the proof dropped on leaving is started again
    this.flow?.prepare(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.pollTimer);
    clearInterval(this.tick);
    this.pollTimer = this.tick = 0;
    this.flow?.dropProof(this);
  }

  protected override willUpdate(c: PropertyValues<this>): void {
    let relang = false;
    if (c.has('lang')) {
      const l = pickLang(this.lang, document.documentElement.lang);
      relang = l !== this.wanted;
      this.wanted = l;
    }
    if (c.has('choice') && c.get('choice')?.service !== this.choice.service) this.flow?.dropProof(this, true);
    if (c.has('tenant') || c.has('api')) this.init();
    else if (relang || c.has('agency') || c.has('service') || c.has('channel')) void this.loadTenant();
  }

  protected override updated(c: PropertyValues<this>): void {
    if (c.has('step')) {
      this.syncPoll();
      this.flow?.prepare(this);
    }
    if (this.focusHeading) {
      this.focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    }
  }

  /** (Re)starts against the API and tenant given by the attributes. */
  private init(): void {
    if (!this.tenant) return;
    try {
      this.base = this.api ? normaliseBase(this.api, location.href) : defaultBase || normaliseBase('/', location.href);
    } catch {
      this.base = defaultBase;
    }
    void this.loadFlow();
    this.booker = undefined;
    this.flow?.dropProof(this);
    this.saved = loadSaved(this.base, this.tenant)[0] ?? null;
    if (this.saved) {
      this.step = 'result';
      void this.loadFlow().then(() => this.flow?.refreshSaved(this));
    }
    void this.loadTenant();
  }

  /** Loads the hall in the current language (the pact text and hash are per language). */
  async loadTenant(): Promise<void> {
    if (!this.base) return;
    const seq = ++this.seq;
    const pact = this.data?.pact;
    const lang = this.wanted;
    try {
      const [d] = await Promise.all([fetchTenant(this.base, this.tenant, lang), loadLocale(lang)]);
      if (seq !== this.seq) return;
      this.locale = lang;
      this.data = d;
      this.loadError = null;
      if (pact && (pact.hash !== d.pact.hash || pact.version !== d.pact.version)) {
        // a different text is shown now: agreeing to the old one does not count
        if (this.accepted && this.step === 'pact') this.say(this.m.pact.relang);
        this.accepted = false;
      }
      this.applyRestriction();
    } catch (e) {
      if (seq !== this.seq) return;
      if (!this.data && LOCALES[lang]) this.locale = lang;
      this.loadError = this.shown(e, () => void this.loadTenant());
      this.report(this.loadError);
      // for the webmaster: a wrong `api`/`tenant`, or this origin missing from the hall's allowedOrigins
      console.warn(`<pakta-queue>: could not load hall "${this.tenant}" from ${this.base}`, e);
    }
  }

  private applyRestriction(): void {
    const r = this.restriction;
    const list = offeredServices(this.data!, r);
    if (r.service && list.length === 1) this.choice = { ...this.choice, service: list[0]!.id };
    if (this.choice.service && !list.some((s) => s.id === this.choice.service)) this.choice = { service: null, channel: null, date: null, slot: null };
    const chans = this.svc ? offeredChannels(this.svc, r) : [];
    if (!this.choice.channel && chans.length === 1) this.choice = { ...this.choice, channel: chans[0]! };
    if (this.step !== 'result' && !this.steps.includes(this.step)) this.step = this.steps[0]!;
  }

  /* ---------- navigation ---------- */

  /** @internal */
  go(step: Step): void {
    this.problem = null;
    this.confirming = false;
    this.step = step;
    this.focusHeading = true;
    if (step === 'pact' || step === 'result') void this.loadExtras();
  }

  /** @internal */
  back(): void {
    const s = this.steps;
    const i = s.indexOf(this.step);
    if (i > 0) this.go(s[i - 1]!);
  }

  /** @internal Validates the current step and moves on (steps 2–6 check themselves in the flow chunk). */
  next(): void {
    const err = this.step === 'service' ? (this.choice.service ? '' : this.m.service.choose) : this.flow?.check(this);
    if (err === undefined) return;
    if (err) {
      this.problem = { code: 'input', text: err };
      this.say(err, true);
      return;
    }
    const s = this.steps;
    this.go(s[s.indexOf(this.step) + 1]!);
  }

  /** @internal */
  onSubmit = (e: Event): void => {
    e.preventDefault();
    this.next();
  };

  /** @internal */
  pickService(id: string): void {
    if (id === this.choice.service) return;
    const svc = this.data?.services.find((s) => s.id === id);
    const chans = svc ? offeredChannels(svc, this.restriction) : [];
    this.choice = { service: id, channel: chans.length === 1 ? chans[0]! : null, date: null, slot: null };
    this.avail = null;
    this.problem = null;
  }

  /** @internal */
  pick(patch: Partial<Choice>): void {
    this.choice = { ...this.choice, ...patch };
    this.problem = null;
  }

  /** @internal */
  onQuery = (e: Event): void => {
    this.query = (e.target as HTMLInputElement).value;
    clearTimeout(this.queryTimer);
    this.queryTimer = window.setTimeout(() => {
      const n = this.renderRoot.querySelectorAll('input[name="svc"]').length;
      this.say(n ? this.m.service.found(n) : this.m.service.none);
    }, 700);
  };

  /** @internal */
  setLocale(l: Language): void {
    if (l === this.wanted && l === this.locale) return;
    this.wanted = l;
    this.problem = null;
    void this.loadTenant();
  }

  /* ---------- availability ---------- */

  private onVisible = (): void => {
    if (document.visibilityState === 'visible' && this.step === 'slot') this.loadAvail();
  };

  /** Polls availability while (and only while) the slot step is shown. */
  private syncPoll(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = 0;
    if (this.step !== 'slot' || !this.isConnected) return;
    this.loadAvail();
    this.pollTimer = window.setInterval(() => {
      if (document.visibilityState === 'visible') this.loadAvail();
    }, POLL_MS);
  }

  /* ---------- delegated to the flow chunk ---------- */

  /** @internal */
  loadAvail(): void {
    // the slot step may be the first one (service and channel fixed by the page): wait for the chunk
    void this.loadFlow().then(() => this.flow?.loadAvail(this));
  }

  /** @internal */
  book(): void {
    void this.flow?.book(this);
  }

  /** @internal */
  cancel(): void {
    void this.flow?.cancel(this);
  }

  /* ---------- the saved booking ---------- */

  /** @internal Asks before cancelling; focus goes to the safe answer. */
  askCancel(): void {
    this.confirming = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#cno')?.focus());
  }

  /** @internal Forgets the shown booking on this device and starts over (or shows the next saved one). */
  dismiss(focus = true): void {
    if (this.saved) forget(this.base, this.tenant, this.saved.bookingId);
    this.saved = loadSaved(this.base, this.tenant)[0] ?? null;
    this.stale = false;
    this.problem = null;
    if (this.saved) {
      void this.flow?.refreshSaved(this);
      this.go('result');
    } else {
      this.choice = { service: null, channel: null, date: null, slot: null };
      this.avail = null;
      this.step = this.steps[0]!;
      if (this.data) this.applyRestriction();
      this.focusHeading = focus;
    }
  }

  /** @internal Loads steps 2–6. */
  async loadFlow(): Promise<void> {
    if (this.flow) return;
    try {
      const flow = (await import('./flow')).default;
      adoptStyles(this.renderRoot as ShadowRoot, [styles, flow.styles]);
      this.flow = flow;
      this.flowFailed = false;
    } catch {
      this.flowFailed = true;
      this.requestUpdate();
    }
  }

  /** @internal */
  async loadExtras(): Promise<void> {
    if (this.extras) return;
    try {
      this.extras = (await import('./steps/result-extras')).default;
    } catch {
      // offline: the ticket still shows; the QR and buttons come with the next try
    }
  }

  /* ---------- messages ---------- */

  /** @internal Puts a message in the live region (`urgent`: assertive). */
  say(text: string, urgent = false): void {
    // cleared first, so the same words are announced again
    if (urgent) this.alerted = '';
    else this.said = '';
    requestAnimationFrame(() => {
      if (urgent) this.alerted = text;
      else this.said = text;
    });
  }

  shown(e: unknown, retry?: () => void): Shown {
    const m = this.m;
    if (!isApiFailure(e)) return { code: 'generic', text: m.errors.generic!, retry };
    const wait = e.code === 'rate_limited' ? (e.retryAfter ?? 10) : 0;
    const text = e.code === 'rate_limited' ? m.rateLimited(wait) : problemText(m.errors, e.code, e.detail);
    return { code: e.code, text, retry: isRetryable(e.code) ? retry : undefined, until: wait ? Date.now() + wait * 1000 : 0 };
  }

  report(s: Shown): void {
    emit(this, 'pakta-error', { code: s.code, message: s.text });
  }

  /** Shows an error on the current step, announces it and tells the host page. */
  fail(e: unknown, retry?: () => void): void {
    const s = (this.problem = this.shown(e, retry));
    this.say(s.text, true);
    this.report(s);
    if (s.until) {
      clearInterval(this.tick);
      this.now = Date.now();
      this.tick = window.setInterval(() => {
        this.now = Date.now();
        if (this.now >= (this.problem?.until ?? 0)) clearInterval(this.tick);
      }, 1000);
    }
  }

  /* ---------- rendering ---------- */

  /** @internal The error box of a step. */
  renderProblem(p: Shown | null = this.problem): TemplateResult | typeof nothing {
    if (!p) return nothing;
    const wait = p.until ? Math.ceil((p.until - this.now) / 1000) : 0;
    return html`<div class="alert" part="alert">
      <p>${p.text}</p>
      ${p.retry
        ? html`<button type="button" part="button" ?disabled=${wait > 0 || this.busy} @click=${p.retry}>
            ${wait > 0 ? this.m.retryIn(wait) : this.m.retry}
          </button>`
        : nothing}
    </div>`;
  }

  /** @internal Back and next buttons. */
  renderNav(nextLabel = this.m.next, disabled = false): TemplateResult {
    const first = this.steps.indexOf(this.step) <= 0;
    return html`<div class="nav">
      ${first ? nothing : html`<button type="button" part="button" @click=${() => this.back()}>${this.m.back}</button>`}
      <button type="submit" class="primary" part="button button-primary" ?disabled=${disabled}>${nextLabel}</button>
    </div>`;
  }

  protected override render(): TemplateResult {
    const m = this.m;
    const other = m.other;
    const steps = this.steps;
    const i = steps.indexOf(this.step);
    return html`<div class="base" part="base" lang=${this.locale}>
      <div class="top" part="header">
        <span class="hall">${this.data?.tenant.name ?? m.title}</span>
        <button type="button" class="link" part="button lang-switch" lang=${other.lang} aria-label=${other.label} @click=${() => this.setLocale(other.lang)}>
          ${other.name}
        </button>
      </div>
      ${this.body(m, steps, i)}
      <div class="sr" role="status" aria-live="polite" aria-atomic="true">${this.said}</div>
      <div class="sr" role="alert" aria-live="assertive" aria-atomic="true">${this.alerted}</div>
    </div>`;
  }

  private body(m: Messages, steps: Step[], i: number): TemplateResult {
    const f = this.flow;
    if (this.step === 'result' && this.saved) return f ? this.frame(f.resultStep(this), false) : this.waiting();
    if (!this.data) {
      return this.loadError
        ? html`<h2 tabindex="-1" part="heading">${m.errors.load}</h2>
            ${this.renderProblem(this.loadError)}`
        : html`<p class="muted" role="status">${m.loading}</p>`;
    }
    const s = this.step;
    const view = s === 'service' ? serviceStep(this) : !f ? this.waiting() : f[`${s as Exclude<Step, 'service' | 'result'>}Step`](this);
    return html`<div class="bar" part="progress" aria-hidden="true">
        ${steps.map((_, j) => html`<span class=${j <= i ? 'done' : ''}></span>`)}
      </div>
      ${this.frame(html`<form novalidate @submit=${this.onSubmit}>${view}</form>`, true, i + 1, steps.length)}`;
  }

  /** While steps 2–6 are on their way (or could not come: offline). */
  private waiting(): TemplateResult {
    return this.flowFailed
      ? html`${this.renderProblem({ code: 'network', text: this.m.errors.network!, retry: () => void this.loadFlow() })}`
      : html`<p class="muted">${this.m.loading}</p>`;
  }

  private frame(content: TemplateResult, progress: boolean, n = 0, total = 0): TemplateResult {
    return html`<h2 tabindex="-1" part="heading">
        ${progress ? html`<span class="progress">${this.m.progress(n, total)}</span><br />` : nothing}${this.m.steps[this.step]}
      </h2>
      ${content}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pakta-queue': PaktaQueue;
  }
}
