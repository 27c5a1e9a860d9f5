import { en, type MessageKey } from './catalogue/en';
import { zh } from './catalogue/zh';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'mw_locale';
export const DEFAULT_LOCALE: Locale = 'en';

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, zh };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, vars) => {
    const text = messages[key] ?? en[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

export type { MessageKey };
