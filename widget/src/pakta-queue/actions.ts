/**
 * The flow controller's transitions after the first step (availability, proof of work, booking, viewing and
 * cancelling), loaded with the flow chunk so the first script stays small. Each acts on the controller of the element
 * that shows it, and changes its state only through `update` and its other transitions.
 */

import { outcomeUnknown, PaktaApiError } from '../booking';
import { formatTime } from '../format';
import { expiresAt, solveInWorker } from '../pow';
import {
  bookingRequest,
  type Details,
  daysToFetch,
  firstBookableDay,
  remainingFor,
  slotChange,
  validateDetails,
} from '../state';
import { type Saved, save } from '../storage';
import type { FlowController } from './flow-controller';

/** The chosen slot's start as the tenant's wall-clock time (`08.00`). */
function slotLabel(c: FlowController, slot: string): string {
  const st = c.state;
  const s = st.avail?.days.find((d) => d.date === st.choice.date)?.slots.find((x) => x.id === slot);
  return s ? formatTime(c.m, s.start, st.data!.tenant.timeZone) : slot;
}

/**
 * Fetches the places left; tells screen-reader users when the chosen slot's count changes, and drops the
 * choice (saying so) when it filled up meanwhile.
 */
export async function loadAvail(c: FlowController): Promise<void> {
  const { service, channel } = c.state.choice;
  const data = c.state.data;
  if (!service || !channel || !data) return;
  try {
    const a = await c.client().availability({ service, days: daysToFetch(data.bookingWindow.daysAhead) });
    const { choice, avail } = c.state;
    if (service !== choice.service) return;
    const change = slotChange(avail, a, choice.date, choice.slot, channel);
    const label = change ? slotLabel(c, change.slot) : '';
    c.update({ avail: a });
    if (!choice.date || !a.days.some((d) => d.date === choice.date))
      c.pick({ date: firstBookableDay(a, channel), slot: null });
    if (change?.kind === 'gone') {
      c.pick({ slot: null });
      c.say(c.m.slot.gone(label), true);
    } else if (change) c.say(c.m.slot.changed(label, change.remaining));
    if (c.state.problem?.code === 'availability') c.update({ problem: null });
  } catch (e) {
    // a failed poll keeps the last numbers; only say so when there is nothing to show
    if (!c.state.avail) c.update({ problem: { ...c.shown(e, () => c.loadAvail()), code: 'availability' } });
  }
}

export interface Proof {
  proof: string;
  expires: number;
}

/** What stops each proof still being worked out, so that its Worker ends when the proof is dropped. */
const stops = new WeakMap<Promise<Proof>, AbortController>();

function freshProof(c: FlowController): Promise<Proof> {
  const stop = new AbortController();
  const p = (async () => {
    const challenge = await c.client().challenge();
    const proof = await solveInWorker(challenge, stop.signal);
    if (!proof) throw new PaktaApiError('proof_invalid', 'no number solves the challenge');
    return { proof, expires: expiresAt(challenge) };
  })();
  stops.set(p, stop);
  return p;
}

/**
 * For a rush service, fetches and solves a proof-of-work challenge while the citizen fills in the form
 * (once; the booking waits for it only if they were quicker than the phone).
 */
export function prepare(c: FlowController): void {
  const step = c.state.step;
  if ((step === 'details' || step === 'pact') && c.svc?.proofOfWork && !c.pow && c.connected) {
    const p = (c.pow = freshProof(c));
    p.catch(() => {
      if (c.pow === p) c.pow = null;
    });
  }
}

/**
 * Drops the proof and stops its Worker: the element left the page or another tenant was set, or (`unlessNeeded`)
 * the service changed to one without proof of work. A challenge is the tenant's, so another rush service keeps it;
 * a booking under way keeps it too.
 */
export function dropProof(c: FlowController, unlessNeeded = false): void {
  if (!c.pow || c.state.busy || (unlessNeeded && c.svc?.proofOfWork)) return;
  stops.get(c.pow)?.abort();
  c.pow = null;
}

/**
 * Books through the SDK client, whose retry policy sends the same attempt again with the same Idempotency-Key; the
 * citizen's retry of an unchanged booking reuses that key (and its proof) while the outcome is unknown.
 */
export async function book(c: FlowController): Promise<void> {
  const st = c.state;
  const d = st.data;
  const svc = c.svc;
  if (!st.accepted || st.busy || !d || !svc) return;
  const req = bookingRequest(st.choice, st.details, svc.nikRequired, d.pact, st.language);
  if (!req) return;
  const client = c.client();
  c.update({ busy: true, problem: null });
  c.say(c.m.pact.booking);
  try {
    for (let round = 0; ; round++) {
      if (svc.proofOfWork) {
        let p = await (c.pow ??= freshProof(c)).catch(() => null);
        // a challenge lives 10 minutes: a slow form gets a new one
        if (!p || p.expires - Date.now() < 30_000) p = await (c.pow = freshProof(c));
        req.proof = p.proof;
      }
      try {
        const r = await client.book(req);
        c.pow = null;
        const s: Saved = { ...r, bookingId: r.booking.id, api: c.base, tenant: c.tenant };
        save(s);
        // the personal details are not needed any more on this page
        c.update({
          saved: s,
          stale: false,
          details: { name: '', phone: '', nik: '' },
          touched: {},
          accepted: false,
          busy: false,
        });
        c.go('result');
        c.say(c.m.result.booked(r.booking.ticket));
        c.emit('pakta-booked', { booking: r.booking, certificate: r.certificate, certificateUrl: r.certificateUrl });
        return;
      } catch (e) {
        // a refused attempt has spent its challenge; a retry of the same attempt (network, 429) keeps it
        if (!(e instanceof PaktaApiError && outcomeUnknown(e))) c.pow = null;
        // a stale or spent proof: once more with a fresh one, without bothering the citizen
        if (e instanceof PaktaApiError && /^proof_/.test(e.code) && round === 0) continue;
        throw e;
      }
    }
  } catch (e) {
    c.update({ busy: false });
    bookFailed(c, e);
  }
}

/** Sends the citizen where the problem can be fixed, and says what happened. */
function bookFailed(c: FlowController, e: unknown): void {
  const code = e instanceof PaktaApiError ? e.code : 'generic';
  if (/^(quota_exhausted|outside_window|unknown_slot|date_closed)$/.test(code)) {
    c.pick({ slot: null, date: code === 'date_closed' ? null : c.state.choice.date });
    c.go('slot');
    c.fail(e);
  } else if (code === 'pact_outdated' || code === 'pact_mismatch') {
    c.update({ accepted: false });
    c.fail(e);
    void c.loadTenant();
  } else if (/^(validation_failed|invalid_nik|invalid_phone|nik_required)$/.test(code)) {
    c.go('details');
    c.update({ touched: { name: true, phone: true, nik: true } });
    c.fail(e);
  } else c.fail(e, () => c.book());
}

/** Fetches the saved booking's current state; offline, the saved copy stays (marked as such). */
export async function refreshSaved(c: FlowController): Promise<void> {
  const s = c.state.saved;
  if (!s) return;
  try {
    const r = await c.client().booking(s.bookingId, s.manageToken);
    if (c.state.saved?.bookingId !== s.bookingId) return;
    const saved = { ...s, ...r, manageToken: s.manageToken };
    save(saved);
    c.update({ saved, stale: false });
  } catch (e) {
    if (e instanceof PaktaApiError && (e.status === 401 || e.status === 404)) c.dismiss(false);
    else c.update({ stale: true });
  }
}

export async function cancel(c: FlowController): Promise<void> {
  const s = c.state.saved;
  if (!s || c.state.busy) return;
  c.update({ busy: true, problem: null });
  try {
    const { booking } = await c.client().cancel(s.bookingId, s.manageToken);
    c.update({ busy: false });
    cancelled(c, { ...s, booking });
  } catch (e) {
    c.update({ busy: false });
    if (e instanceof PaktaApiError && e.code === 'already_cancelled')
      cancelled(c, { ...s, booking: { ...s.booking, status: 'cancelled' } });
    else c.fail(e, () => c.cancel());
  }
}

function cancelled(c: FlowController, s: Saved): void {
  save(s);
  c.update({ saved: s, confirming: false });
  c.say(c.m.result.cancelDone);
  c.emit('pakta-cancelled', { booking: s.booking });
  c.focus('h2');
}

/**
 * Checks steps 2–6 before moving on: the error to show, '' to move on, or undefined when the step took
 * care of it (details: fields marked and the first wrong one focused; pact: booking started).
 */
export function check(c: FlowController): string | undefined {
  const m = c.m;
  const st = c.state;
  const ch = st.choice;
  switch (st.step) {
    case 'channel':
      return ch.channel ? '' : m.channel.choose;
    case 'slot':
      return !ch.date
        ? m.slot.chooseDay
        : !ch.slot || !remainingFor(st.avail, ch.date, ch.slot, ch.channel)
          ? m.slot.choose
          : '';
    case 'details': {
      const keys = Object.keys(validateDetails(st.details, !!c.svc?.nikRequired)) as (keyof Details)[];
      if (!keys.length) return '';
      c.update({ touched: { name: true, phone: true, nik: true } });
      c.say(m.details.fix(keys.length), true);
      c.focus(`#f-${keys[0]}`);
      return undefined;
    }
    case 'pact':
      void book(c);
      return undefined;
    default:
      return '';
  }
}
