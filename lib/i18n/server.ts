import 'server-only';
import { cookies, headers } from 'next/headers';
import { formatters } from './format';
import { catalogue, DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, translator, type Locale } from './translate';

/** The remembered choice, else the browser's preference, else English. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const accept = (await headers()).get('accept-language') ?? '';
  return /^\s*zh/i.test(accept) ? 'zh' : DEFAULT_LOCALE;
}

export async function getTranslator() {
  const locale = await getLocale();
  const t = translator(locale);
  return { locale, t, f: formatters(locale, t) };
}

/** The active locale and only its catalogue, for the client provider. */
export async function getClientI18n() {
  const locale = await getLocale();
  return { locale, messages: catalogue(locale) };
}
