'use client';

import type { ReactNode } from 'react';
import { useT } from '@/components/i18n-provider';

// Small pieces the incident steps share: buttons, the inline confirmation,
// result lines, and the numbered frame of a step.

export const btn = {
  primary: 'rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-50',
  danger: 'rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-red-700 disabled:opacity-50',
  plain: 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-50',
  link: 'text-sm text-slate-500 underline hover:text-slate-700',
};

/** A confirmation as a dialog in view: fixed and centred over the page, wherever the button that asked was. */
export function Confirm({ text, yes, onYes, onNo, busy, danger, testid, children, yesDisabled }: { yesDisabled?: boolean; text: string; yes: string; onYes: () => void; onNo: () => void; busy?: boolean; danger?: boolean; testid?: string; children?: ReactNode }) {
  const { t } = useT();
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onKeyDown={(e) => e.key === 'Escape' && !busy && onNo()}>
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-5 shadow-xl" role="alertdialog" aria-modal="true" aria-label={text} data-testid={testid}>
        <p className="text-sm text-slate-800">{text}</p>
        {children}
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <button type="button" className={`${danger ? btn.danger : btn.primary} flex-1 sm:flex-none`} disabled={busy || yesDisabled} onClick={onYes} autoFocus={!children}>{yes}</button>
          <button type="button" className={`${btn.plain} flex-1 py-2 sm:flex-none sm:py-1.5`} disabled={busy} onClick={onNo}>{t('incident.cancel')}</button>
        </div>
      </div>
    </div>
  );
}

export function Outcome({ ok, children, testid, backup }: { ok: boolean | null; children: ReactNode; testid?: string; backup?: string }) {
  const tone = ok === null ? 'text-amber-800 bg-amber-50' : ok ? 'text-emerald-800 bg-emerald-50' : 'text-red-800 bg-red-50';
  const mark = ok === null ? '!' : ok ? '✓' : '✕';
  return (
    <div className={`mt-2 flex gap-2 rounded-md px-3 py-2 text-sm ${tone}`} data-testid={testid} data-ok={ok === null ? 'unknown' : String(ok)} data-backup={backup}>
      <span className="font-semibold">{mark}</span>
      <div className="min-w-0 flex-1 break-words">{children}</div>
    </div>
  );
}

export type StepState = 'locked' | 'open' | 'done' | 'skipped';

export function StepFrame({ n, title, state, children, onSkip, testid }: { n: number; title: string; state: StepState; children: ReactNode; onSkip?: () => void; testid: string }) {
  const { t } = useT();
  const circle = state === 'done' ? 'bg-emerald-600 text-white' : state === 'locked' ? 'bg-slate-200 text-slate-500' : 'bg-brand-600 text-white';
  return (
    <section className={`min-w-0 rounded-xl border bg-white shadow-sm ${state === 'locked' ? 'border-slate-200 opacity-60' : 'border-slate-200'}`} data-testid={testid} data-state={state}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-3 sm:px-5">
        <span className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${circle}`}>{state === 'done' ? '✓' : n}</span>
        <h2 className="text-base font-semibold text-slate-800">{title}</h2>
        {state === 'done' && <span className="text-xs text-emerald-700">{t('incident.step.done')}</span>}
        {state === 'open' && onSkip && (
          <button type="button" className={`ml-auto ${btn.link}`} onClick={onSkip}>{t('incident.step.skip')}</button>
        )}
      </header>
      <div className="px-4 py-4 break-words sm:px-5">{state === 'locked' ? <p className="text-sm text-slate-500">{t('incident.step.locked')}</p> : state === 'skipped' && onSkip ? <p className="text-sm text-slate-500">{t('incident.step.skipped')}</p> : children}</div>
    </section>
  );
}

export const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));
