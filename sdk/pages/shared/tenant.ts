/**
 * What a certificate holds only as ids (tenant, service, agency, channel), the tenant's time zone, and the pact text, from
 * the tenant's public configuration on this origin, read with the SDK's client. Optional: without it the ids are shown.
 */
import { createClient, type PactCertificate, type TenantConfig } from '../../src/index.js';
import type { Language } from './i18n.js';

export interface TenantNames {
  /** The tenant's name, e.g. `Mal Pelayanan Publik Kabupaten Badung`. */
  tenant: string;
  timeZone: string;
  service(id: string): string;
  agency(id: string): string;
  channel(id: string): string;
}

const cache = new Map<string, Promise<TenantConfig | undefined>>();

/** The tenant's configuration, once per tenant and language; `undefined` when it cannot be read. */
function config(origin: string, tenant: string, lang: Language): Promise<TenantConfig | undefined> {
  const key = `${tenant} ${lang}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = createClient({ baseUrl: origin, tenant, lang, timeout: 8000 })
      .tenant()
      .catch(() => {
        cache.delete(key);
        return undefined;
      });
    cache.set(key, pending);
  }
  return pending;
}

export async function tenantNames(origin: string, tenant: string, lang: Language): Promise<TenantNames | undefined> {
  const c = await config(origin, tenant, lang);
  if (!c) return undefined;
  const local = (text: { id: string; en: string } | undefined, fallback: string) =>
    text ? text[lang] || text.id : fallback;
  return {
    tenant: c.tenant.name,
    timeZone: c.tenant.timeZone,
    service: (id) => local(c.services.find((s) => s.id === id)?.name, id),
    agency: (id) => local(c.agencies.find((a) => a.id === id)?.name, id),
    channel: (id) => local(c.channels[id]?.name, id),
  };
}

/**
 * The exact pact text the citizen agreed to, when the tenant still serves it: its SHA-256, computed here, equals the
 * certificate's signed pact `hash` (claim `pact.sha256`). `undefined` otherwise (an older version, or the configuration unreachable).
 */
export async function agreedPactText(origin: string, certificate: PactCertificate): Promise<string | undefined> {
  const lang = certificate.pact.language;
  if (lang !== 'id' && lang !== 'en') return undefined;
  const c = await config(origin, certificate.tenant, lang);
  if (!c || c.pact.version !== certificate.pact.version) return undefined;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(c.pact.text)));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return hex === certificate.pact.hash ? c.pact.text : undefined;
}
