'use client';

import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { useT } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/core';
import type { FlagView } from '@/lib/passwords/schemas';

export function FindingText({ flag }: { flag: FlagView }) {
  const { t } = useT();
  const parts: string[] = [];
  const f = flag.finding;
  if (f?.source === 'common') parts.push(t('weak.finding.common', { rank: f.rank }));
  else if (f?.source === 'console-list') parts.push(t('weak.finding.consoleList'));
  else if (f?.source === 'pattern') parts.push(t(`weak.pattern.${f.pattern}` as MessageKey));
  if (flag.clearpwd) parts.push(t('weak.finding.clearpwd'));
  if (flag.plainStored) parts.push(t('weak.finding.plainStored'));
  return <span>{parts.join(' · ')}</span>;
}

type Props = {
  flags: FlagView[];
  selected: Set<string>;
  onToggle: (u: string) => void;
  onToggleAll: () => void;
  onAct: (action: 'reset' | 'require-change', usernames: string[]) => void;
  busy: boolean;
};

export function FlagTable({ flags, selected, onToggle, onToggleAll, onAct, busy }: Props) {
  const { t, f } = useT();
  if (flags.length === 0)
    return (
      <p className="py-6 text-center text-sm text-slate-500" data-testid="weak-empty">
        {t('weak.list.empty')}
      </p>
    );
  const label = (k: MessageKey) => t(k);
  const all = selected.size === flags.length;
  return (
    <div className="md:overflow-x-auto">
      {/* Below md the stacked rows have no header row: "select all" of its own. */}
      <label className="mb-1 flex items-center gap-2 text-sm text-slate-600 md:hidden">
        <input type="checkbox" checked={all} onChange={onToggleAll} />
        {t('weak.list.selectAll')}
      </label>
      <table className="stack-table w-full text-left text-sm" data-testid="weak-table">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="pb-2 pr-4 font-medium">
              <span className="flex items-center gap-2">
                <input type="checkbox" aria-label={t('weak.list.selectAll')} checked={all} onChange={onToggleAll} />
                {t('weak.col.mailbox')}
              </span>
            </th>
            <th className="pb-2 pr-4 font-medium">{t('weak.col.finding')}</th>
            <th className="pb-2 pr-4 font-medium">{t('weak.col.found')}</th>
            <th className="pb-2 pr-4 font-medium">{t('weak.col.state')}</th>
            <th className="pb-2 font-medium">{t('weak.col.actions')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {flags.map((r) => (
            <tr key={r.username} className="align-top" data-testid={`weak-row-${r.username}`}>
              {/* The checkbox beside the address, so a stacked row on a phone does not start with a lone box. */}
              <td className="py-2 pr-4">
                <span className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    className="mt-1 shrink-0"
                    aria-label={t('weak.list.select', { username: r.username })}
                    checked={selected.has(r.username)}
                    onChange={() => onToggle(r.username)}
                  />
                  <Link className="min-w-0 font-medium break-all text-brand-700 hover:underline" href={`/mailboxes/${encodeURIComponent(r.username)}`}>
                    {r.username}
                  </Link>
                </span>
              </td>
              <td className="py-2 pr-4" data-label={label('weak.col.finding')}>
                <FindingText flag={r} />
              </td>
              <td className="py-2 pr-4 text-xs whitespace-nowrap text-slate-600" data-label={label('weak.col.found')}>
                <time dateTime={r.foundAt}>{f.dateTime(r.foundAt)}</time>
              </td>
              <td className="py-2 pr-4 text-xs" data-label={label('weak.col.state')}>
                {r.action === 'reset'
                  ? t('weak.state.reset', { by: r.actionBy ?? '' })
                  : r.action === 'change-required'
                    ? t('weak.state.changeRequired')
                    : t('weak.state.open')}
                {r.changedSince && <span className="ml-1 rounded bg-amber-50 px-1.5 py-0.5 text-amber-800">{t('weak.state.changed')}</span>}
              </td>
              <td className="py-2">
                <div className="flex flex-wrap gap-2">
                  <Button size="compact" nowrap disabled={busy} onClick={() => onAct('reset', [r.username])}>
                    {t('weak.act.reset')}
                  </Button>
                  <Button size="compact" nowrap disabled={busy} onClick={() => onAct('require-change', [r.username])}>
                    {t('weak.act.requireChange')}
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
