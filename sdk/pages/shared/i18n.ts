/**
 * The pages' language: Bahasa Indonesia unless the browser prefers English and lists no Indonesian, or the reader chose
 * with the switch (remembered on this device). English strings load only when needed.
 */
import type { Language } from '../../src/index.js';
import id, { type Strings } from './locales/id.js';

export type { Language, Strings };

const STORAGE_KEY = 'pakta-pages-lang';

export function preferredLang(): Language {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (chosen === 'id' || chosen === 'en') return chosen;
  } catch {
    // storage blocked: fall through to the browser's languages
  }
  const langs = (navigator.languages?.length ? navigator.languages : [navigator.language]).map((l) => l.toLowerCase());
  if (langs.some((l) => l === 'id' || l.startsWith('id-') || l === 'in')) return 'id';
  return langs[0]?.startsWith('en') ? 'en' : 'id';
}

export function rememberLang(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered; the switch still works for this page
  }
}

export async function loadStrings(lang: Language): Promise<Strings> {
  return lang === 'en' ? (await import('./locales/en.js')).default : id;
}
