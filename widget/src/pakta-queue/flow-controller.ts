/**
 * The booking flow of one `<pakta-queue>`: its state and every transition of it, as a Lit reactive controller the
 * element hosts. The element and the steps only read `state` (steps get a read-only `StepView`) and call intents
 * (`next`, `pick`, `book`…); the transitions that need the API live in `actions.ts`, loaded with the flow chunk so the
 * first script stays small, and change the state only through `update`. The element's attributes are its inputs.
 */

import type { PaktaClient } from '@pakta/sdk';
import { adoptStyles, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { fetchTenant, normaliseBase } from '../api';
import { defaultBase } from '../base';
import { offeredChannels, offeredServices, pickLang, type Restriction, STEPS, type Step, stepsFor } from '../catalog';
import { emit, type PaktaEventMap } from '../events';
import id, { type Messages } from '../locales/id';
import { type Shown, shown } from '../problems';
import type { Choice, Details } from '../state';
import { forget, loadSaved, type Saved } from '../storage';
import type { Availability, Language, ServiceInfo, TenantConfig } from '../types';
import styles from './pakta-queue.styles';

type Flow = typeof import('./flow')['default'];
type Proof = import('./actions').Proof;
type Extras = typeof import('./steps/result-extras')['default'];

/** What the controller needs of the element: its attributes, its shadow root and Lit's update cycle. */
export interface FlowHost extends ReactiveControllerHost, HTMLElement {
  tenant: string;
  api: string;
  lang: string;
  agency: string;
  service: string;
  channel: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Everything the flow renders from; replaced (never mutated) on each change. */
export interface FlowState {
  /** The language shown; follows the one asked for once its messages and the tenant's pact in it are loaded. */
  language: Language;
  data: TenantConfig | null;
  loadError: Shown | null;
  step: Step;
  choice: Choice;
  query: string;
  avail: Availability | null;
  details: Details;
  touched: Partial<Record<keyof Details, boolean>>;
  accepted: boolean;
  busy: boolean;
  problem: Shown | null;
  saved: Saved | null;
  stale: boolean;
  confirming: boolean;
  /** Steps 2–6 could not be loaded (offline). */
  flowFailed: boolean;
  /** The live regions' text: polite and assertive. */
  said: string;
  alerted: string;
  /** The clock the 429 countdown shows. */
  now: number;
}

/** What a citizen can do on a step; the steps call these and nothing else. */
export interface Intents {
  next(): void;
  back(): void;
  pickService(id: string): void;
  pick(patch: Partial<Choice>): void;
  search(query: string): void;
  edit(field: keyof Details, value: string): void;
  /** A field was left: from now on its error shows. */
  leave(field: keyof Details): void;
  accept(agreed: boolean): void;
  setLanguage(l: Language): void;
  askCancel(): void;
  keepBooking(): void;
  cancel(): void;
  dismiss(): void;
}

/** What a step renders: read-only data and the intents it may call. */
export interface StepView {
  readonly state: Readonly<FlowState>;
  readonly m: Messages;
  readonly svc: ServiceInfo | undefined;
  readonly restriction: Restriction;
  readonly steps: readonly Step[];
  readonly extras: Extras | null;
  readonly intents: Intents;
  /** The element's shadow root, for what reads the rendered page (the certificate image's colours). */
  readonly root: HTMLElement | DocumentFragment;
}

const POLL_MS = 15_000;
/** Indonesian ships in the first script; English is fetched when first needed. */
const LOCALES: Partial<Record<Language, Messages>> = { id };
const loadLocale = async (l: Language): Promise<Messages> => (LOCALES[l] ??= (await import('../locales/en')).default);
const noChoice = (): Choice => ({ service: null, channel: null, date: null, slot: null });
const noDetails = (): Details => ({ name: '', phone: '', nik: '' });

export class FlowController implements ReactiveController, Intents {
  #state: FlowState = {
    language: 'id',
    data: null,
    loadError: null,
    step: 'service',
    choice: noChoice(),
    query: '',
    avail: null,
    details: noDetails(),
    touched: {},
    accepted: false,
    busy: false,
    problem: null,
    saved: null,
    stale: false,
    confirming: false,
    flowFailed: false,
    said: '',
    alerted: '',
    now: Date.now(),
  };

  /** The API base in use. */
  base = '';
  /** The language asked for; `state.language` follows once its messages and the tenant's pact in it are loaded. */
  private wanted: Language = 'id';
  /** Steps 2–6 and their actions, once loaded. */
  flow: Flow | null = null;
  /** The result step's extras, once loaded. */
  extras: Extras | null = null;
  /** @internal For the flow chunk: the proof of work being solved for a rush service. */
  pow: Promise<Proof> | null = null;
  /** The SDK client, kept per tenant and language: it remembers a booking attempt whose outcome is unknown. */
  private api: { key: string; client: PaktaClient } | null = null;
  /** Counts loads of the tenant, so that an older answer never overwrites a newer one. */
  private loads = 0;
  private pollTimer = 0;
  private tick = 0;
  private queryTimer = 0;
  private focusHeading = false;
  private shownStep: Step | null = null;

  constructor(private readonly host: FlowHost) {
    host.addController(this);
  }

  get state(): Readonly<FlowState> {
    return this.#state;
  }

  /** The only way the state changes: from here and from the flow chunk's transitions (`actions.ts`). */
  update(patch: Partial<FlowState>): void {
    const before = this.#state.choice.service;
    this.#state = { ...this.#state, ...patch };
    // another service without proof of work: its challenge is not needed any more
    if (patch.choice && patch.choice.service !== before) this.flow?.dropProof(this, true);
    this.host.requestUpdate();
  }

  /** The messages of the language shown. */
  get m(): Messages {
    return LOCALES[this.#state.language] ?? id;
  }

  get restriction(): Restriction {
    const h = this.host;
    return { agency: h.agency || null, service: h.service || null, channel: h.channel || null };
  }

  /** The steps this instance shows. */
  get steps(): Step[] {
    const d = this.#state.data;
    return d ? stepsFor(offeredServices(d, this.restriction), this.restriction) : [...STEPS];
  }

  /** The chosen service (or the saved booking's). */
  get svc(): ServiceInfo | undefined {
    const s = this.#state;
    const id = s.saved?.booking.service ?? s.choice.service;
    return s.data?.services.find((x) => x.id === id);
  }

  /** The tenant's id, from the element's attribute. */
  get tenant(): string {
    return this.host.tenant;
  }

  get connected(): boolean {
    return this.host.isConnected;
  }

  /** What a step renders from. */
  view(): StepView {
    return {
      state: this.#state,
      m: this.m,
      svc: this.svc,
      restriction: this.restriction,
      steps: this.steps,
      extras: this.extras,
      intents: this,
      root: this.host.renderRoot,
    };
  }

  /** The SDK client for the element's tenant, in the language shown. */
  client(): PaktaClient {
    const lang = this.#state.language;
    const key = `${this.base} ${this.host.tenant} ${lang}`;
    if (this.api?.key !== key) this.api = { key, client: this.flow!.apiClient(this.base, this.host.tenant, lang) };
    return this.api.client;
  }

  /* ---------- the host's lifecycle ---------- */

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisible);
    if (this.base) this.syncPoll();
    // back on the page after being moved: the proof dropped on leaving is started again
    this.flow?.prepare(this);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.pollTimer);
    clearInterval(this.tick);
    this.pollTimer = this.tick = 0;
    this.flow?.dropProof(this);
  }

  hostUpdated(): void {
    if (this.shownStep !== this.#state.step) {
      this.shownStep = this.#state.step;
      this.syncPoll();
      this.flow?.prepare(this);
    }
    if (this.focusHeading) {
      this.focusHeading = false;
      this.focus('h2');
    }
  }

  /** The element's attributes changed: `target` (tenant or api), `lang`, or the restriction (agency, service, channel). */
  attributesChanged(changed: { target: boolean; lang: boolean; restriction: boolean }): void {
    let relang = false;
    if (changed.lang) {
      const l = pickLang(this.host.lang, document.documentElement.lang);
      relang = l !== this.wanted;
      this.wanted = l;
    }
    if (changed.target) this.init();
    else if (relang || changed.restriction) void this.loadTenant();
  }

  /** (Re)starts against the API and tenant given by the attributes. */
  private init(): void {
    const h = this.host;
    if (!h.tenant) return;
    try {
      this.base = h.api ? normaliseBase(h.api, location.href) : defaultBase || normaliseBase('/', location.href);
    } catch {
      this.base = defaultBase;
    }
    void this.loadFlow();
    this.api = null;
    this.flow?.dropProof(this);
    const saved = loadSaved(this.base, h.tenant)[0] ?? null;
    this.update(saved ? { saved, step: 'result' } : { saved });
    if (saved) void this.loadFlow().then(() => this.flow?.refreshSaved(this));
    void this.loadTenant();
  }

  /** Loads the tenant in the language asked for (the pact text and hash are per language). */
  async loadTenant(): Promise<void> {
    if (!this.base) return;
    const load = ++this.loads;
    const pact = this.#state.data?.pact;
    const lang = this.wanted;
    try {
      const [data] = await Promise.all([fetchTenant(this.base, this.host.tenant, lang), loadLocale(lang)]);
      if (load !== this.loads) return;
      const patch: Partial<FlowState> = { language: lang, data, loadError: null };
      if (pact && (pact.hash !== data.pact.hash || pact.version !== data.pact.version)) {
        // a different text is shown now: agreeing to the old one does not count
        if (this.#state.accepted && this.#state.step === 'pact') this.say(LOCALES[lang]!.pact.relang);
        patch.accepted = false;
      }
      this.update(patch);
      this.applyRestriction();
    } catch (e) {
      if (load !== this.loads) return;
      if (!this.#state.data && LOCALES[lang]) this.update({ language: lang });
      const loadError = this.shown(e, () => void this.loadTenant());
      this.update({ loadError });
      this.report(loadError);
      // for the webmaster: a wrong `api`/`tenant`, or this origin missing from the tenant's allowedOrigins
      console.warn(`<pakta-queue>: could not load tenant "${this.host.tenant}" from ${this.base}`, e);
    }
  }

  private applyRestriction(): void {
    const r = this.restriction;
    const list = offeredServices(this.#state.data!, r);
    let choice = this.#state.choice;
    if (r.service && list.length === 1) choice = { ...choice, service: list[0]!.id };
    if (choice.service && !list.some((s) => s.id === choice.service)) choice = noChoice();
    if (choice !== this.#state.choice) this.update({ choice });
    const chans = this.svc ? offeredChannels(this.svc, r) : [];
    if (!choice.channel && chans.length === 1) this.update({ choice: { ...choice, channel: chans[0]! } });
    const steps = this.steps;
    if (this.#state.step !== 'result' && !steps.includes(this.#state.step)) this.update({ step: steps[0]! });
  }

  /* ---------- navigation ---------- */

  go(step: Step): void {
    this.update({ problem: null, confirming: false, step });
    this.focusHeading = true;
    if (step === 'pact' || step === 'result') void this.loadExtras();
  }

  back(): void {
    const s = this.steps;
    const i = s.indexOf(this.#state.step);
    if (i > 0) this.go(s[i - 1]!);
  }

  /** Validates the current step and moves on (steps 2–6 check themselves in the flow chunk). */
  next(): void {
    const st = this.#state;
    const err = st.step === 'service' ? (st.choice.service ? '' : this.m.service.choose) : this.flow?.check(this);
    if (err === undefined) return;
    if (err) {
      this.update({ problem: { code: 'input', text: err } });
      this.say(err, true);
      return;
    }
    const s = this.steps;
    this.go(s[s.indexOf(st.step) + 1]!);
  }

  pickService(id: string): void {
    if (id === this.#state.choice.service) return;
    const svc = this.#state.data?.services.find((s) => s.id === id);
    const chans = svc ? offeredChannels(svc, this.restriction) : [];
    this.update({
      choice: { service: id, channel: chans.length === 1 ? chans[0]! : null, date: null, slot: null },
      avail: null,
      problem: null,
    });
  }

  pick(patch: Partial<Choice>): void {
    this.update({ choice: { ...this.#state.choice, ...patch }, problem: null });
  }

  search(query: string): void {
    this.update({ query });
    clearTimeout(this.queryTimer);
    this.queryTimer = window.setTimeout(() => {
      const n = this.host.renderRoot.querySelectorAll('input[name="svc"]').length;
      this.say(n ? this.m.service.found(n) : this.m.service.none);
    }, 700);
  }

  edit(field: keyof Details, value: string): void {
    this.update({ details: { ...this.#state.details, [field]: value } });
  }

  leave(field: keyof Details): void {
    if (this.#state.details[field]) this.update({ touched: { ...this.#state.touched, [field]: true } });
  }

  accept(agreed: boolean): void {
    this.update({ accepted: agreed });
  }

  setLanguage(l: Language): void {
    if (l === this.wanted && l === this.#state.language) return;
    this.wanted = l;
    this.update({ problem: null });
    void this.loadTenant();
  }

  /* ---------- availability ---------- */

  private onVisible = (): void => {
    if (document.visibilityState === 'visible' && this.#state.step === 'slot') this.loadAvail();
  };

  /** Polls availability while (and only while) the slot step is shown. */
  private syncPoll(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = 0;
    if (this.#state.step !== 'slot' || !this.host.isConnected) return;
    this.loadAvail();
    this.pollTimer = window.setInterval(() => {
      if (document.visibilityState === 'visible') this.loadAvail();
    }, POLL_MS);
  }

  /* ---------- delegated to the flow chunk ---------- */

  loadAvail(): void {
    // the slot step may be the first one (service and channel fixed by the page): wait for the chunk
    void this.loadFlow().then(() => this.flow?.loadAvail(this));
  }

  book(): void {
    void this.flow?.book(this);
  }

  cancel(): void {
    void this.flow?.cancel(this);
  }

  /* ---------- the saved booking ---------- */

  /** Asks before cancelling; focus goes to the safe answer. */
  askCancel(): void {
    this.update({ confirming: true });
    this.focus('#cno');
  }

  keepBooking(): void {
    this.update({ confirming: false });
  }

  /** Forgets the shown booking on this device and starts over (or shows the next saved one). */
  dismiss(focus = true): void {
    const { tenant } = this.host;
    const old = this.#state.saved;
    if (old) forget(this.base, tenant, old.bookingId);
    const saved = loadSaved(this.base, tenant)[0] ?? null;
    this.update({ saved, stale: false, problem: null });
    if (saved) {
      void this.flow?.refreshSaved(this);
      this.go('result');
    } else {
      this.update({ choice: noChoice(), avail: null });
      this.update({ step: this.steps[0]! });
      if (this.#state.data) this.applyRestriction();
      this.focusHeading = focus;
    }
  }

  /** Loads steps 2–6. */
  async loadFlow(): Promise<void> {
    if (this.flow) return;
    try {
      const flow = (await import('./flow')).default;
      adoptStyles(this.host.renderRoot as ShadowRoot, [styles, flow.styles]);
      this.flow = flow;
      this.update({ flowFailed: false });
    } catch {
      this.update({ flowFailed: true });
    }
  }

  async loadExtras(): Promise<void> {
    if (this.extras) return;
    try {
      this.extras = (await import('./steps/result-extras')).default;
      this.host.requestUpdate();
    } catch {
      // offline: the ticket still shows; the QR and buttons come with the next try
    }
  }

  /* ---------- messages ---------- */

  /** Puts a message in the live region (`urgent`: assertive). */
  say(text: string, urgent = false): void {
    // cleared first, so the same words are announced again
    this.update(urgent ? { alerted: '' } : { said: '' });
    requestAnimationFrame(() => this.update(urgent ? { alerted: text } : { said: text }));
  }

  shown(e: unknown, retry?: () => void): Shown {
    return shown(this.m, e, retry);
  }

  private report(s: Shown): void {
    this.emit('pakta-error', { code: s.code, message: s.text });
  }

  /** Dispatches one of the element's `pakta-*` events on it. */
  emit<K extends keyof PaktaEventMap>(type: K, detail: PaktaEventMap[K]['detail']): void {
    emit(this.host, type, detail);
  }

  /** Focuses what `selector` finds once the next render is done. */
  focus(selector: string): void {
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  /** Shows an error on the current step, announces it and tells the host page. */
  fail(e: unknown, retry?: () => void): void {
    const s = this.shown(e, retry);
    this.update({ problem: s });
    this.say(s.text, true);
    this.report(s);
    if (s.until) {
      clearInterval(this.tick);
      this.update({ now: Date.now() });
      this.tick = window.setInterval(() => {
        this.update({ now: Date.now() });
        if (this.#state.now >= (this.#state.problem?.until ?? 0)) clearInterval(this.tick);
      }, 1000);
    }
  }
}
