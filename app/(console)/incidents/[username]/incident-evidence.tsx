'use client';

import { useT } from '@/components/i18n-provider';
import { reasonText } from '@/lib/incident/report-text';
import type { IncidentDetail } from '@/lib/incident/types';
import { scoreTone } from '../../dashboard-suspects';

// Why this login: its score with every reason, the IPs it logged in from
// (first seen, count), and where the abuse began in the log.

export function IncidentEvidence({ detail }: { detail: IncidentDetail }) {
  const { t, f } = useT();
  const s = detail.suspect;
  const ips = s?.ips.length
    ? s.ips.map((i) => ({ ip: i.ip, n: i.messages, first: null as number | null }))
    : detail.log.ips.map((i) => ({ ip: i.ip, n: i.logins, first: i.first }));
  const logFirst = new Map(detail.log.ips.map((i) => [i.ip, i]));
  return (
    <section className="grid min-w-0 gap-4 break-words rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 lg:grid-cols-3" data-testid="evidence">
      <div className="lg:col-span-2">
        <div className="flex items-center gap-3">
          <span
            className={`inline-flex h-12 w-14 items-center justify-center rounded-lg text-2xl font-semibold tabular-nums ${scoreTone(s?.score ?? 0)}`}
            data-testid="score"
          >
            {s?.score ?? 0}
          </span>
          <div>
            <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{t('incident.score')}</div>
            <div className="text-sm text-slate-700">{t('incident.scoreOf', { score: s?.score ?? 0 })}</div>
          </div>
        </div>
        {s && s.reasons.length > 0 ? (
          <>
            <h3 className="mt-4 text-sm font-semibold text-slate-700">{t('incident.why')}</h3>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="reasons">
              {s.reasons.map((r) => (
                <li key={r.id}>
                  {reasonText(t, r)} <span className="text-xs text-slate-400">+{r.points}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="mt-4 text-sm text-slate-500">{t('incident.noEvidence')}</p>
        )}
        {detail.log.firstForged && (
          <p className="mt-3 text-sm text-slate-600">
            {t('incident.timeline.first-forged', { from: detail.log.firstForged.from, ip: detail.log.firstForged.ip, queueId: detail.log.firstForged.queueId })}{' '}
            — {f.dateTime(detail.log.firstForged.time)}
          </p>
        )}
        {!detail.log.ok && <p className="mt-2 text-xs text-amber-700">{detail.log.error}</p>}
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-700">{t('incident.ips')}</h3>
        <ul className="mt-1 max-h-56 space-y-1 overflow-y-auto text-xs" data-testid="ips">
          {ips.slice(0, 12).map((i) => {
            const seen = logFirst.get(i.ip);
            return (
              <li key={i.ip} className="font-mono">
                <div className="flex justify-between gap-2">
                  <span>{i.ip}</span>
                  <span className="text-slate-500">
                    {s?.ips.length ? t('incident.ipQueued', { messages: f.number(i.n) }) : t('incident.ipLogins', { logins: f.number(i.n) })}
                  </span>
                </div>
                {seen && <div className="text-[11px] text-slate-400">{t('incident.firstSeen', { time: f.dateTime(seen.first) })}</div>}
              </li>
            );
          })}
        </ul>
        {(s?.ipCount ?? ips.length) > 12 && (
          <p className="mt-1 text-xs text-slate-400">{t('incident.moreIps', { count: f.number((s?.ipCount ?? ips.length) - 12) })}</p>
        )}
      </div>
    </section>
  );
}
