/**
 * Renders every failure as RFC 9457 `application/problem+json`. Known refusals keep their code; anything else is
 * an `internal` problem whose message says nothing of the cause (which may carry personal data) to the client.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../context.js';
import { PROBLEMS, Problem, type ProblemCode, problemType } from '../errors.js';
import { interpolate, messagesFor, negotiateLanguage } from '../locales/index.js';

export function problemResponse(c: Context<AppEnv>, problem: Problem): Response {
  const lang = c.get('lang') ?? negotiateLanguage(c.req.header('accept-language'));
  const body = {
    type: problemType(problem.code),
    code: problem.code,
    title: PROBLEMS[problem.code].title,
    status: problem.status,
    detail: interpolate(messagesFor(lang).problems[problem.code], problem.params),
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  for (const [name, value] of Object.entries(problem.headers)) c.header(name, value);
  c.header('Content-Language', lang);
  return c.body(JSON.stringify(body), problem.status as 400, {
    'Content-Type': 'application/problem+json; charset=utf-8',
  });
}

const fromHttpStatus: Record<number, ProblemCode> = {
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  401: 'unauthorized',
};

export const onError =
  (log: (message: string, error: unknown) => void): ErrorHandler<AppEnv> =>
  (err, c) => {
    if (err instanceof Problem) return problemResponse(c, err);
    if (err instanceof HTTPException && fromHttpStatus[err.status])
      return problemResponse(c, new Problem(fromHttpStatus[err.status]!));
    log(`unhandled error on ${c.req.method} ${new URL(c.req.url).pathname}`, err);
    return problemResponse(c, new Problem('internal'));
  };

export const notFound: NotFoundHandler<AppEnv> = (c) => problemResponse(c, new Problem('not_found'));
