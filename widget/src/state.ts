/**
 * Pure state and validation for `<pakta-queue>` after its first step: the citizen's details, availability,
 * the booking request and its Idempotency-Key. No DOM, no fetch; unit-tested in Node.
 * (What the first step needs, the catalogue of services and steps, is in `catalog.ts`.)
 */

import { checkNik, compactNik, type NameProblem, nameProblem, normalizePhone } from '@pakta/sdk/protocol';
import type { Availability, BookingRequest, Day, Language, TenantConfig } from './types';

/* ---------- the citizen's details ---------- */

export type NameError = 'nameEmpty' | 'nameShort' | 'nameLong' | 'nameChars';
export type PhoneError = 'phoneEmpty' | 'phoneChars' | 'phoneInvalid';
export type NikError = 'nikEmpty' | 'nikChars' | 'nikLength' | 'nikInvalid';

/** Trims and collapses the spaces of a name. */
export function normaliseName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const NAME_ERRORS: Record<NameProblem, NameError> = {
  empty: 'nameEmpty',
  short: 'nameShort',
  long: 'nameLong',
  characters: 'nameChars',
};

/** The API's name rule (the protocol's `nameProblem`), on the name as it will be sent. */
export function validateName(raw: string): NameError | null {
  const problem = nameProblem(normaliseName(raw));
  return problem ? NAME_ERRORS[problem] : null;
}

/** What a citizen may type in a phone field: digits, an optional leading +, spaces, dots, dashes and brackets. */
const PHONE_CHARS = /^\+?[\d\s().-]+$/;

/** The API's rule (the protocol's `normalizePhone`): only a number it would accept passes here. */
export function validatePhone(raw: string): PhoneError | null {
  const s = raw.trim();
  if (!s) return 'phoneEmpty';
  if (!PHONE_CHARS.test(s)) return 'phoneChars';
  return normalizePhone(s) ? null : 'phoneInvalid';
}

/** The API's rule (the protocol's `checkNik`), with a message for each way a NIK can be wrong. */
export function validateNik(raw: string, required: boolean): NikError | null {
  const n = compactNik(raw);
  if (!n) return required ? 'nikEmpty' : null;
  if (!/^\d+$/.test(n)) return 'nikChars';
  if (n.length !== 16) return 'nikLength';
  return checkNik(n) ? 'nikInvalid' : null;
}

export interface Details {
  name: string;
  phone: string;
  nik: string;
}

export interface DetailErrors {
  name?: NameError;
  phone?: PhoneError;
  nik?: NikError;
}

export function validateDetails(d: Details, nikRequired: boolean): DetailErrors {
  const e: DetailErrors = {};
  const name = validateName(d.name);
  const phone = validatePhone(d.phone);
  const nik = nikRequired ? validateNik(d.nik, true) : null;
  if (name) e.name = name;
  if (phone) e.phone = phone;
  if (nik) e.nik = nik;
  return e;
}

/* ---------- availability ---------- */

export function findDay(a: Availability | null | undefined, date: string | null | undefined): Day | undefined {
  return date ? a?.days.find((d) => d.date === date) : undefined;
}

export function remainingFor(
  a: Availability | null | undefined,
  date: string | null,
  slot: string | null,
  channel: string | null,
): number | null {
  const s = findDay(a, date)?.slots.find((x) => x.id === slot);
  return s && channel ? (s.remaining[channel] ?? 0) : null;
}

/** The first open day with a free place on `channel`, to preselect when nothing is chosen yet. */
export function firstBookableDay(a: Availability, channel: string): string | null {
  return a.days.find((d) => d.open && d.slots.some((s) => (s.remaining[channel] ?? 0) > 0))?.date ?? null;
}

export type SlotChange = { kind: 'gone'; slot: string } | { kind: 'changed'; slot: string; remaining: number } | null;

/**
 * What changed for the chosen slot between two polls: it filled up or vanished (`gone`, the choice must be
 * dropped) or its remaining places changed (`changed`, announced to screen readers).
 */
export function slotChange(
  before: Availability | null,
  after: Availability,
  date: string | null,
  slot: string | null,
  channel: string | null,
): SlotChange {
  if (!date || !slot || !channel) return null;
  const now = remainingFor(after, date, slot, channel);
  if (!now) return { kind: 'gone', slot };
  const was = remainingFor(before, date, slot, channel);
  return was !== null && was !== now ? { kind: 'changed', slot, remaining: now } : null;
}

/** How many days of availability to ask for: today and the whole booking window, within the API's 1–31. */
export function daysToFetch(daysAhead: number): number {
  return Math.min(31, Math.max(1, daysAhead + 1));
}

/* ---------- booking ---------- */

export interface Choice {
  service: string | null;
  channel: string | null;
  date: string | null;
  slot: string | null;
}

export function bookingRequest(
  c: Choice,
  d: Details,
  nikRequired: boolean,
  pact: TenantConfig['pact'],
  language: Language,
): BookingRequest | null {
  const phone = normalizePhone(d.phone);
  if (!c.service || !c.channel || !c.date || !c.slot || !phone) return null;
  const citizen: BookingRequest['citizen'] = { name: normaliseName(d.name), phone };
  if (nikRequired) citizen.nik = compactNik(d.nik);
  return {
    service: c.service,
    channel: c.channel,
    date: c.date,
    slot: c.slot,
    citizen,
    // sent exactly as received with the text shown
    pact: { version: pact.version, hash: pact.hash, accepted: true, locale: language },
  };
}

/* ---------- dates ---------- */

/** `2026-11-24` as a Date at noon UTC, to format a calendar date without a zone shifting it. */
export function calendarDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** The tenant's local date of an instant. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
