'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import { logsKeys, logsPath } from '@/lib/maillog/keys';
import type { BlockGroup, BlocksReport, ReplyBadge } from '@/lib/maillog/schemas';
import { fetchJson } from '@/lib/query/fetch-json';
import { Empty, ErrorBox, fmtNumber, Loading, MiniStat, ScanFooter, StatGrid } from './logs-ui';

// Who refuses our mail: one row per remote site and reply, the refusals for
// reputation (blocklists, provider blocks) first, each with the provider's
// own code and its delisting page when the reply names one.

const KIND_TONE: Record<string, string> = {
  blocklist: 'bg-red-600 text-white',
  content: 'bg-orange-100 text-orange-800 ring-1 ring-inset ring-orange-600/30',
  'rate-limit': 'bg-amber-50 text-amber-800 ring-1 ring-inset ring-amber-600/30',
  'user-unknown': 'bg-slate-100 text-slate-700 ring-1 ring-inset ring-slate-400/30',
  other: 'bg-slate-100 text-slate-600 ring-1 ring-inset ring-slate-400/30',
};

export function ReplyBadges({ cls }: { cls: ReplyBadge }) {
  const { t } = useT();
  // A provider's own code (TS03, IPBL0100) belongs in its badge; a bare status code (5.7.1, 554) does not.
  const ownCode = cls.code && !/^\d/.test(cls.code) ? cls.code : undefined;
  const main = cls.provider ? [cls.provider, ownCode].filter(Boolean).join(' ') : t(`logs.kind.${cls.kind}` as MessageKey);
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span data-testid="block-badge" className={`rounded-full px-2 py-0.5 text-xs font-semibold ${KIND_TONE[cls.kind] ?? KIND_TONE.other}`}>
        {main}
      </span>
      {cls.provider && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{t(`logs.kind.${cls.kind}` as MessageKey)}</span>}
      {cls.listName && (
        <span className="rounded-full bg-red-50 px-2 py-0.5 font-mono text-xs text-red-700 ring-1 ring-inset ring-red-600/20">{cls.listName}</span>
      )}
      {cls.code && cls.code !== ownCode && <span className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-600">{cls.code}</span>}
    </span>
  );
}

export function BlocksTab({ host, query, onTrace }: { host: string; query: { from?: string }; onTrace: (queueId: string) => void }) {
  const { t } = useT();
  const params = { ...query, limit: 200 };
  const q = useQuery({
    queryKey: logsKeys.blocks(host, params),
    queryFn: () => fetchJson<BlocksReport>(logsPath(host, 'blocks', params)),
    placeholderData: keepPreviousData,
  });
  if (q.isPending) return <Loading host={host} />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const d = q.data;
  return (
    <Card>
      <StatGrid>
        <MiniStat label={t('logs.blocks.deferred')} value={fmtNumber(d.deferred)} tone={d.deferred > 0 ? 'warn' : 'ok'} />
        <MiniStat label={t('logs.blocks.bounced')} value={fmtNumber(d.bounced)} tone={d.bounced > 0 ? 'danger' : 'ok'} />
        <MiniStat label={t('logs.blocks.groups')} value={fmtNumber(d.totalGroups)} />
        <MiniStat
          label={t('logs.blocks.blockedSites')}
          value={fmtNumber(d.blockedSites.length)}
          tone={d.blockedSites.length ? 'danger' : 'ok'}
          testId="blocked-sites"
        />
      </StatGrid>
      {d.groups.length === 0 ? (
        <Empty>{t('logs.blocks.empty')}</Empty>
      ) : (
        <ul className="space-y-3" data-testid="block-groups">
          {d.groups.map((g) => (
            <GroupRow key={`${g.site}\0${g.reply}`} g={g} onTrace={onTrace} />
          ))}
        </ul>
      )}
      <ScanFooter scan={d.scan} />
    </Card>
  );
}

function GroupRow({ g, onTrace }: { g: BlockGroup; onTrace: (queueId: string) => void }) {
  const { t, f } = useT();
  return (
    <li
      data-testid="block-group"
      data-site={g.site}
      className={`rounded-lg border px-4 py-3 ${g.class.blocked ? 'border-red-200 bg-red-50/40' : 'border-slate-200'}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <span className="font-semibold text-slate-900">{g.site}</span>
        <ReplyBadges cls={g.class} />
        <span className="ml-auto text-sm tabular-nums text-slate-600">
          <span className="font-semibold text-slate-900">{fmtNumber(g.count)}</span> {t('logs.blocks.attempts')}
          {g.bounced > 0 && <span className="ml-2 text-red-700">{t('logs.blocks.bouncedCount', { count: fmtNumber(g.bounced) })}</span>} ·{' '}
          {t('logs.blocks.recipients', { count: fmtNumber(g.recipients) })}
        </span>
      </div>
      <p className="mt-2 break-words font-mono text-xs leading-5 text-slate-700" data-testid="block-reply" title={g.sample}>
        {g.reply}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
        <span>
          {f.dateTime(g.first)} – {f.dateTime(g.last)}
        </span>
        {g.relays.length > 0 && <span className="font-mono">{g.relays.join(', ')}</span>}
        <span className="flex flex-wrap items-center gap-1">
          {t('logs.blocks.samples')}
          {g.queueIds.map((id) => (
            <button
              key={id}
              type="button"
              data-testid="block-queue-id"
              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700 hover:bg-brand-50 hover:text-brand-700"
              onClick={() => onTrace(id)}
              title={t('logs.blocks.traceIt')}
            >
              {id}
            </button>
          ))}
        </span>
        {g.class.link && (
          <a
            href={g.class.link}
            target="_blank"
            rel="noreferrer noopener"
            className="ml-auto font-medium text-brand-700 hover:underline"
            data-testid="block-link"
          >
            {t('logs.blocks.link')} ↗
          </a>
        )}
      </div>
    </li>
  );
}
