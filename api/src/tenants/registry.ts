/**
 * The halls a deployment serves, indexed for the routes: a service by id, its agency, and each hall's current
 * pact per language with its hash computed once.
 */
import { currentPact, type PactLanguage, type PactVersion } from '../domain/pact.js';
import type { Agency, Service, Tenant } from './schema.js';

export interface Hall {
  tenant: Tenant;
  services: Map<string, { service: Service; agency: Agency }>;
  pacts: Record<PactLanguage, PactVersion>;
}

export type TenantRegistry = ReadonlyMap<string, Hall>;

export async function createRegistry(tenants: Tenant[]): Promise<TenantRegistry> {
  const halls = new Map<string, Hall>();
  for (const tenant of tenants) {
    if (halls.has(tenant.id)) throw new Error(`Two tenant files define the hall "${tenant.id}"`);
    const services = new Map<string, { service: Service; agency: Agency }>();
    for (const agency of tenant.agencies) for (const service of agency.services) services.set(service.id, { service, agency });
    halls.set(tenant.id, { tenant, services, pacts: { id: await currentPact(tenant, 'id'), en: await currentPact(tenant, 'en') } });
  }
  return halls;
}
