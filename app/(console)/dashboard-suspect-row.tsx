'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { respondHref } from '@/lib/incident/keys';
import { reasonText } from '@/lib/incident/report-text';
import type { Suspect } from '@/lib/incident/types';

// One scored login: its score, what the queue and the log each say about it
// (labelled, so 10,420 queued IPs and 6 logged ones are never mixed up), the
// reasons in words, and — for a suspect only — the way to respond.

export function scoreTone(score: number) {
  if (score >= 50) return 'bg-red-600 text-white';
  if (score >= 25) return 'bg-amber-500 text-white';
  return 'bg-slate-200 text-slate-700';
}

const tag = 'mr-1 rounded px-1 py-px text-[10px] font-semibold uppercase tracking-wide';

export function SuspectFigures({ s }: { s: Suspect }) {
  const { t, f } = useT();
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" data-testid="figures">
      {s.queued > 0 && (
        <span data-source="queue">
          <span className={`${tag} bg-sky-100 text-sky-800`}>{t('dashboard.suspects.fromQueue')}</span>
          {t('dashboard.suspects.queueFigures', { queued: f.number(s.queued), forged: f.number(s.forged), ips: f.number(s.ipCount) })}
        </span>
      )}
      {s.log && (s.log.messages > 0 || s.log.ips > 0 || s.log.failures > 0) && (
        <span data-source="log">
          <span className={`${tag} bg-violet-100 text-violet-800`}>{t('dashboard.suspects.fromLog')}</span>
          {t('dashboard.suspects.logFigures', { messages: f.number(s.log.messages), ips: f.number(s.log.ips), failures: f.number(s.log.failures) })}
        </span>
      )}
    </div>
  );
}

export function SuspectRow({ s, respond }: { s: Suspect; respond: boolean }) {
  const { t, locale } = useT();
  return (
    <li className="flex flex-wrap items-start gap-3 py-3 sm:gap-4" data-testid={respond ? 'suspect' : 'other'} data-user={s.user} data-score={s.score}>
      <span
        className={`mt-0.5 inline-flex h-10 w-12 shrink-0 items-center justify-center rounded-lg text-lg font-semibold tabular-nums ${scoreTone(s.score)}`}
        title={t('incident.score')}
      >
        {s.score}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <span className="font-mono text-sm font-semibold break-all text-slate-900">{s.user}</span>
          <span className="text-xs text-slate-500">{s.host}</span>
          {s.blocked && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{t('dashboard.suspects.blocked')}</span>}
          {!s.mailbox && (
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" data-testid="no-mailbox">
              {t('dashboard.suspects.noMailboxRow')}
            </span>
          )}
        </div>
        <div className="mt-1">
          <SuspectFigures s={s} />
        </div>
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700" data-testid="reasons">
          {s.reasons.slice(0, 4).map((r) => (
            <li key={r.id}>
              {reasonText(t, r, locale)} <span className="text-xs text-slate-400">+{r.points}</span>
            </li>
          ))}
        </ul>
      </div>
      {/* Any SASL login can be contained, mailbox row or not (issue 16): the block is by login name. */}
      {respond && (
        <Link
          href={respondHref(s.user, s.host)}
          className="w-full shrink-0 self-center rounded-md bg-brand-600 px-4 py-2.5 text-center text-sm font-medium text-white shadow-sm hover:bg-brand-700 sm:w-auto sm:py-2"
          data-testid="respond"
        >
          {t('dashboard.suspects.respond')} →
        </Link>
      )}
    </li>
  );
}
