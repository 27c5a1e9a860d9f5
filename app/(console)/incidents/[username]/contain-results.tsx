'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { incidentKeys } from '@/lib/incident/keys';
import { useT } from '@/components/i18n-provider';
import { buttonStyle } from '@/components/ui/button';
import type { BlockProof, ContainResult } from '@/lib/incident/contain';
import type { EnforcementReport } from '@/lib/mailboxes/schemas';
import { queueActionKeys } from '@/lib/queue/actions/keys';
import type { ActionJobView, ActionResponse, ActionResult } from '@/lib/queue/actions/types';
import { fetchJson } from '@/lib/query/fetch-json';
import { useJobPoll } from '@/lib/query/use-job-poll';
import { Outcome } from './incident-ui';

// What containment did, shown as it happened: the block with its proof (or
// the honest "not enforced yet"), the new password once, and the hold —
// polled while a long one runs.

export function EnforcementLine({ e, result, canEnforce = true }: { e: EnforcementReport; result?: boolean; canEnforce?: boolean }) {
  const { t } = useT();
  const reason = 'reason' in e ? e.reason : '';
  const notYet = canEnforce ? t('incident.contain.notEnforcedInstall', { reason }) : t('incident.contain.notEnforcedAdmin', { reason });
  const text =
    e.enforced === true
      ? t('incident.contain.enforced', { evidence: e.evidence })
      : e.enforced === false
        ? notYet
        : t('incident.contain.unknown', { reason: e.reason });
  return (
    <Outcome ok={e.enforced === true ? true : null} testid={result ? 'block-result' : 'enforcement'}>
      {result && <strong>{t('incident.contain.block')} ✓ </strong>}
      {/* The reason names map paths (texthash:/etc/postfix/…) that must wrap on a phone. */}
      <span data-enforced={String(e.enforced)} className="[overflow-wrap:anywhere]">
        {text}
      </span>
    </Outcome>
  );
}

/** Postfix refusing the login: the live SMTP attempt's reply, or its own lookup when no password could be tried. */
export function ProofLine({ proof }: { proof: BlockProof }) {
  const { t } = useT();
  const text = proof.live
    ? proof.refused
      ? t('incident.contain.proofLive', { source: proof.source ?? '—', reply: proof.reply ?? '' })
      : t('incident.contain.proofFailed', { note: proof.note ?? '', reply: proof.reply ?? '' })
    : t('incident.contain.proofLookup');
  return (
    <Outcome ok={proof.refused ? (proof.live ? true : null) : false} testid="block-proof">
      <span data-live={String(proof.live)} data-refused={String(proof.refused)}>
        {text}
      </span>
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
        <code className="rounded bg-white px-2 py-1 font-mono text-base text-slate-900" data-testid="new-password">
          {password}
        </code>
        <button type="button" className={buttonStyle()} onClick={() => void navigator.clipboard?.writeText(password).then(() => setCopied(true))}>
          {copied ? t('incident.contain.copied') : t('incident.contain.copy')}
        </button>
      </div>
    </Outcome>
  );
}

const FINISHED: ReadonlySet<string> = new Set(['done', 'failed', 'interrupted']);

function useJob(host: string, response: ActionResponse | null, onEnd: (job: ActionJobView) => void) {
  const id = response?.kind === 'job' ? response.job.id : null;
  return useJobPoll({
    queryKey: queueActionKeys.job(host, id ?? ''),
    queryFn: () =>
      fetchJson<{ job: ActionJobView }>(`/api/hosts/${encodeURIComponent(host)}/queue/actions?${new URLSearchParams({ job: id! })}`).then((r) => r.job),
    enabled: id !== null,
    running: (job) => !job || !FINISHED.has(job.phase),
    onEnd,
  });
}

/** A queue action's answer, or the job it became, as one line; `verb` picks the words. */
export function ActionLine({
  host,
  response,
  done,
  running,
  testid,
  onEnd,
}: {
  host: string;
  response: ActionResponse;
  done: (acted: string) => string;
  running: (d: string, total: string) => string;
  testid: string;
  onEnd?: (ok: boolean) => void;
}) {
  const { t, f } = useT();
  const qc = useQueryClient();
  // When the action ends, every panel of every incident reads the queue again: nothing stays "would be held".
  const ended = (r: ActionResult | null) => {
    void qc.invalidateQueries({ queryKey: incidentKeys.all });
    onEnd?.(r !== null && r.error === null);
  };
  const job = useJob(host, response, (j) => ended(j.result ?? null));
  const result = response.kind === 'result' ? response.result : (job.data?.result ?? null);
  // An answer that came back whole (no job) has ended already.
  const immediate = response.kind === 'result' ? response.result : undefined;
  useEffect(() => {
    if (immediate !== undefined) ended(immediate);
    // Once per answer: `ended` is a fresh closure each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [immediate]);
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
  if (j?.phase === 'failed' || j?.phase === 'interrupted')
    return (
      <Outcome ok={false} testid={testid}>
        {j.error?.message}
      </Outcome>
    );
  // Before postsuper starts, the job reads the queue: say so instead of "0 of 0".
  const reading = !j || j.phase === 'queued' || j.phase === 'refresh' || !j.total;
  return (
    <Outcome ok={null} testid={testid}>
      <span data-phase={j?.phase ?? 'starting'}>{reading ? t('incident.queue.reading') : running(f.number(j.done), f.number(j.total ?? 0))}</span>
    </Outcome>
  );
}

export function HoldOutcome({ host, hold, onEnd }: { host: string; hold: NonNullable<ContainResult['hold']>; onEnd?: (ok: boolean) => void }) {
  const { t } = useT();
  if (!hold.ok)
    return (
      <Outcome ok={false}>
        {t('incident.contain.hold')}: {t('incident.contain.failed', { message: hold.error })}
      </Outcome>
    );
  return (
    <>
      <ActionLine
        host={host}
        response={hold.user}
        testid="hold-result"
        onEnd={onEnd}
        done={(acted) => t('incident.contain.held', { acted })}
        running={(done, total) => t('incident.contain.holdJob', { done, total })}
      />
      {hold.ips.map((i) =>
        i.response ? (
          <ActionLine
            key={i.ip}
            host={host}
            response={i.response}
            testid="hold-ip-result"
            done={(acted) => t('incident.contain.ipHeld', { ip: i.ip, acted })}
            running={(done, total) => t('incident.contain.holdJob', { done, total })}
          />
        ) : (
          <Outcome key={i.ip} ok={false}>
            {i.ip}: {i.error}
          </Outcome>
        ),
      )}
    </>
  );
}
