/**
 * The languages Pakta speaks: Bahasa Indonesia (`id`, always the default) and English (`en`). One list, so that the
 * API's negotiation, the pact texts, the SDK client and the widget's messages all grow together when a language is added.
 */

export const LANGUAGES = ['id', 'en'] as const;

/** A language of the API's answers, of a pact text and of the widget: `id` or `en`. */
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'id';

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}
