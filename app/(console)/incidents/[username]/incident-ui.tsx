'use client';

import type { ReactNode } from 'react';
import { useT } from '@/components/i18n-provider';
import { Dialog } from '@/components/ui/dialog';
import { Button, quietLinkClass } from '@/components/ui/button';

// Small pieces the incident steps share: the confirmation dialog,
// result lines, and the numbered frame of a step.

/** A confirmation: the console's dialog, with the step's yes and a Cancel. */
export function Confirm({
  text,
  yes,
  onYes,
  onNo,
  busy,
  danger,
  testid,
  children,
  yesDisabled,
}: {
  yesDisabled?: boolean;
  text: string;
  yes: string;
  onYes: () => void;
  onNo: () => void;
  busy?: boolean;
  danger?: boolean;
  testid?: string;
  children?: ReactNode;
}) {
  const { t } = useT();
  const footer = (
    <>
      <Button size="lg" className="flex-1 sm:flex-none" disabled={busy} onClick={onNo} data-testid="confirm-cancel">
        {t('incident.cancel')}
      </Button>
      <Button
        kind={danger ? 'destructive' : 'primary'}
        size="lg"
        className="flex-1 sm:flex-none"
        disabled={busy || yesDisabled}
        onClick={onYes}
        data-testid="confirm-yes"
      >
        {yes}
      </Button>
    </>
  );
  return (
    <Dialog title={text} onClose={onNo} busy={busy} danger={danger} size="md" role="alertdialog" testid={testid} footer={footer}>
      {children}
    </Dialog>
  );
}

export function Outcome({ ok, children, testid, backup }: { ok: boolean | null; children: ReactNode; testid?: string; backup?: string }) {
  const tone = ok === null ? 'text-amber-800 bg-amber-50' : ok ? 'text-emerald-800 bg-emerald-50' : 'text-red-800 bg-red-50';
  const mark = ok === null ? '!' : ok ? '✓' : '✕';
  return (
    <div
      className={`mt-2 flex gap-2 rounded-md px-3 py-2 text-sm ${tone}`}
      data-testid={testid}
      data-ok={ok === null ? 'unknown' : String(ok)}
      data-backup={backup}
    >
      <span className="font-semibold">{mark}</span>
      <div className="min-w-0 flex-1 break-words">{children}</div>
    </div>
  );
}

export type StepState = 'locked' | 'open' | 'done' | 'skipped';

export function StepFrame({
  n,
  title,
  state,
  children,
  onSkip,
  testid,
}: {
  n: number;
  title: string;
  state: StepState;
  children: ReactNode;
  onSkip?: () => void;
  testid: string;
}) {
  const { t } = useT();
  const circle = state === 'done' ? 'bg-emerald-600 text-white' : state === 'locked' ? 'bg-slate-200 text-slate-500' : 'bg-brand-600 text-white';
  return (
    <section
      className={`min-w-0 rounded-xl border bg-white shadow-sm ${state === 'locked' ? 'border-slate-200 opacity-60' : 'border-slate-200'}`}
      data-testid={testid}
      data-state={state}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-3 sm:px-5">
        <span className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${circle}`}>{state === 'done' ? '✓' : n}</span>
        <h2 className="text-base font-semibold text-slate-800">{title}</h2>
        {state === 'done' && <span className="text-xs text-emerald-700">{t('incident.step.done')}</span>}
        {state === 'open' && onSkip && (
          <button type="button" className={`ml-auto ${quietLinkClass}`} onClick={onSkip}>
            {t('incident.step.skip')}
          </button>
        )}
      </header>
      <div className="px-4 py-4 break-words sm:px-5">
        {state === 'locked' ? (
          <p className="text-sm text-slate-500">{t('incident.step.locked')}</p>
        ) : state === 'skipped' && onSkip ? (
          <p className="text-sm text-slate-500">{t('incident.step.skipped')}</p>
        ) : (
          children
        )}
      </div>
    </section>
  );
}

export const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));
