'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import type { ContainResult } from '@/lib/incident/contain';
import type { EnforcementReport } from '@/lib/mailboxes/schemas';
import type { ActionJobView, ActionResponse } from '@/lib/queue/actions/types';
import { fetchJson } from '@/lib/query/fetch-json';
import { btn, Outcome } from './incident-ui';

// What containment did, shown as it happened: the block with its proof (or
// the honest "not enforced yet"), the new password once, and the hold —
// polled while a long one runs.

export function EnforcementLine({ e, result }: { e: EnforcementReport; result?: boolean }) {
  const { t } = useT();
  const text = e.enforced === true ? t('incident.contain.enforced', { evidence: e.evidence }) : e.enforced === false ? t('incident.contain.notEnforced', { reason: e.reason }) : t('incident.contain.unknown', { reason: e.reason });
  return (
    <Outcome ok={e.enforced === true ? true : null} testid={result ? 'block-result' : 'enforcement'}>
      {result && <strong>{t('incident.contain.block')} ✓ </strong>}
      <span data-enforced={String(e.enforced)}>{text}</span>
    </Outcome>
  );
}

export function PasswordBox({ password }: { password: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  return (
    <Outcome ok testid="reset-result">
      <strong>{t('incident.contain.reset')} ✓</strong> {t('incident.contain.newPassword')}
      <div className="mt-1 flex items-center gap-2">
        <code className="rounded bg-white px-2 py-1 font-mono text-base text-slate-900" data-testid="new-password">{password}</code>
        <button type="button" className={btn.plain} onClick={() => void navigator.clipboard?.writeText(password).then(() => setCopied(true))}>
          {copied ? t('incident.contain.copied') : t('incident.contain.copy')}
        </button>
      </div>
    </Outcome>
  );
}

function useJob(host: string, response: ActionResponse | null) {
  const id = response?.kind === 'job' ? response.job.id : null;
  return useQuery({
    queryKey: ['queue-action-job', host, id],
    queryFn: () => fetchJson<{ job: ActionJobView }>(`/api/hosts/${encodeURIComponent(host)}/queue/actions?${new URLSearchParams({ job: id! })}`).then((r) => r.job),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && ['done', 'failed', 'interrupted'].includes(q.state.data.phase) ? false : 1000),
  });
}

/** A queue action's answer, or the job it became, as one line; `verb` picks the words. */
export function ActionLine({ host, response, done, running, testid }: { host: string; response: ActionResponse; done: (acted: string) => string; running: (d: string, total: string) => string; testid: string }) {
  const { t, f } = useT();
  const job = useJob(host, response);
  const result = response.kind === 'result' ? response.result : (job.data?.result ?? null);
  if (result) {
    // Mail delivered or removed between the refresh and postsuper is not a failure of the action.
    const left = result.notActed + result.gone;
    return (
      <Outcome ok={result.error === null} testid={testid}>
        <span data-acted={result.acted}>{done(f.number(result.acted))}</span>
        {left > 0 && <span className="text-slate-500"> {t('incident.queue.leftMeanwhile', { count: f.number(left) })}</span>}
        {result.error && <span> {result.error}</span>}
      </Outcome>
    );
  }
  const j = job.data ?? (response.kind === 'job' ? response.job : null);
  if (j?.phase === 'failed' || j?.phase === 'interrupted') return <Outcome ok={false} testid={testid}>{j.error?.message}</Outcome>;
  return <Outcome ok={null} testid={testid}>{running(f.number(j?.done ?? 0), f.number(j?.total ?? 0))}</Outcome>;
}

export function HoldOutcome({ host, hold }: { host: string; hold: NonNullable<ContainResult['hold']> }) {
  const { t } = useT();
  if (!hold.ok) return <Outcome ok={false}>{t('incident.contain.hold')}: {t('incident.contain.failed', { message: hold.error })}</Outcome>;
  return (
    <>
      <ActionLine host={host} response={hold.user} testid="hold-result" done={(acted) => t('incident.contain.held', { acted })} running={(done, total) => t('incident.contain.holdJob', { done, total })} />
      {hold.ips.map((i) =>
        i.response ? (
          <ActionLine key={i.ip} host={host} response={i.response} testid="hold-ip-result" done={(acted) => t('incident.contain.ipHeld', { ip: i.ip, acted })} running={(done, total) => t('incident.contain.holdJob', { done, total })} />
        ) : (
          <Outcome key={i.ip} ok={false}>{i.ip}: {i.error}</Outcome>
        ),
      )}
    </>
  );
}
