/**
 * CORS by tenant: the booking API (`/v1/…`) answers browsers only from the origins a tenant listed (exact match),
 * so tenant B's site cannot book at tenant A. What verifiers and embedding pages fetch — key sets, status lists,
 * widget scripts — is public to every origin.
 */
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../context.js';
import { Problem } from '../errors.js';

const ALLOW_HEADERS = 'Content-Type, Idempotency-Key, Authorization, Accept-Language';
const EXPOSE_HEADERS = 'Retry-After, Location, Content-Language';

function allowedOrigin(deps: AppDeps, path: string, origin: string): boolean {
  if (origin === new URL(deps.publicUrl).origin) return true;
  const tenant = /^\/v1\/tenants\/([^/]+)/.exec(path)?.[1];
  if (tenant) return deps.tenants.get(tenant)?.allowedOrigins.includes(origin) ?? false;
  for (const tenant of deps.tenants.values()) if (tenant.allowedOrigins.includes(origin)) return true;
  return false;
}

export const tenantCors = () =>
  createMiddleware<AppEnv>(async function tenantCors(c, next) {
    const origin = c.req.header('origin');
    const api = c.req.path.startsWith('/v1/');
    c.header('Vary', 'Origin', { append: true });
    if (!api) {
      if (c.req.method === 'OPTIONS')
        return c.body(null, 204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, HEAD' });
      await next();
      // On the response's own headers, as secureHeaders does: hono's c.header() on a finished response rebuilds it
      // around a body stream, which cost every GET more than the rest of its middleware together.
      c.res.headers.set('Access-Control-Allow-Origin', '*');
      return;
    }
    const allowed = origin !== undefined && allowedOrigin(c.get('deps'), c.req.path, origin);
    if (c.req.method === 'OPTIONS') {
      if (!allowed) return c.body(null, 204);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    }
    if (origin !== undefined && !allowed && c.req.method !== 'GET' && c.req.method !== 'HEAD')
      throw new Problem('origin_not_allowed');
    await next();
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
  });
