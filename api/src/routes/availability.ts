/** `GET /v1/tenants/{tenant}/availability`: open days and remaining quota per slot and channel. */

import { type Availability, AvailabilityQuerySchema } from '@pakta/sdk/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { availabilityOf, datesFrom } from '../domain/availability.js';
import { today } from '../domain/calendar.js';
import { isRealDate } from '../domain/time.js';
import { Problem } from '../errors.js';
import { parse } from '../validate.js';
import { tenantOf } from './tenant-of.js';

export const availability = new Hono<AppEnv>().get('/v1/tenants/:tenant/availability', async (c) => {
  const deps = c.get('deps');
  const tenant = tenantOf(c);
  const query = parse(AvailabilityQuerySchema, c.req.query(), c.get('lang'));
  const entry = tenant.services.get(query.service);
  if (!entry) throw new Problem('unknown_service');
  const now = deps.clock();
  const from = query.from ?? today(tenant, now);
  if (!isRealDate(from)) throw new Problem('validation_failed', { errors: [{ path: 'from', message: 'YYYY-MM-DD' }] });
  const days = await Promise.all(
    datesFrom(from, query.days).map(async (date) =>
      availabilityOf(
        tenant,
        entry.service,
        date,
        now,
        await deps.store.activeCounts(tenant.id, entry.service.id, date),
      ),
    ),
  );
  const body: Availability = { service: entry.service.id, timeZone: tenant.timeZone, days };
  c.header('Cache-Control', 'no-store');
  return c.json(body);
});
