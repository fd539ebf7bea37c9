/** `GET /v1/tenants/{tenant}/challenge`: a fresh proof-of-work challenge for a rush service's booking. */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { newChallenge } from '../proof-of-work.js';
import { tenantOf } from './tenant-of.js';

export const challenge = new Hono<AppEnv>().get('/v1/tenants/:tenant/challenge', async (c) => {
  tenantOf(c);
  c.header('Cache-Control', 'no-store');
  return c.json(await newChallenge(c.get('deps')));
});
