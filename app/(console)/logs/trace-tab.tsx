'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { fieldClass } from '@/components/ui/field';
import type { MessageKey } from '@/lib/i18n/translate';
import { logsKeys, logsPath } from '@/lib/maillog/keys';
import type { TraceMessage, TraceReport } from '@/lib/maillog/schemas';
import { isQueueId } from '@/lib/postfix/queue-id';
import { fetchJson } from '@/lib/query/fetch-json';
import { ErrorBox, Loading, ScanFooter } from './logs-ui';
import { LogLines } from './log-lines';

type Props = { host: string; query: { from?: string }; queueId?: string; onQueueId: (id: string) => void };

export function TraceTab({ host, query, queueId, onQueueId }: Props) {
  const { t } = useT();
  const [text, setText] = useState(queueId ?? '');
  const valid = isQueueId(text.trim());
  const q = useQuery({
    queryKey: logsKeys.trace(host, queueId ?? '', query),
    queryFn: () => fetchJson<TraceReport>(logsPath(host, `trace/${encodeURIComponent(queueId!)}`, query)),
    enabled: !!queueId,
    retry: false,
  });
  return (
    <div className="space-y-4">
      <Card>
        <form
          className="flex flex-wrap items-center gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (valid) onQueueId(text.trim());
          }}
        >
          <input
            className={`${fieldClass} w-64 font-mono`}
            placeholder={t('logs.trace.placeholder')}
            aria-label={t('logs.trace.queueId')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="trace-input"
          />
          <Button kind="primary" type="submit" disabled={!valid} data-testid="trace-submit">
            {t('logs.trace.go')}
          </Button>
          <span className="text-xs text-slate-500">{text && !valid ? t('logs.trace.invalid') : t('logs.trace.hint')}</span>
        </form>
      </Card>
      {queueId && q.isFetching && <Loading host={host} />}
      {queueId && q.isError && <ErrorBox error={q.error} />}
      {q.data && !q.isFetching && (
        <>
          {q.data.messages.map((m) => (
            <MessageCard key={m.queueId} m={m} onQueueId={onQueueId} />
          ))}
          <ScanFooter scan={q.data.scan} />
        </>
      )}
    </div>
  );
}

const STATUS_TONE: Record<string, string> = { sent: 'text-emerald-700', deferred: 'text-amber-700', bounced: 'text-red-700', expired: 'text-red-700' };

/** Recipients with the same last status and reply, together: a spam run has hundreds. */
function outcomes(m: TraceMessage) {
  const groups = new Map<string, { status: string; detail: string; time: number; to: string[] }>();
  for (const r of m.recipients) {
    const key = `${r.status}\0${r.detail}`;
    const g = groups.get(key) ?? { status: r.status, detail: r.detail, time: r.time, to: [] };
    g.to.push(r.to);
    g.time = Math.max(g.time, r.time);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function MessageCard({ m, onQueueId }: { m: TraceMessage; onQueueId: (id: string) => void }) {
  const { t, f } = useT();
  const facts: [string, string | undefined][] = [
    [t('logs.trace.client'), m.client],
    [t('logs.trace.saslUser'), m.saslUser],
    [t('logs.trace.from'), m.from === undefined ? undefined : m.from || '<>'],
    [t('logs.trace.size'), m.size !== undefined ? `${m.size} B, ${m.nrcpt} rcpt` : undefined],
    [t('logs.trace.messageId'), m.messageId],
  ];
  return (
    <Card
      title={`${t(`logs.trace.relation.${m.relation}` as MessageKey)} · ${m.queueId}`}
      actions={
        <span className="flex items-center gap-3 text-xs">
          {m.removed && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-600">{t('logs.trace.removed')}</span>}
          {m.relation !== 'self' && (
            <button type="button" className="text-brand-700 hover:underline" onClick={() => onQueueId(m.queueId)}>
              {t('logs.trace.open')}
            </button>
          )}
        </span>
      }
    >
      <div data-testid="trace-message" data-queue-id={m.queueId} data-relation={m.relation}>
        <dl className="mb-4 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          {facts
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{k}</dt>
                <dd className="break-all font-mono text-xs leading-5 text-slate-800">{v}</dd>
              </div>
            ))}
        </dl>
        {m.recipients.length > 0 && (
          <ul className="mb-4 space-y-2" data-testid="trace-recipients">
            {outcomes(m).map((o) => (
              <li key={`${o.status}\0${o.detail}`} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
                <div className="flex flex-wrap items-baseline gap-x-3">
                  <span className={`text-xs font-semibold ${STATUS_TONE[o.status] ?? 'text-slate-600'}`}>{o.status}</span>
                  <span className="text-xs text-slate-500">{t('logs.trace.recipients', { count: o.to.length })}</span>
                  <span className="ml-auto font-mono text-xs text-slate-400">{f.dateTime(o.time)}</span>
                </div>
                <p className="mt-1 break-words text-xs text-slate-700">{o.detail}</p>
                <p className="mt-1 break-all font-mono text-[11px] leading-4 text-slate-500">{o.to.join(', ')}</p>
              </li>
            ))}
          </ul>
        )}
        <LogLines lines={m.lines} testId="trace-lines" />
      </div>
    </Card>
  );
}
