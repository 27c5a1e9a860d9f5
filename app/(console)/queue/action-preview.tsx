'use client';

import { useT } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import type { ActionPreview, QueueCounts } from '@/lib/queue/actions/types';
import { ForgedBadge } from './forged-badge';

// What an action would touch: counts per queue, how much looks like real
// mail (amber), the advice, and ten of the messages.

export function QueueCountChips({ counts, muted = false }: { counts: QueueCounts; muted?: boolean }) {
  const { f } = useT();
  return (
    <span className="inline-flex flex-wrap gap-1.5">
      {Object.entries(counts).map(([q, n]) => (
        <span
          key={q}
          className={`rounded px-2 py-0.5 text-xs font-medium ${muted ? 'bg-slate-100 text-slate-500' : 'bg-slate-800 text-white'}`}
          data-testid={`count-${q}`}
        >
          {f.queue(q)} {f.number(n ?? 0)}
        </span>
      ))}
    </span>
  );
}

export function ActionPreviewView({ preview: p, onHoldInstead }: { preview: ActionPreview; onHoldInstead: () => void }) {
  const { t, f } = useT();
  const filterText = p.filter
    ? Object.entries(p.filter)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join('  ')
    : null;
  return (
    <div className="mt-4 space-y-3 text-sm" data-testid="action-preview">
      <p className="text-slate-700">
        <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="preview-total">
          {f.number(p.total)}
        </span>{' '}
        {t('queueActions.preview.messages')} <QueueCountChips counts={p.byQueue} />
      </p>
      <p className="font-mono text-xs text-slate-500">
        {filterText !== null
          ? `${t('queueActions.preview.filter')}: ${filterText || t('queueActions.preview.everything')}`
          : t('queueActions.preview.selection', { count: f.number(p.selected ?? 0) })}
      </p>
      {Object.keys(p.skippedByQueue).length > 0 && (
        <p className="text-slate-500">
          {t('queueActions.preview.skipped')} <QueueCountChips counts={p.skippedByQueue} muted />
        </p>
      )}
      {p.unknown > 0 && <p className="text-slate-500">{t('queueActions.preview.unknown', { count: f.number(p.unknown) })}</p>}
      {p.legitLooking > 0 && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900" data-testid="legit-looking">
          {t('queueActions.preview.legitLooking', { count: f.number(p.legitLooking) })}
        </p>
      )}
      {p.advice.map((a) => (
        <p
          key={a}
          className={`rounded-md border px-3 py-2 ${a === 'hold-first' ? 'border-red-200 bg-red-50 text-red-800' : 'border-sky-200 bg-sky-50 text-sky-900'}`}
          data-testid={`advice-${a}`}
        >
          {t(`queueActions.advice.${a}` as MessageKey)}
          {a === 'hold-first' && (
            <button type="button" className="ml-2 font-medium underline" onClick={onHoldInstead}>
              {t('queueActions.advice.holdInstead')}
            </button>
          )}
        </p>
      ))}
      {p.sample.length > 0 && (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="w-full text-left text-xs" data-testid="preview-sample">
            <thead className="bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
              <tr>
                {(['id', 'queue', 'sender', 'saslUser', 'clientIp'] as const).map((c) => (
                  // On a phone: id, sender and IP; the queue and login are in the filter anyway.
                  <th key={c} className={`px-2 py-1.5 font-medium ${c === 'queue' || c === 'saslUser' ? 'hidden sm:table-cell' : ''}`}>
                    {t(`queue.col.${c}` as MessageKey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {p.sample.map((r) => (
                <tr key={r.id}>
                  <td className="px-2 py-1 font-mono">{r.id}</td>
                  <td className="hidden px-2 py-1 text-slate-500 sm:table-cell" title={r.queue}>
                    {f.queue(r.queue)}
                  </td>
                  <td className="max-w-0 px-2 py-1 font-mono sm:max-w-56">
                    <div className="flex min-w-0 items-center">
                      <span className="truncate" title={r.sender}>
                        {r.sender === '' ? t('queue.nullSender') : r.sender}
                      </span>
                      {r.forged && <ForgedBadge />}
                    </div>
                  </td>
                  <td className="hidden px-2 py-1 font-mono sm:table-cell">{r.saslUser ?? '—'}</td>
                  <td className="px-2 py-1 font-mono whitespace-nowrap">{r.clientIp ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.total > p.sample.length && (
            <p className="px-2 py-1 text-xs text-slate-500">{t('queueActions.preview.sampleOf', { shown: p.sample.length, count: f.number(p.total) })}</p>
          )}
        </div>
      )}
      {p.indexAt && <p className="text-xs text-slate-400">{t('queueActions.preview.indexAt', { at: f.dateTime(p.indexAt) })}</p>}
    </div>
  );
}
