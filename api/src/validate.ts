/**
 * Input validation with valibot, turning issues into a `validation_failed` problem whose field messages are in
 * the request's language.
 */
import * as v from 'valibot';
import { Problem } from './errors.js';
import { type Language, messagesFor } from './locales/index.js';
import { issuePath } from './tenants/parse.js';

export function parse<S extends v.GenericSchema>(schema: S, input: unknown, lang: Language): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const m = messagesFor(lang).fields;
  throw new Problem('validation_failed', {
    errors: result.issues.slice(0, 20).map((issue) => ({
      path: issuePath(issue),
      message:
        issue.received === 'undefined' ? m.required : `${m.invalid}${issue.expected ? ` (${issue.expected})` : ''}`,
    })),
  });
}
