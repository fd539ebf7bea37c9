/** Key sets and status lists: everything a verifier fetches, all public and cacheable. */
import { Hono } from 'hono';
import { issuerOf, statusListUri } from '../bookings.js';
import { STATUS_LIST_SIZE, signStatusList, statusBits } from '../certificates/status-list.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { tenantOf } from './tenant-of.js';

/** Seconds a verifier may cache a status list: a cancellation shows at counters within this. */
export const STATUS_LIST_TTL = 60;

export const wellKnown = new Hono<AppEnv>()
  .get('/.well-known/jwks.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(c.get('deps').keys.jwks(c.get('deps').clock()));
  })
  .get('/t/:tenant/.well-known/jwks.json', (c) => {
    tenantOf(c);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(c.get('deps').keys.jwks(c.get('deps').clock()));
  })
  .get('/t/:tenant/statuslists/:list', async (c) => {
    const deps = c.get('deps');
    const tenant = tenantOf(c);
    const list = c.req.param('list');
    if (!/^\d{1,6}$/.test(list)) throw new Problem('not_found');
    const n = Number(list);
    const from = n * STATUS_LIST_SIZE;
    const revoked = await deps.store.revokedIndexes(tenant.id, from, from + STATUS_LIST_SIZE);
    const token = await signStatusList(deps.keys.current, {
      iss: issuerOf(deps, tenant.id),
      uri: statusListUri(deps, tenant.id, n),
      now: deps.clock(),
      ttl: STATUS_LIST_TTL,
      bits: statusBits(revoked.map((i) => i - from)),
    });
    c.header('Cache-Control', `public, max-age=${STATUS_LIST_TTL}`);
    return c.body(token, 200, { 'Content-Type': 'application/statuslist+jwt' });
  });
