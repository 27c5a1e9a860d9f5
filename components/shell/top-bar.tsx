'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useT } from '@/components/i18n-provider';
import type { Role } from '@/lib/auth/principal';
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n/core';
import { fetchJson } from '@/lib/query/fetch-json';
import { MobileNav } from './mobile-nav';

export function TopBar({ username, role, domains }: { username: string; role: Role; domains: string[] }) {
  const { t, locale } = useT();
  const router = useRouter();
  const roleText = `${t(role === 'admin' ? 'role.admin' : 'role.postmaster')}${role === 'postmaster' && domains.length > 0 ? ` · ${domains.join(', ')}` : ''}`;

  function setLocale(next: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }

  async function signOut() {
    await fetchJson('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    router.replace('/login');
    router.refresh();
  }

  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-4 sm:gap-4 sm:px-6">
      <MobileNav role={role} username={username} roleText={roleText} onSignOut={signOut} />
      <Link href="/" className="flex min-w-0 items-center gap-2 lg:hidden">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/favicon.svg" alt="" className="h-7 w-7" />
        <span className="truncate text-base font-semibold text-slate-900">{t('app.name')}</span>
      </Link>
      <div className="ml-auto flex items-center gap-3 sm:gap-4">
        <label className="flex items-center gap-2 text-xs text-slate-500">
          <span className="hidden sm:inline">{t('nav.language')}</span>
          <select
            aria-label={t('nav.language')}
            value={locale}
            onChange={(e) => setLocale(e.target.value as Locale)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700"
          >
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </select>
        </label>
        <div className="hidden text-right sm:block">
          <Link href="/account" className="text-sm font-medium text-slate-800 hover:underline" data-testid="current-user">
            {username}
          </Link>
          <div className="text-xs text-slate-500">{roleText}</div>
        </div>
        <button onClick={signOut} className="hidden rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 sm:block">
          {t('nav.signOut')}
        </button>
      </div>
    </header>
  );
}
