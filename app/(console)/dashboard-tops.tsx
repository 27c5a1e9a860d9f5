'use client';

import Link from 'next/link';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import type { HostOverview } from '@/lib/dashboard/types';
import type { FacetValue } from '@/lib/queue/query';

// Who fills the queue (top SASL logins and client IPs, each a link to the
// queue filtered by it) and who refuses our mail.

function Bars({ rows, href, testid }: { rows: FacetValue[]; href: (v: string) => string; testid: string }) {
  const { f } = useT();
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul className="space-y-1.5" data-testid={testid}>
      {rows.map((r) => (
        <li key={r.value} className="text-sm">
          <div className="flex justify-between gap-3">
            <Link href={href(r.value)} className="truncate font-mono text-xs text-brand-700 hover:underline">
              {r.value}
            </Link>
            <span className="tabular-nums text-xs text-slate-600">{f.number(r.count)}</span>
          </div>
          <div className="mt-0.5 h-1.5 rounded-full bg-slate-100">
            <div className="h-1.5 rounded-full bg-brand-500" style={{ width: `${Math.max(2, (r.count / max) * 100)}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}

const queueLink = (host: string, key: string) => (v: string) => `/queue?${new URLSearchParams({ host, [key]: v })}`;

export function DashboardTops({ view, showHost }: { view: HostOverview; showHost: boolean }) {
  const { t } = useT();
  const suffix = showHost ? ` · ${view.host}` : '';
  if (!view.queue.indexed) return null;
  return (
    <Card title={`${t('dashboard.topUsers')}${suffix}`}>
      {view.queue.topUsers.length === 0 ? (
        <p className="text-sm text-slate-500">{t('dashboard.noData')}</p>
      ) : (
        <Bars rows={view.queue.topUsers} href={queueLink(view.host, 'saslUser')} testid="top-users" />
      )}
      <h3 className="mt-5 mb-2 text-sm font-semibold text-slate-700">{t('dashboard.topIps')}</h3>
      {view.queue.topIps.length === 0 ? (
        <p className="text-sm text-slate-500">{t('dashboard.noData')}</p>
      ) : (
        <Bars rows={view.queue.topIps} href={queueLink(view.host, 'clientIp')} testid="top-ips" />
      )}
    </Card>
  );
}

export function DashboardBlocks({ view, showHost }: { view: HostOverview; showHost: boolean }) {
  const { t, f } = useT();
  const b = view.blocks;
  return (
    <Card
      title={`${t('dashboard.blocks.title')}${showHost ? ` · ${view.host}` : ''}`}
      actions={
        <Link href={`/logs?${new URLSearchParams({ host: view.host, tab: 'blocks' })}`} className="text-xs font-medium text-brand-600 hover:underline">
          {t('nav.logs')} →
        </Link>
      }
    >
      {!b.ok ? (
        <p className="text-sm text-red-700">{t('dashboard.blocks.error', { message: b.error })}</p>
      ) : b.groups.length === 0 ? (
        <p className="text-sm text-slate-500">{t('dashboard.blocks.none')}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="blocks">
          {b.groups.map((g) => (
            <li key={`${g.site}|${g.reply}`} className="py-2 text-sm">
              <div className="flex items-center justify-between gap-3">
                <span className="font-mono text-xs font-semibold text-slate-800">{g.site}</span>
                <span className="flex items-center gap-2">
                  {g.blocked && (
                    <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-700">{g.provider ?? t('dashboard.blocks.blocklisted')}</span>
                  )}
                  <span className="tabular-nums text-xs text-slate-600">{t('dashboard.blocks.count', { count: f.number(g.count) })}</span>
                </span>
              </div>
              <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{g.reply}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
