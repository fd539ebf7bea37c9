import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

export const health = new Hono<AppEnv>().get('/healthz', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ ok: true, tenants: c.get('deps').tenants.size });
});
