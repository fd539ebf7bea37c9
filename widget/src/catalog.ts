/**
 * Pure functions for the first step of `<pakta-queue>`: the language to start in, which services and
 * channels the host page allows, which steps to show, and the service search. No DOM; unit-tested in Node.
 */
import type { AgencyInfo, Language, ServiceInfo, TenantConfig } from './types';

export type Step = 'service' | 'channel' | 'slot' | 'details' | 'pact' | 'result';
export const STEPS: readonly Step[] = ['service', 'channel', 'slot', 'details', 'pact', 'result'];

/** What the host page fixed through attributes: `agency`, `service`, `channel`. */
export interface Restriction {
  agency?: string | null;
  service?: string | null;
  channel?: string | null;
}

/** The language to start in: the `lang` attribute, else the page's `<html lang>`, else Indonesian. */
export function pickLang(attr: string | null | undefined, page: string | null | undefined): Language {
  for (const v of [attr, page]) {
    const l = (v ?? '').trim().toLowerCase().split(/[-_]/)[0];
    if (l === 'en' || l === 'id') return l;
    // `in` is the legacy code for Indonesian
    if (l === 'in') return 'id';
  }
  return 'id';
}

/** The services a citizen may choose from, given the host's restrictions. */
export function offeredServices(t: Pick<TenantConfig, 'services'>, r: Restriction): ServiceInfo[] {
  return t.services.filter(
    (s) =>
      (!r.agency || s.agencyId === r.agency) &&
      (!r.service || s.id === r.service) &&
      (!r.channel || s.channels.includes(r.channel)),
  );
}

/** The channels a service may be delivered through, given the host's restriction. */
export function offeredChannels(s: ServiceInfo, r: Restriction): string[] {
  return r.channel ? s.channels.filter((c) => c === r.channel) : s.channels;
}

/**
 * The steps this instance shows: the service step is skipped when the host fixed one service,
 * the channel step when the host fixed the channel.
 */
export function stepsFor(services: ServiceInfo[], r: Restriction): Step[] {
  return STEPS.filter(
    (s) => !(s === 'service' && r.service && services.length === 1) && !(s === 'channel' && r.channel),
  );
}

/** Lower case, without diacritics, single spaces. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Services whose agency or own name (in `lang`) contains every word of the query, in the tenant's order. */
export function searchServices(
  services: ServiceInfo[],
  agencies: AgencyInfo[],
  query: string,
  lang: Language,
): ServiceInfo[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (!words.length) return services;
  const agencyName = new Map(agencies.map((a) => [a.id, a.name[lang]]));
  return services.filter((s) => {
    const hay = ` ${fold(`${agencyName.get(s.agencyId) ?? ''} ${s.name[lang]}`)}`;
    return words.every((w) => hay.includes(w));
  });
}
