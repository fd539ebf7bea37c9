/**
 * The Pakta API as one Hono app. Each runtime (Node, Workers) builds its adapters and calls `createApp`; nothing
 * here knows which runtime it runs on.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/v1/tenants/demo');
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './context.js';
import { tenantCors } from './middleware/cors.js';
import { language } from './middleware/language.js';
import { notFound, onError } from './middleware/problem.js';
import { availability } from './routes/availability.js';
import { bookings } from './routes/bookings.js';
import { challenge } from './routes/challenge.js';
import { health } from './routes/health.js';
import { manage } from './routes/manage.js';
import { openapi } from './routes/openapi.js';
import { tenants } from './routes/tenants.js';
import { wellKnown } from './routes/well-known.js';

export type { AppDeps, AppEnv } from './context.js';

export interface AppOptions {
  /** Where unexpected errors are reported; never receives request bodies. */
  log?: (message: string, error: unknown) => void;
  /**
   * Compress responses (gzip/deflate) for clients that accept it: citizens are on mobile networks. Off where the
   * platform already compresses at its edge (Cloudflare).
   */
  compress?: boolean;
}

export function createApp(deps: AppDeps, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (options.compress) {
    // Only reads carry large bodies (widget, catalogue); wrapping every booking answer would cost each one a stream.
    // A client that accepts no compression gets none without the middleware's work (it rebuilds the response).
    const gzip = compress();
    app.use('*', async (c, next) => {
      if (c.req.method !== 'GET') return next();
      if (/\b(?:gzip|deflate)\b|\*/i.test(c.req.header('accept-encoding') ?? '')) return gzip(c, next);
      await next();
      c.res.headers.append('Vary', 'Accept-Encoding');
    });
  }
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', language());
  app.use(
    '*',
    secureHeaders({
      // Widget scripts are loaded by agency sites on other origins.
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginEmbedderPolicy: false,
      xFrameOptions: false,
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use('*', tenantCors());
  app.route('/', tenants);
  app.route('/', availability);
  app.route('/', bookings);
  app.route('/', manage);
  app.route('/', wellKnown);
  app.route('/', openapi);
  app.route('/', health);
  app.route('/', challenge);
  app.onError(onError(options.log ?? ((m, e) => console.error(m, e))));
  app.notFound(notFound);
  return app;
}
