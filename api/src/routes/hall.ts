import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import type { Hall } from '../tenants/registry.js';

/** The hall named by the `:tenant` path parameter, or a `not_found` problem. */
export function hallOf(c: Context<AppEnv>): Hall {
  const hall = c.get('deps').tenants.get(c.req.param('tenant') ?? '');
  if (!hall) throw new Problem('not_found');
  return hall;
}
