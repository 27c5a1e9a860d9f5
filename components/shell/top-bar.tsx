'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useT } from '@/components/i18n-provider';
import type { Role } from '@/lib/auth/principal';
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n/core';
import { fetchJson } from '@/lib/query/fetch-json';

export function TopBar({ username, role, domains }: { username: string; role: Role; domains: string[] }) {
  const { t, locale } = useT();
  const router = useRouter();

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
    <header className="flex h-14 items-center justify-end gap-4 border-b border-slate-200 bg-white px-6">
      <label className="flex items-center gap-2 text-xs text-slate-500">
        {t('nav.language')}
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
      <div className="text-right">
        <Link href="/account" className="text-sm font-medium text-slate-800 hover:underline" data-testid="current-user">{username}</Link>
        <div className="text-xs text-slate-500">
          {t(role === 'admin' ? 'role.admin' : 'role.postmaster')}
          {role === 'postmaster' && domains.length > 0 && ` · ${domains.join(', ')}`}
        </div>
      </div>
      <button onClick={signOut} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
        {t('nav.signOut')}
      </button>
    </header>
  );
}
