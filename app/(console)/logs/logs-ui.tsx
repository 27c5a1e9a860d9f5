'use client';

import type { ReactNode } from 'react';
import { useT } from '@/components/i18n-provider';
import type { ScanInfo } from '@/lib/maillog/schemas';
import { ApiError } from '@/lib/query/fetch-json';

// Small shared pieces of the log screens.

export const thClass = 'pb-2 pr-4 text-left text-xs font-medium uppercase tracking-wide text-slate-500';
export const tdClass = 'py-2 pr-4 align-top';

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time, sortable and without locale surprises: `2026-11-27 21:16:25`. */
export function fmtTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) return '—';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export const fmtNumber = (n: number) => n.toLocaleString('en-US');

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function StatGrid({ children }: { children: ReactNode }) {
  return <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">{children}</div>;
}

export function MiniStat({
  label,
  value,
  tone = 'default',
  testId,
}: {
  label: string;
  value: ReactNode;
  tone?: 'default' | 'danger' | 'warn' | 'ok';
  testId?: string;
}) {
  const color = { default: 'text-slate-900', danger: 'text-red-600', warn: 'text-amber-600', ok: 'text-emerald-600' }[tone];
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid={testId}>
      <div className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`mt-0.5 text-2xl font-semibold tabular-nums ${color}`}>{value}</div>
    </div>
  );
}

/** How the answer was made: files, bytes, lines parsed, time, cache. */
export function ScanFooter({ scan }: { scan: ScanInfo | undefined }) {
  const { t } = useT();
  if (!scan) return null;
  const mode = t(scan.mode === 'cache' ? 'logs.scan.cache' : scan.mode === 'resume' ? 'logs.scan.resume' : 'logs.scan.full');
  return (
    <p className="mt-4 text-xs text-slate-400" data-testid="scan-info" title={scan.files.map((f) => `${f.path} (${fmtBytes(f.size)})`).join('\n')}>
      {t('logs.scan.summary', { files: scan.files.length, bytes: fmtBytes(scan.bytes), lines: fmtNumber(scan.lines), seconds: (scan.ms / 1000).toFixed(1) })} ·{' '}
      {mode}
    </p>
  );
}

export function Loading({ host }: { host: string }) {
  const { t } = useT();
  return (
    <div className="flex items-center gap-3 py-10 text-sm text-slate-500" role="status">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600" aria-hidden />
      {t('logs.reading', { host })}
    </div>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  const { t } = useT();
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <div className="font-medium">{t('logs.error')}</div>
      <div className="mt-1 break-words">{message}</div>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="py-8 text-center text-sm text-slate-500">{children}</p>;
}

/** A proportion bar for table cells. */
export function ShareBar({ value, max, tone = 'brand' }: { value: number; max: number; tone?: 'brand' | 'red' }) {
  const pct = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0;
  return (
    <div className="h-1.5 w-24 rounded-full bg-slate-100" aria-hidden>
      <div className={`h-1.5 rounded-full ${tone === 'red' ? 'bg-red-500' : 'bg-brand-500'}`} style={{ width: `${pct}%` }} />
    </div>
  );
}
