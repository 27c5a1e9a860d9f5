'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useT } from '@/components/i18n-provider';
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n/core';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';

type LoginResult = { warnings: { code: string; date: string }[] };

export function LoginScreen() {
  const { t, locale } = useT();
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await fetchJson<LoginResult>('/api/auth/login', { method: 'POST', json: { username, password, ...(needTotp ? { totp } : {}) } });
      const expired = result.warnings.find((w) => w.code === 'manager_expired');
      if (expired) sessionStorage.setItem('mw_login_warning', t('login.expiredWarning', { date: expired.date }));
      router.replace('/');
      router.refresh();
    } catch (err) {
      setError(messageFor(err));
      setBusy(false);
    }
  }

  function messageFor(err: unknown): string {
    if (!(err instanceof ApiError)) return t('common.error');
    if (err.status === 429) return t('login.throttled', { seconds: (err.details as { retryAfter?: number })?.retryAfter ?? 30 });
    if (err.status === 503) return t('login.unavailable');
    if ((err.details as { totpRequired?: boolean } | undefined)?.totpRequired) {
      const first = !needTotp;
      setNeedTotp(true);
      return first ? t('login.totpRequired') : t('login.totpWrong');
    }
    if (err.status === 401) return t('login.failed');
    return err.message;
  }

  function setLocale(next: Locale) {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }

  const field =
    'mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none';
  return (
    <div className="flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-900 via-slate-800 to-brand-700 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-3 text-white">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/favicon.svg" alt="" className="h-10 w-10" />
          <div>
            <div className="text-xl font-semibold">{t('app.name')}</div>
            <div className="text-xs text-slate-300">{t('app.tagline')}</div>
          </div>
        </div>
        <form onSubmit={submit} className="rounded-2xl bg-white p-7 shadow-xl" aria-label={t('login.title')}>
          <h1 className="text-lg font-semibold text-slate-900">{t('login.title')}</h1>
          <p className="mb-5 text-sm text-slate-500">{t('login.subtitle')}</p>
          <label className="mb-4 block text-sm font-medium text-slate-700">
            {t('login.username')}
            <input
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              className={field}
              placeholder="root@extmail.org"
            />
          </label>
          <label className="mb-4 block text-sm font-medium text-slate-700">
            {t('login.password')}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className={field}
            />
          </label>
          {needTotp && (
            <label className="mb-4 block text-sm font-medium text-slate-700">
              {t('login.totp')}
              <input
                name="totp"
                autoComplete="one-time-code"
                inputMode="text"
                value={totp}
                onChange={(e) => setTotp(e.target.value)}
                className={field}
                autoFocus
              />
              <span className="mt-1 block text-xs font-normal text-slate-500">{t('login.totpHint')}</span>
            </label>
          )}
          {error && (
            <p role="alert" data-testid="login-error" className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          )}
          <button
            type="submit"
            disabled={busy}
            className="w-full rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow hover:bg-brand-700 disabled:opacity-60"
          >
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <div className="mt-4 flex justify-center gap-3 text-xs text-slate-300">
          <button onClick={() => setLocale('en')} className={locale === 'en' ? 'font-semibold text-white' : 'hover:text-white'}>
            English
          </button>
          <span>·</span>
          <button onClick={() => setLocale('zh')} className={locale === 'zh' ? 'font-semibold text-white' : 'hover:text-white'}>
            简体中文
          </button>
        </div>
      </div>
    </div>
  );
}
