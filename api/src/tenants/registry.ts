/**
 * The tenants a deployment serves, indexed for the routes: each tenant's definition, its services by id with
 * their agency, and its current pact per language with the hash computed once.
 */
import type { Language } from '@pakta/sdk/protocol';
import { currentPact, type PactVersion } from '../domain/pact.js';
import type { Agency, Service, TenantDefinition } from './schema.js';

/** A tenant as the routes use it: its definition plus indexes built once when the registry is made. */
export interface Tenant extends TenantDefinition {
  services: ReadonlyMap<string, { service: Service; agency: Agency }>;
  pacts: Readonly<Record<Language, PactVersion>>;
}

export type TenantRegistry = ReadonlyMap<string, Tenant>;

export async function createRegistry(definitions: TenantDefinition[]): Promise<TenantRegistry> {
  const tenants = new Map<string, Tenant>();
  for (const definition of definitions) {
    if (tenants.has(definition.id)) throw new Error(`Two tenant files define the tenant "${definition.id}"`);
    const services = new Map<string, { service: Service; agency: Agency }>();
    for (const agency of definition.agencies)
      for (const service of agency.services) services.set(service.id, { service, agency });
    const pacts = { id: await currentPact(definition, 'id'), en: await currentPact(definition, 'en') };
    tenants.set(definition.id, { ...definition, services, pacts });
  }
  return tenants;
}
