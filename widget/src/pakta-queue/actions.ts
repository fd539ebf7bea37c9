/**
 * What the citizen does after the first step (availability, booking, viewing and cancelling), loaded with
 * the flow chunk. Each function acts on the element that shows it.
 */
import type { PaktaQueue } from './pakta-queue';
import { Booker, PaktaApiError, apiClient } from '../booking';
import { emit } from '../events';
import { formatTime } from '../format';
import { bookingRequest, daysToFetch, firstBookableDay, remainingFor, slotChange, validateDetails, type Details } from '../state';
import { save, type Saved } from '../storage';
import { expiresAt, solveInWorker } from '../pow';

/** The SDK client for the element's hall, in the language shown. */
const api = (h: PaktaQueue) => apiClient(h.base, h.tenant, h.locale);

/** The chosen slot's start as the hall's wall-clock time (`08.00`). */
function slotLabel(h: PaktaQueue, slot: string): string {
  const s = h.avail?.days.find((d) => d.date === h.choice.date)?.slots.find((x) => x.id === slot);
  return s ? formatTime(h.m, s.start, h.data!.tenant.timeZone) : slot;
}

/**
 * Fetches the places left; tells screen-reader users when the chosen slot's count changes, and drops the
 * choice (saying so) when it filled up meanwhile.
 */
export async function loadAvail(h: PaktaQueue): Promise<void> {
  const { service, channel } = h.choice;
  if (!service || !channel || !h.data) return;
  try {
    const a = await api(h).availability({ service, days: daysToFetch(h.data.bookingWindow.daysAhead) });
    if (service !== h.choice.service) return;
    const change = slotChange(h.avail, a, h.choice.date, h.choice.slot, channel);
    const label = change ? slotLabel(h, change.slot) : '';
    h.avail = a;
    if (!h.choice.date || !a.days.some((d) => d.date === h.choice.date)) h.pick({ date: firstBookableDay(a, channel), slot: null });
    if (change?.kind === 'gone') {
      h.pick({ slot: null });
      h.say(h.m.slot.gone(label), true);
    } else if (change) h.say(h.m.slot.changed(label, change.remaining));
    if (h.problem?.code === 'availability') h.problem = null;
  } catch (e) {
    // a failed poll keeps the last numbers; only say so when there is nothing to show
    if (!h.avail) h.problem = { ...h.shown(e, () => h.loadAvail()), code: 'availability' };
  }
}

export interface Proof {
  proof: string;
  expires: number;
}

/** What stops each proof still being worked out, so that its Worker ends when the proof is dropped. */
const stops = new WeakMap<Promise<Proof>, AbortController>();

function freshProof(h: PaktaQueue): Promise<Proof> {
  const stop = new AbortController();
  const p = (async () => {
    const c = await api(h).challenge();
    const proof = await solveInWorker(c, stop.signal);
    if (!proof) throw new PaktaApiError('proof_invalid', 'no number solves the challenge');
    return { proof, expires: expiresAt(c) };
  })();
  stops.set(p, stop);
  return p;
}

/**
 * For a rush service, fetches and solves a proof-of-work challenge while the citizen fills in the form
 * (once; the booking waits for it only if they were quicker than the phone).
 */
export function prepare(h: PaktaQueue): void {
  if ((h.step === 'details' || h.step === 'pact') && h.svc?.proofOfWork && !h.pow && h.isConnected) {
    const p = (h.pow = freshProof(h));
    p.catch(() => {
      if (h.pow === p) h.pow = null;
    });
  }
}

/**
 * Drops the proof and stops its Worker: the element left the page or another hall was set, or (`unlessNeeded`)
 * the service changed to one without proof of work. A challenge is the hall's, so another rush service keeps it;
 * a booking under way keeps it too.
 */
export function dropProof(h: PaktaQueue, unlessNeeded = false): void {
  if (!h.pow || h.busy || (unlessNeeded && h.svc?.proofOfWork)) return;
  stops.get(h.pow)?.abort();
  h.pow = null;
}

/** Books with the pending attempt's Idempotency-Key (a retry of the same booking reuses it, and its proof). */
export async function book(h: PaktaQueue): Promise<void> {
  const d = h.data;
  const svc = h.svc;
  if (!h.accepted || h.busy || !d || !svc) return;
  const req = bookingRequest(h.choice, h.details, svc.nikRequired, d.pact, h.locale);
  if (!req) return;
  const booker = (h.booker ??= new Booker());
  h.busy = true;
  h.problem = null;
  h.say(h.m.pact.booking);
  try {
    for (let round = 0; ; round++) {
      if (svc.proofOfWork) {
        let p = await (h.pow ??= freshProof(h)).catch(() => null);
        // a challenge lives 10 minutes: a slow form gets a new one
        if (!p || p.expires - Date.now() < 30_000) p = await (h.pow = freshProof(h));
        req.proof = p.proof;
      }
      try {
        const r = await booker.book(api(h), req);
        h.pow = null;
        const s: Saved = { ...r, bookingId: r.booking.id, api: h.base, tenant: h.tenant };
        save(s);
        h.saved = s;
        h.stale = false;
        // the personal details are not needed any more on this page
        h.details = { name: '', phone: '', nik: '' };
        h.touched = {};
        h.accepted = false;
        h.go('result');
        h.say(h.m.result.booked(r.booking.ticket));
        emit(h, 'pakta-booked', { booking: r.booking, certificate: r.certificate, certificateUrl: r.certificateUrl });
        return;
      } catch (e) {
        // a refused attempt has spent its challenge; a retry of the same attempt (network, 429) keeps it
        if (!booker.attempt) h.pow = null;
        // a stale or spent proof: once more with a fresh one, without bothering the citizen
        if (e instanceof PaktaApiError && /^proof_/.test(e.code) && round === 0) continue;
        throw e;
      }
    }
  } catch (e) {
    bookFailed(h, e);
  } finally {
    h.busy = false;
  }
}

/** Sends the citizen where the problem can be fixed, and says what happened. */
function bookFailed(h: PaktaQueue, e: unknown): void {
  const code = e instanceof PaktaApiError ? e.code : 'generic';
  if (/^(quota_exhausted|outside_window|unknown_slot|date_closed)$/.test(code)) {
    h.pick({ slot: null, date: code === 'date_closed' ? null : h.choice.date });
    h.go('slot');
    h.fail(e);
  } else if (code === 'pact_outdated' || code === 'pact_mismatch') {
    h.accepted = false;
    h.fail(e);
    void h.loadTenant();
  } else if (/^(validation_failed|invalid_nik|invalid_phone|nik_required)$/.test(code)) {
    h.go('details');
    h.touched = { name: true, phone: true, nik: true };
    h.fail(e);
  } else h.fail(e, () => h.book());
}

/** Fetches the saved booking's current state; offline, the saved copy stays (marked as such). */
export async function refreshSaved(h: PaktaQueue): Promise<void> {
  const s = h.saved;
  if (!s) return;
  try {
    const r = await api(h).booking(s.bookingId, s.manageToken);
    if (h.saved?.bookingId !== s.bookingId) return;
    h.saved = { ...s, ...r, manageToken: s.manageToken };
    save(h.saved);
    h.stale = false;
  } catch (e) {
    if (e instanceof PaktaApiError && (e.status === 401 || e.status === 404)) h.dismiss(false);
    else h.stale = true;
  }
}

export async function cancel(h: PaktaQueue): Promise<void> {
  const s = h.saved;
  if (!s || h.busy) return;
  h.busy = true;
  h.problem = null;
  try {
    const { booking } = await api(h).cancel(s.bookingId, s.manageToken);
    cancelled(h, { ...s, booking });
  } catch (e) {
    if (e instanceof PaktaApiError && e.code === 'already_cancelled') cancelled(h, { ...s, booking: { ...s.booking, status: 'cancelled' } });
    else h.fail(e, () => h.cancel());
  } finally {
    h.busy = false;
  }
}

function cancelled(h: PaktaQueue, s: Saved): void {
  h.saved = s;
  h.confirming = false;
  save(s);
  h.say(h.m.result.cancelDone);
  emit(h, 'pakta-cancelled', { booking: s.booking });
  void h.updateComplete.then(() => h.renderRoot.querySelector<HTMLElement>('h2')?.focus());
}

/**
 * Checks steps 2–6 before moving on: the error to show, '' to move on, or undefined when the step took
 * care of it (details: fields marked and the first wrong one focused; pact: booking started).
 */
export function check(h: PaktaQueue): string | undefined {
  const m = h.m;
  const c = h.choice;
  switch (h.step) {
    case 'channel':
      return c.channel ? '' : m.channel.choose;
    case 'slot':
      return !c.date ? m.slot.chooseDay : !c.slot || !remainingFor(h.avail, c.date, c.slot, c.channel) ? m.slot.choose : '';
    case 'details': {
      const keys = Object.keys(validateDetails(h.details, !!h.svc?.nikRequired)) as (keyof Details)[];
      if (!keys.length) return '';
      h.touched = { name: true, phone: true, nik: true };
      h.say(m.details.fix(keys.length), true);
      void h.updateComplete.then(() => h.renderRoot.querySelector<HTMLElement>(`#f-${keys[0]}`)?.focus());
      return undefined;
    }
    case 'pact':
      void book(h);
      return undefined;
    default:
      return '';
  }
}
