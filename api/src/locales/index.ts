/**
 * The API's words in each `Language`: problem details and field messages, chosen by the request's Accept-Language.
 */
import { DEFAULT_LANGUAGE, type Language } from '@pakta/sdk/protocol';
import { en } from './en.js';
import { type ApiMessages, id } from './id.js';

export type { Language } from '@pakta/sdk/protocol';

const messages: Record<Language, ApiMessages> = { id, en };

/** The language of a request: `en` when the client prefers English over Indonesian, else `id`. */
export function negotiateLanguage(acceptLanguage: string | undefined | null): Language {
  if (!acceptLanguage) return 'id';
  let best: { lang: Language; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    );
    const lang = tag.startsWith('en') ? 'en' : tag.startsWith('id') || tag.startsWith('in') ? 'id' : undefined;
    if (lang && !Number.isNaN(q) && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANGUAGE;
}

export function messagesFor(lang: Language): ApiMessages {
  return messages[lang];
}

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
