import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/** `halls` is the published answer's word for the number of tenants served (docs/glossary.md). */
export const health = new Hono<AppEnv>().get('/healthz', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ ok: true, halls: c.get('deps').tenants.size });
});
