'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/page-header';
import { queueKeys, queuePath } from '@/lib/queue/keys';
import type { MessageDetail } from '@/lib/queue/types';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';
import type { QueueAction } from '@/lib/queue/actions/schemas';
import { ActionDialog } from '../action-dialog';
import { epochMs } from '../queue-format';
import { ForgedBadge } from '../forged-badge';
import { MessageBody, RecipientsTable } from './message-parts';

// One queued message: envelope, recipients with their delay reasons,
// headers, the body as text (React escapes it; nothing is rendered as HTML),
// attachments listed, and postcat's own output behind a toggle.

/** Back to the list as it was: `from` is its query string, read as parameters of /queue only. */
function backHref(host: string, from: string | null): string {
  const p = new URLSearchParams(from ?? '');
  p.delete('host');
  const rest = p.toString();
  return `/queue?${new URLSearchParams({ host })}${rest ? `&${rest}` : ''}`;
}

export function MessageScreen({ host, id }: { host: string; id: string }) {
  const { t, f } = useT();
  const router = useRouter();
  const from = useSearchParams().get('from');
  const [raw, setRaw] = useState(false);
  const [acting, setActing] = useState<QueueAction | null>(null);
  const q = useQuery({
    queryKey: queueKeys.message(host, id),
    queryFn: () => fetchJson<{ message: MessageDetail }>(queuePath(host, `/${encodeURIComponent(id)}`)).then((r) => r.message),
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 1,
  });
  const m = q.data;
  const listHref = backHref(host, from);
  const actions = (
    <>
      <Link href={listHref} className={buttonClass} data-testid="message-back">
        {from ? t('queue.message.backFiltered') : t('queue.message.back')}
      </Link>
      {m && (
        <>
          <button
            type="button"
            data-testid={m.queue === 'hold' ? 'message-release' : 'message-hold'}
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm font-medium text-amber-800 hover:bg-amber-100"
            onClick={() => setActing(m.queue === 'hold' ? 'release' : 'hold')}
          >
            {t(m.queue === 'hold' ? 'queueActions.action.release' : 'queueActions.action.hold')}
          </button>
          <button
            type="button"
            data-testid="message-delete"
            className="rounded-md border border-red-600 bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-700"
            onClick={() => setActing('delete')}
          >
            {t('queueActions.action.delete')}
          </button>
        </>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={t('queue.message.title', { id })} subtitle={m?.subject ?? (q.isPending ? t('common.loading') : undefined)} actions={actions} />
      {acting && (
        <ActionDialog
          host={host}
          action={acting}
          target={{ ids: [id] }}
          onClose={() => setActing(null)}
          // Held or released, the message has a new state; deleted, it is gone: back to the list.
          onDone={() => (acting === 'delete' ? router.push(listHref) : void q.refetch())}
        />
      )}
      {q.isError &&
        (q.error instanceof ApiError && q.error.status === 404 ? (
          <Card>
            <p className="text-sm text-slate-700" data-testid="message-gone">
              {t('queue.message.gone')}
            </p>
          </Card>
        ) : (
          <Card>
            <p role="alert" className="text-sm text-red-700">
              {(q.error as Error).message}
            </p>
          </Card>
        ))}
      {m && (
        <div className="space-y-4">
          <Card title={t('queue.message.envelope')}>
            <dl className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-x-6" data-testid="envelope">
              <Field label={t('queue.col.saslUser')} value={m.saslUser} mono />
              <Field label={t('queue.message.saslMethod')} value={m.saslMethod} />
              <Field label={t('queue.col.clientIp')} value={m.clientIp} mono />
              <Field label={t('queue.message.clientName')} value={m.clientName} mono />
              <Field label={t('queue.message.helo')} value={m.helo} mono />
              <dt className="text-slate-500">{t('queue.col.sender')}</dt>
              <dd data-testid="envelope-sender">
                <span className="break-all font-mono">{m.sender === '' ? t('queue.nullSender') : m.sender}</span>
                {m.forged && <ForgedBadge />}
              </dd>
              <Field label={t('queue.col.queue')} value={m.queue ? f.queue(m.queue) : null} />
              <dt className="text-slate-500">{t('queue.message.arrival')}</dt>
              <dd>{m.arrival ? <time dateTime={new Date(m.arrival * 1000).toISOString()}>{f.dateTime(epochMs(m.arrival))}</time> : '—'}</dd>
              <Field label={t('queue.col.size')} value={f.size(m.size)} />
              <Field label={t('queue.message.from')} value={m.from} />
            </dl>
          </Card>
          <Card title={t('queue.message.recipients', { count: m.recipients.length })}>
            <RecipientsTable recipients={m.recipients} deferLog={m.deferLog} />
          </Card>
          <Card title={t('queue.message.headers')}>
            <table className="w-full text-left text-xs" data-testid="headers">
              <tbody className="divide-y divide-slate-100">
                {m.headers.map((h, i) => (
                  <tr key={i} className="align-top">
                    <th className="w-28 py-1 pr-3 font-mono font-medium break-all text-slate-600 sm:w-48">{h.name}</th>
                    <td className="py-1 font-mono break-all whitespace-pre-wrap">{h.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card
            title={t('queue.message.body')}
            actions={
              <button type="button" className="text-xs text-brand-700 underline" aria-pressed={raw} onClick={() => setRaw((r) => !r)}>
                {raw ? t('queue.message.showParsed') : t('queue.message.showRaw')}
              </button>
            }
          >
            {raw ? (
              <>
                <pre
                  className="max-h-[40rem] overflow-auto rounded bg-slate-900 p-3 text-xs break-all whitespace-pre-wrap text-slate-100"
                  data-testid="raw-postcat"
                >
                  {m.raw}
                </pre>
                {m.rawTruncated && <p className="mt-1 text-xs text-slate-500">{t('queue.message.truncated')}</p>}
              </>
            ) : (
              <MessageBody message={m} />
            )}
          </Card>
        </div>
      )}
    </>
  );
}

function Field({ label, value, mono }: { label: string; value: string | null; mono?: boolean }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className={mono ? 'break-all font-mono' : ''}>{value ?? '—'}</dd>
    </>
  );
}
