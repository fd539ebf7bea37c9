/** `GET /v1/tenants/{tenant}`: the tenant's catalogue and current pact, what the widget renders. */

import { type TenantConfig, TenantQuerySchema } from '@pakta/sdk/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import type { PactVersion } from '../domain/pact.js';
import { parse } from '../validate.js';
import { tenantOf } from './tenant-of.js';

/** A pact version as the tenant answer names it: `lang` is the published API's word for its language. */
const wirePact = (p: PactVersion): TenantConfig['pact'] => ({
  version: p.version,
  lang: p.language,
  text: p.text,
  hash: p.hash,
});

export const tenants = new Hono<AppEnv>().get('/v1/tenants/:tenant', (c) => {
  const t = tenantOf(c);
  const query = parse(TenantQuerySchema, c.req.query(), c.get('lang'));
  const lang = query.lang ?? c.get('lang');
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
    pact: wirePact(t.pacts[lang]),
  };
  c.header('Cache-Control', 'public, max-age=60');
  c.header('Vary', 'Accept-Language, Origin');
  return c.json(body);
});
