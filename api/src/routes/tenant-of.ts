import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import type { Tenant } from '../tenants/registry.js';

/** The tenant named by the `:tenant` path parameter, or a `not_found` problem. */
export function tenantOf(c: Context<AppEnv>): Tenant {
  const tenant = c.get('deps').tenants.get(c.req.param('tenant') ?? '');
  if (!tenant) throw new Problem('not_found');
  return tenant;
}
