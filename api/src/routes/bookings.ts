/** `POST /v1/tenants/{tenant}/bookings`: take a queue number after agreeing to the pact. */

import { BookingRequestSchema, IdempotencyKeySchema } from '@pakta/sdk/protocol';
import { Hono } from 'hono';
import * as v from 'valibot';
import { takeBooking } from '../bookings.js';
import type { AppEnv } from '../context.js';
import { isRealDate } from '../domain/time.js';
import { Problem } from '../errors.js';
import { enforceRateLimit } from '../rate-limits.js';
import { parse } from '../validate.js';
import { readJsonBody } from './read-json-body.js';
import { tenantOf } from './tenant-of.js';

export const bookings = new Hono<AppEnv>().post('/v1/tenants/:tenant/bookings', async (c) => {
  const tenant = tenantOf(c);
  const deps = c.get('deps');
  await enforceRateLimit(deps, tenant, 'perAddress', deps.clientAddress(c));
  const key = c.req.header('idempotency-key');
  if (key !== undefined && !v.is(IdempotencyKeySchema, key)) throw new Problem('idempotency_key_invalid');
  const { json, bytes } = await readJsonBody(c);
  const request = parse(BookingRequestSchema, json, c.get('lang'));
  if (!isRealDate(request.date))
    throw new Problem('validation_failed', { errors: [{ path: 'date', message: 'YYYY-MM-DD' }] });
  const result = await takeBooking(deps, tenant, request, key === undefined ? undefined : { key, body: bytes });
  c.header('Cache-Control', 'no-store');
  c.header('Location', `/v1/bookings/${result.body.booking.id}`);
  return c.json(result.body, result.status);
});
