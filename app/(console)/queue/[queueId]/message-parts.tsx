'use client';

import { useT } from '@/components/i18n-provider';
import type { MessageDetail } from '@/lib/queue/types';

export function RecipientsTable({ recipients, deferLog }: { recipients: MessageDetail['recipients']; deferLog: MessageDetail['deferLog'] }) {
  const { t } = useT();
  return (
    <>
      {deferLog === 'unavailable' && <p className="mb-2 text-xs text-amber-700">{t('queue.message.deferUnavailable')}</p>}
      {/* Stacked below md: the address on its line, status and reason under it. */}
      <table className="stack-table w-full text-left text-xs" data-testid="recipients">
        <thead className="text-[11px] uppercase tracking-wide text-slate-500">
          <tr>
            <th className="pb-1 pr-3 font-medium">{t('queue.message.address')}</th>
            <th className="pb-1 pr-3 font-medium">{t('queue.message.status')}</th>
            <th className="pb-1 font-medium">{t('queue.message.delayReason')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {recipients.map((r, i) => (
            <tr key={i} className="align-top">
              <td className="py-1 pr-3 font-mono break-all md:w-72">
                {r.address}
                {r.original && r.original !== r.address && <div className="text-slate-400">← {r.original}</div>}
              </td>
              <td className="py-1 pr-3 whitespace-nowrap" data-label={t('queue.message.status')}>
                {r.status ? t(`queue.message.rcpt.${r.status}`) : '—'}
              </td>
              <td className="py-1 text-slate-600 [overflow-wrap:anywhere]" data-label={t('queue.message.delayReason')}>
                {r.delayReason ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function MessageBody({ message: m }: { message: MessageDetail }) {
  const { t, f } = useT();
  const attachments = m.parts.filter((p) => p.filename || p.disposition === 'attachment');
  return (
    <div className="space-y-3">
      {m.text === null ? (
        <p className="text-sm text-slate-500">{t('queue.message.noText')}</p>
      ) : (
        <pre
          className="max-h-[40rem] overflow-auto rounded border border-slate-200 bg-slate-50 p-3 text-xs break-words whitespace-pre-wrap"
          data-testid="body-text"
        >
          {m.text}
        </pre>
      )}
      {m.textTruncated && <p className="text-xs text-slate-500">{t('queue.message.truncated')}</p>}
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t('queue.message.attachments', { count: attachments.length })}</h3>
        {attachments.length === 0 ? (
          <p className="text-xs text-slate-400">{t('queue.message.noAttachments')}</p>
        ) : (
          <ul className="space-y-0.5 text-xs" data-testid="attachments">
            {attachments.map((p, i) => (
              <li key={i} className="font-mono">
                {p.filename ?? t('queue.message.unnamed')}{' '}
                <span className="text-slate-500">
                  ({p.contentType}, {f.size(p.size)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
