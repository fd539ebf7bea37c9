/** `GET /v1/bookings/{id}` and `POST /v1/bookings/{id}/cancel`, for the holder of the manage token. */

import { BookingIdSchema } from '@pakta/sdk/protocol';
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import { certificateUrl, checkManageToken, presentBooking } from '../bookings.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import type { BookingRecord } from '../store/store.js';

async function authorisedBooking(c: Context<AppEnv>): Promise<BookingRecord> {
  const deps = c.get('deps');
  const id = c.req.param('id') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  // Same answer for an unknown id and a wrong token, so ids cannot be probed.
  if (!v.is(BookingIdSchema, id) || !(await checkManageToken(deps, id, token)))
    throw new Problem('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer' } });
  const booking = await deps.store.get(id);
  if (!booking) throw new Problem('not_found');
  return booking;
}

export const manage = new Hono<AppEnv>()
  .get('/v1/bookings/:id', async (c) => {
    const b = await authorisedBooking(c);
    const deps = c.get('deps');
    c.header('Cache-Control', 'no-store');
    return c.json({
      booking: presentBooking(deps, b),
      certificate: b.certificate ?? '',
      certificateUrl: certificateUrl(deps, b.certificate ?? ''),
    });
  })
  .post('/v1/bookings/:id/cancel', async (c) => {
    const b = await authorisedBooking(c);
    const deps = c.get('deps');
    const result = await deps.store.cancel(b.id, deps.clock());
    if (result.kind === 'already_cancelled') throw new Problem('already_cancelled');
    if (result.kind === 'not_found') throw new Problem('not_found');
    c.header('Cache-Control', 'no-store');
    return c.json({ booking: presentBooking(deps, result.booking) });
  });
