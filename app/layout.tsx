import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getClientI18n } from '@/lib/i18n/server';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Mailwarden', template: '%s · Mailwarden' },
  description: 'Postfix incident console for extmail/extman mail servers',
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, messages } = await getClientI18n();
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <body>
        <Providers locale={locale} messages={messages}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
