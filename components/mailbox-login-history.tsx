'use client';

import { useQueries } from '@tanstack/react-query';
import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { loginDetailQuery } from '@/lib/maillog/client';

// Login history of one SASL user across mail hosts, for the mailbox page:
// every client IP with its count and first/last login, per host, from the
// current and rotated maillogs (last 7 days unless `from` says otherwise).
// Usage: <MailboxLoginHistory username="info@example.com" hosts={['lab']} />

export function MailboxLoginHistory({ username, hosts, from, limit = 50 }: { username: string; hosts: string[]; from?: string; limit?: number }) {
  const { t, f } = useT();
  const fmt = (ms: number | null) => (ms ? f.dateTime(ms) : '—');
  const params = { user: username, limit, ...(from ? { from } : {}) };
  const results = useQueries({
    queries: hosts.map((host) => ({
      ...loginDetailQuery(host, params),
      retry: false,
    })),
  });
  const rows = results.flatMap((r, i) => (r.data ? r.data.ips.map((ip) => ({ host: hosts[i]!, ...ip })) : [])).sort((a, b) => b.count - a.count);
  const total = results.reduce((n, r) => n + (r.data?.logins ?? 0), 0);
  const last = Math.max(0, ...results.map((r) => r.data?.last ?? 0));
  const pending = results.some((r) => r.isPending);
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="mailbox-login-history">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3 sm:px-5">
        <h2 className="text-sm font-semibold text-slate-700">{t('logs.widget.title')}</h2>
        <span className="text-xs text-slate-500">
          {pending ? t('common.loading') : t('logs.widget.summary', { logins: total, ips: new Set(rows.map((r) => r.ip)).size, last: fmt(last || null) })}
        </span>
      </header>
      <div className="overflow-x-auto p-4 sm:p-5">
        {hosts.length === 0 && <p className="text-sm text-slate-500">{t('logs.noHosts')}</p>}
        {results.map((r, i) =>
          r.isError ? (
            <p key={hosts[i]} className="mb-2 text-sm text-red-700">
              {hosts[i]}: {(r.error as Error).message}
            </p>
          ) : null,
        )}
        {!pending && rows.length === 0 && hosts.length > 0 && <p className="text-sm text-slate-500">{t('logs.logins.noneForUser')}</p>}
        {rows.length > 0 && (
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                {hosts.length > 1 && <th className="pb-2 pr-4 font-medium">{t('logs.host')}</th>}
                <th className="pb-2 pr-4 font-medium">{t('logs.col.ip')}</th>
                <th className="pb-2 pr-4 font-medium">{t('logs.col.logins')}</th>
                <th className="pb-2 pr-4 font-medium">{t('logs.col.first')}</th>
                <th className="pb-2 pr-4 font-medium">{t('logs.col.last')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.slice(0, limit).map((r) => (
                <tr key={`${r.host}\0${r.ip}`}>
                  {hosts.length > 1 && <td className="py-1.5 pr-4 text-slate-600">{r.host}</td>}
                  <td className="py-1.5 pr-4 font-mono text-xs">
                    {r.ip}
                    {r.name && <span className="ml-2 text-slate-400">{r.name}</span>}
                  </td>
                  <td className="py-1.5 pr-4 tabular-nums">{f.number(r.count)}</td>
                  <td className="py-1.5 pr-4 text-xs text-slate-500 tabular-nums">
                    {r.first ? <time dateTime={new Date(r.first).toISOString()}>{fmt(r.first)}</time> : '—'}
                  </td>
                  <td className="py-1.5 pr-4 text-xs text-slate-500 tabular-nums">
                    {r.last ? <time dateTime={new Date(r.last).toISOString()}>{fmt(r.last)}</time> : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="mt-3 flex flex-wrap gap-3 text-xs">
          {hosts.map((h) => (
            <Link key={h} className="text-brand-700 hover:underline" href={`/logs?${new URLSearchParams({ tab: 'logins', host: h, user: username })}`}>
              {t('logs.widget.open', { host: h })}
            </Link>
          ))}
        </div>
      </div>
    </section>
  );
}
