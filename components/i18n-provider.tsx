'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createTranslator, type Locale, type Messages, type Translate } from '@/lib/i18n/core';
import { formatters, type Formatters } from '@/lib/i18n/format';

// The active locale's catalogue comes from the root layout as a prop, so the
// browser receives that one only (never import a catalogue here).

type I18n = { locale: Locale; t: Translate; f: Formatters };

const fallback = createTranslator('en', {});
const I18nContext = createContext<I18n>({ locale: 'en', t: fallback, f: formatters('en', fallback) });

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  const value = useMemo(() => {
    const t = createTranslator(locale, messages);
    return { locale, t, f: formatters(locale, t) };
  }, [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT() {
  return useContext(I18nContext);
}
