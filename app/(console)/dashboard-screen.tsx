'use client';

import Link from 'next/link';
import { Card, Stat } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { PageHeader } from '@/components/page-header';

type Summary = {
  mailboxes: number;
  inactive: number;
  domains: number;
  hosts: number | null;
  recent: { id: string; at: string; actor: string; action: string; target: string | null; ok: boolean }[];
};

export function DashboardScreen({ summary, labels }: { summary: Summary; labels: { title: string; subtitle: string } }) {
  const { t } = useT();
  const steps = ['dashboard.steps.contain', 'dashboard.steps.clean', 'dashboard.steps.harden', 'dashboard.steps.verify'] as const;
  return (
    <>
      <PageHeader title={labels.title} subtitle={labels.subtitle} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label={t('dashboard.mailboxes')} value={summary.mailboxes.toLocaleString()} hint={summary.inactive ? `${summary.inactive} inactive` : undefined} />
        <Stat label={t('dashboard.domains')} value={summary.domains.toLocaleString()} />
        {summary.hosts !== null && <Stat label={t('dashboard.hosts')} value={summary.hosts} />}
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title={t('dashboard.steps.title')}>
          <ol className="space-y-3">
            {steps.map((key, i) => (
              <li key={key} className="flex gap-3 text-sm text-slate-700">
                <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700">{i + 1}</span>
                {t(key)}
              </li>
            ))}
          </ol>
        </Card>
        <Card title={t('dashboard.recentActions')} actions={<Link href="/audit" className="text-xs font-medium text-brand-600 hover:underline">{t('nav.audit')} →</Link>}>
          {summary.recent.length === 0 ? (
            <p className="text-sm text-slate-500">{t('dashboard.noActions')}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {summary.recent.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-3 py-2">
                  <span className="font-mono text-xs text-slate-500">{new Date(r.at).toLocaleString()}</span>
                  <span className="flex-1 truncate text-slate-800">{r.action} {r.target && <span className="text-slate-500">· {r.target}</span>}</span>
                  <span className={r.ok ? 'text-emerald-600' : 'text-red-600'}>{r.ok ? '✓' : '✕'}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
