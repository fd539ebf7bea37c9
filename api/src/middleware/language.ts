/**
 * Negotiates the response language (`id` first, `en` for those who ask) once per request, so error messages and
 * the pact come in the language the citizen reads.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { negotiateLanguage } from '../locales/index.js';

export const language = () =>
  createMiddleware<AppEnv>(async function language(c, next) {
    c.set('lang', negotiateLanguage(c.req.header('accept-language')));
    c.header('Content-Language', c.get('lang'));
    await next();
  });
