/** `GET /v1/tenants/{tenant}`: the hall's catalogue and current pact, what the widget renders. */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { hallOf } from './hall.js';
import { parse } from '../validate.js';
import { TenantQuerySchema, type TenantConfig } from '../schemas/index.js';

export const tenants = new Hono<AppEnv>().get('/v1/tenants/:tenant', (c) => {
  const hall = hallOf(c);
  const query = parse(TenantQuerySchema, c.req.query(), c.get('lang'));
  const lang = query.lang ?? c.get('lang');
  const t = hall.tenant;
  const body: TenantConfig = {
    tenant: { id: t.id, name: t.name, timeZone: t.timeZone },
    channels: t.channels,
    agencies: t.agencies.map((a) => ({ id: a.id, name: a.name })),
    services: t.agencies.flatMap((a) =>
      a.services.map((s) => ({
        id: s.id,
        agencyId: a.id,
        name: s.name,
        ticketPrefix: s.ticketPrefix,
        channels: Object.keys(s.quotaPerSlot),
        slotMinutes: s.slotMinutes,
        requirements: s.requirements,
        nikRequired: s.nikRequired,
        proofOfWork: s.proofOfWork,
      })),
    ),
    bookingWindow: t.bookingWindow,
    retentionDays: t.retentionDays,
    pact: hall.pacts[lang],
  };
  c.header('Cache-Control', 'public, max-age=60');
  c.header('Vary', 'Accept-Language, Origin');
  return c.json(body);
});
