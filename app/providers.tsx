'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n-provider';
import type { Locale } from '@/lib/i18n/translate';
import { getQueryClient } from '@/lib/query/query-client';

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale}>{children}</I18nProvider>
    </QueryClientProvider>
  );
}
