'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { PageHeader } from '@/components/page-header';
import type { ApplyResult, PreviewResult, WeakAction } from '@/lib/passwords/schemas';
import { Button, buttonClass } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FlagTable } from './flag-table';
import { SweepCard } from './sweep-card';
import { useWeakPasswords } from './use-weak-passwords';

export function WeakPasswordsScreen() {
  const { t } = useT();
  const { view, start, cancel, preview, apply } = useWeakPasswords();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<PreviewResult | null>(null);
  const [done, setDone] = useState<ApplyResult | null>(null);
  const flags = view.data?.flags ?? [];
  const toggle = (u: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(u)) n.delete(u);
      else n.add(u);
      return n;
    });
  const act = (action: WeakAction, usernames: string[]) => {
    setDone(null);
    preview.mutate({ action, usernames }, { onSuccess: setPending });
  };
  const confirm = () =>
    pending &&
    apply.mutate(
      { action: pending.action, usernames: pending.usernames, expectCount: pending.count },
      {
        onSuccess: (r) => {
          setDone(r);
          setPending(null);
          setSelected(new Set());
        },
      },
    );
  // The dialog shows a failed apply while it is open; the list shows the rest.
  const listError = preview.error ?? (pending ? null : apply.error);

  return (
    <>
      <PageHeader
        title={t('weak.title')}
        subtitle={t('weak.subtitle')}
        actions={
          <Link className={buttonClass} href="/mailboxes">
            {t('mailboxes.back')}
          </Link>
        }
      />
      <div className="grid gap-4">
        <SweepCard
          sweep={view.data?.sweep ?? null}
          busy={start.isPending || cancel.isPending}
          onStart={(r) => start.mutate(r)}
          onCancel={() => cancel.mutate()}
          error={start.error?.message ?? cancel.error?.message}
        />
        {pending && (
          <Dialog
            title={t(pending.action === 'reset' ? 'weak.confirm.titleReset' : 'weak.confirm.titleRequireChange')}
            onClose={() => setPending(null)}
            busy={apply.isPending}
            testid="weak-confirm"
            footer={
              <>
                <Button disabled={apply.isPending} onClick={() => setPending(null)}>
                  {t('mailboxes.reset.cancel')}
                </Button>
                <Button kind="primary" disabled={apply.isPending || pending.count === 0} onClick={confirm}>
                  {apply.isPending ? t('weak.confirm.working') : t('weak.confirm.go', { count: pending.count })}
                </Button>
              </>
            }
          >
            <p className="mt-3 text-sm">{t(pending.action === 'reset' ? 'weak.confirm.reset' : 'weak.confirm.requireChange', { count: pending.count })}</p>
            <p className="mt-2 break-all text-sm font-medium text-slate-800">
              {pending.usernames.slice(0, 10).join(', ')}
              {pending.count > 10 ? ' …' : ''}
            </p>
            {pending.skipped.length > 0 && <p className="mt-2 text-sm text-slate-600">{t('weak.confirm.skipped', { count: pending.skipped.length })}</p>}
            {apply.error && (
              <p role="alert" className="mt-2 text-sm text-red-700">
                {apply.error.message}
              </p>
            )}
          </Dialog>
        )}
        {done && (
          <div role="status" className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-sm" data-testid="weak-done">
            <p className="font-medium">{t('weak.done.title', { ok: done.results.filter((r) => r.ok).length, count: done.results.length })}</p>
            {done.action === 'reset' && <p className="mt-1 text-slate-700">{t('mailboxes.reset.shownOnce')}</p>}
            {done.action === 'require-change' && <p className="mt-1 text-slate-700">{t('weak.done.requireChange')}</p>}
            <ul className="mt-2 space-y-1">
              {done.results.map((r) => (
                <li key={r.username} className="break-all">
                  <span className="font-medium">{r.username}</span>
                  {r.password && (
                    <>
                      :{' '}
                      <code className="rounded bg-white px-1.5 py-0.5 font-mono" data-testid="weak-new-password">
                        {r.password}
                      </code>
                    </>
                  )}
                  {r.userCannotChange && <span className="ml-1 text-amber-800">{t('weak.done.cannotChange')}</span>}
                  {r.error && <span className="ml-1 text-red-700">{r.error}</span>}
                </li>
              ))}
            </ul>
            <Button className="mt-3" onClick={() => setDone(null)}>
              {t('mailboxes.reset.close')}
            </Button>
          </div>
        )}
        <Card
          title={t('weak.list.title', { count: flags.length })}
          actions={
            <div className="flex flex-wrap gap-2">
              <Button disabled={selected.size === 0 || preview.isPending} onClick={() => act('reset', [...selected])}>
                {t('weak.bulk.reset', { count: selected.size })}
              </Button>
              <Button disabled={selected.size === 0 || preview.isPending} onClick={() => act('require-change', [...selected])}>
                {t('weak.bulk.requireChange', { count: selected.size })}
              </Button>
            </div>
          }
        >
          {listError && (
            <p role="alert" className="mb-2 text-sm text-red-700">
              {listError.message}
            </p>
          )}
          {view.isError ? (
            <p role="alert" className="text-sm text-red-700">
              {t('mailboxes.loadError', { message: (view.error as Error).message })}
            </p>
          ) : (
            <FlagTable
              flags={flags}
              selected={selected}
              onToggle={toggle}
              onToggleAll={() => setSelected(selected.size === flags.length ? new Set() : new Set(flags.map((f) => f.username)))}
              onAct={act}
              busy={preview.isPending || apply.isPending}
            />
          )}
          <p className="mt-3 text-xs text-slate-500">{t('weak.list.note')}</p>
        </Card>
      </div>
    </>
  );
}
