'use client';

import Link from 'next/link';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { actionLabel } from './audit/action-label';

export type RecentAction = { id: string; at: string; actor: string; action: string; target: string | null; ok: boolean };

export function DashboardRecent({ recent }: { recent: RecentAction[] }) {
  const { t, f } = useT();
  return (
    <Card
      title={t('dashboard.recentActions')}
      actions={
        <Link href="/audit" className="text-xs font-medium text-brand-600 hover:underline">
          {t('nav.audit')} →
        </Link>
      }
    >
      {recent.length === 0 ? (
        <p className="text-sm text-slate-500">{t('dashboard.noActions')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {recent.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-0.5 py-2">
              <time dateTime={r.at} className="shrink-0 text-xs whitespace-nowrap text-slate-500 tabular-nums">
                {f.dateTime(r.at)}
              </time>
              <span className="order-last min-w-0 basis-full truncate text-slate-800 sm:order-none sm:basis-auto sm:flex-1" title={r.action}>
                {actionLabel(t, r.action)} {r.target && <span className="text-slate-500">· {r.target}</span>}
              </span>
              <span className={r.ok ? 'text-emerald-600' : 'text-red-600'}>{r.ok ? '✓' : '✕'}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
