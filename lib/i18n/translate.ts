import { createTranslator, type Locale, type Messages } from './core';
import { en } from './catalogue/en';
import { zh } from './catalogue/zh';

// Both catalogues, for server code (notifications, reports, alert texts)
// that writes in a locale chosen per message. Client components import
// ./core instead and get their one catalogue from the provider; a build
// check (scripts/check-locale-bundles.mjs) fails if a browser chunk holds both.

export { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALES, createTranslator, formatMessage } from './core';
export type { Locale, MessageKey, Messages, Translate, Vars } from './core';

const catalogues: Record<Locale, Messages> = { en, zh };

export function catalogue(locale: Locale): Messages {
  return catalogues[locale];
}

export function translator(locale: Locale) {
  return createTranslator(locale, catalogues[locale]);
}
