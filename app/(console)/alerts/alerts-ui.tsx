import type { ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/core';
import { formatDateTime } from '@/lib/i18n/format';

// Small shared pieces of the Alerts screen.

const tones = {
  critical: 'bg-red-50 text-red-700 ring-red-600/20',
  warning: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  info: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  muted: 'bg-slate-100 text-slate-600 ring-slate-500/10',
} as const;

export type Tone = keyof typeof tones;

export function Badge({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

export function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      {children}
      {hint && <span className="mt-1 block text-xs text-slate-500">{hint}</span>}
    </label>
  );
}

/** A date in the locale's one format (lib/i18n/format); '—' for none. */
export function when(iso: string | null | undefined, locale: Locale): string {
  return formatDateTime(locale, iso);
}
