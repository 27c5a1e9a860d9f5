'use client';

import Link from 'next/link';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';

export type RecentAction = { id: string; at: string; actor: string; action: string; target: string | null; ok: boolean };

export function DashboardRecent({ recent }: { recent: RecentAction[] }) {
  const { t } = useT();
  return (
    <Card title={t('dashboard.recentActions')} actions={<Link href="/audit" className="text-xs font-medium text-brand-600 hover:underline">{t('nav.audit')} →</Link>}>
      {recent.length === 0 ? (
        <p className="text-sm text-slate-500">{t('dashboard.noActions')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {recent.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-3 py-2">
              <span className="font-mono text-xs text-slate-500">{new Date(r.at).toLocaleString()}</span>
              <span className="flex-1 truncate text-slate-800">
                {r.action} {r.target && <span className="text-slate-500">· {r.target}</span>}
              </span>
              <span className={r.ok ? 'text-emerald-600' : 'text-red-600'}>{r.ok ? '✓' : '✕'}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
