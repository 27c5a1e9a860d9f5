'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { buttonStyle } from '@/components/ui/button';
import type { ContainPreview, ContainResult } from '@/lib/incident/contain';
import { incidentKeys, incidentPath } from '@/lib/incident/keys';
import type { ContainStep } from '@/lib/incident/schemas';
import { fetchJson } from '@/lib/query/fetch-json';
import { Confirm, errText, Outcome } from './incident-ui';
import { EnforcementLine, HoldOutcome, PasswordBox, ProofLine } from './contain-results';

// Step 1: block, reset, hold — one button each, or all of them after one
// confirmation. The block goes into Postfix at once (Mailwarden's access map,
// installed where missing); "contained" only once a live SMTP AUTH was
// refused (or, with no password to try, Postfix's own lookup refuses it) and
// the hold job has finished. A login with no mailbox row has no password to
// reset; a postmaster is told that an administrator must make Postfix enforce.

const ALL: ContainStep[] = ['block', 'reset', 'hold'];

export function StepContain({
  host,
  username,
  onPassword,
  onResult,
}: {
  host: string;
  username: string;
  onPassword: (p: string) => void;
  onResult: (ok: boolean) => void;
}) {
  const { t, f } = useT();
  const qc = useQueryClient();
  const path = incidentPath(username, '/contain', host);
  const preview = useQuery({
    queryKey: incidentKeys.contain(host, username),
    queryFn: () => fetchJson<ContainPreview>(path, { method: 'POST', json: { dryRun: true } }),
    // A queue being read for the first time: ask again until the hold can be previewed.
    refetchInterval: (q) => (q.state.data && !q.state.data.hold ? 3000 : false),
  });
  const [extraIps, setExtraIps] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<ContainStep[] | null>(null);
  const [result, setResult] = useState<ContainResult>({});
  const [holdEnded, setHoldEnded] = useState<boolean | null>(null);
  const run = useMutation({
    mutationFn: (steps: ContainStep[]) =>
      fetchJson<ContainResult>(path, {
        method: 'POST',
        json: { steps, ips: steps.includes('hold') ? extraIps : [], previewId: preview.data?.hold?.previewId },
      }),
    onSuccess: (r) => {
      setResult((prev) => ({ ...prev, ...r }));
      if (r.hold) setHoldEnded(r.hold.ok && r.hold.user.kind === 'result' ? r.hold.user.result.error === null : r.hold.ok ? null : false);
      setConfirming(null);
      if (r.reset?.ok) onPassword(r.reset.password);
      void qc.invalidateQueries({ queryKey: incidentKeys.all });
    },
  });
  const p = preview.data;
  const all: ContainStep[] = p && !p.mailbox ? ['block', 'hold'] : ALL;
  // Contained: Postfix refuses the login (proved) and the hold has finished.
  const blockOk = !!result.block?.ok;
  const proved = !!result.proof?.refused;
  const contained = blockOk && proved && holdEnded === true;
  const ended = !!result.block && (holdEnded !== null || !result.hold);
  // The host did not answer: unknown whether Postfix refuses the login — neither contained nor "still sends".
  const unknown = result.block?.ok === true && result.block.verdict === 'unknown';
  const unknownWhy = result.block?.ok === true && 'reason' in result.block.enforcement ? result.block.enforcement.reason : '';
  useEffect(() => {
    if (ended) onResult(contained);
    // onResult is the page's setter wrapper; the outcome is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ended, contained]);
  const hold = p?.hold;
  const byQueue = hold
    ? Object.entries(hold.byQueue)
        .map(([q, n]) => `${f.queue(q)} ${f.number(n ?? 0)}`)
        .join(', ')
    : '';
  const shared = (p?.ips ?? []).filter((i) => i.others > 0);
  const toggle = (ip: string) => setExtraIps((s) => (s.includes(ip) ? s.filter((x) => x !== ip) : [...s, ip]));
  const confirmText = (steps: ContainStep[]) =>
    steps.length === all.length && steps.length > 1
      ? t(p?.mailbox === false ? 'incident.contain.confirmNoMailbox' : 'incident.contain.confirm', { user: username, total: f.number(hold?.total ?? 0) })
      : steps.map((s) => t(`incident.contain.${s}`)).join(' + ') + '?';

  return (
    <div className="space-y-4 text-sm">
      <p className="text-slate-600">{t('incident.contain.intro')}</p>
      {preview.isError && <Outcome ok={false}>{errText(preview.error)}</Outcome>}
      {preview.isPending && <p className="text-slate-500">{t('common.loading')}</p>}
      {p && (
        <div className="grid gap-4 md:grid-cols-3" data-testid="contain-preview">
          <div className="rounded-lg border border-slate-200 p-3">
            <h3 className="font-semibold text-slate-800">{t('incident.contain.block')}</h3>
            <p className="mt-1 text-slate-600">
              {p.blocked
                ? t('incident.contain.alreadyBlocked')
                : p.canEnforce
                  ? t(
                      p.installed ? 'incident.contain.willBlockMap' : p.installed === null ? 'incident.contain.installUnknown' : 'incident.contain.willInstall',
                      { host },
                    )
                  : t('incident.contain.willBlock')}
            </p>
            {!p.mailbox && (
              <p className="mt-1 text-amber-700" data-testid="no-mailbox">
                {t('incident.contain.noMailbox')}
              </p>
            )}
            <EnforcementLine e={p.enforcement} canEnforce={p.canEnforce} />
            <button type="button" className={`mt-2 ${buttonStyle()}`} disabled={run.isPending} onClick={() => setConfirming(['block'])}>
              {t('incident.contain.blockNow')}
            </button>
          </div>
          <div className="rounded-lg border border-slate-200 p-3">
            <h3 className="font-semibold text-slate-800">{t('incident.contain.reset')}</h3>
            <p className="mt-1 text-slate-600">{p.mailbox ? t('incident.contain.willReset') : t('incident.contain.noReset')}</p>
            <button type="button" className={`mt-2 ${buttonStyle()}`} disabled={run.isPending || !p.mailbox} onClick={() => setConfirming(['reset'])}>
              {t('incident.contain.resetNow')}
            </button>
          </div>
          <div className="rounded-lg border border-slate-200 p-3">
            <h3 className="font-semibold text-slate-800">{t('incident.contain.hold')}</h3>
            {hold ? (
              <>
                <p className="mt-1 text-slate-600" data-testid="hold-preview" data-total={hold.total}>
                  {t('incident.contain.willHold', { user: username, total: f.number(hold.total), byQueue: byQueue || '—' })}
                </p>
                {hold.legitLooking > 0 && <p className="mt-1 text-amber-700">{t('incident.contain.legit', { count: f.number(hold.legitLooking) })}</p>}
                {shared.length > 0 && (
                  <fieldset className="mt-2">
                    <legend className="text-xs font-medium text-slate-500">{t('incident.contain.ipsTitle')}</legend>
                    {shared.slice(0, 20).map((i) => (
                      <label key={i.ip} className="mt-1 flex items-start gap-2 text-xs">
                        <input type="checkbox" checked={extraIps.includes(i.ip)} onChange={() => toggle(i.ip)} />
                        {t('incident.contain.ipOthers', { ip: i.ip, messages: f.number(i.messages), others: f.number(i.others) })}
                      </label>
                    ))}
                  </fieldset>
                )}
              </>
            ) : (
              <p className="mt-1 text-slate-500">{t('incident.contain.scanning', { seen: f.number(p.scan.seen ?? 0) })}</p>
            )}
            <button type="button" className={`mt-2 ${buttonStyle()}`} disabled={run.isPending || !hold} onClick={() => setConfirming(['hold'])}>
              {t('incident.contain.holdNow')}
            </button>
          </div>
        </div>
      )}
      <div>
        <button
          type="button"
          className={buttonStyle('destructive', { size: 'lg' })}
          disabled={!hold || run.isPending}
          onClick={() => setConfirming(all)}
          data-testid="contain-now"
        >
          {run.isPending ? t('incident.contain.running') : t('incident.contain.now')}
        </button>
        {confirming && (
          <Confirm
            text={confirmText(confirming)}
            yes={t('incident.contain.confirmYes')}
            busy={run.isPending}
            onYes={() => run.mutate(confirming)}
            onNo={() => setConfirming(null)}
            danger
            testid="contain-confirm"
          />
        )}
      </div>
      {run.isError && <Outcome ok={false}>{errText(run.error)}</Outcome>}
      <div data-testid="contain-result">
        {result.block && (
          <div
            data-testid="contained"
            data-state={contained ? 'contained' : ended ? (unknown ? 'unknown' : 'not-contained') : 'running'}
            className={`rounded-md px-3 py-2 font-semibold ${contained ? 'bg-emerald-600 text-white' : ended ? (unknown ? 'bg-amber-50 text-amber-900' : 'bg-red-50 text-red-800') : 'bg-slate-100 text-slate-700'}`}
          >
            {contained
              ? t('incident.contain.contained', { user: username })
              : ended
                ? result.block.ok && result.block.adminMustAct
                  ? t('incident.contain.adminMustAct')
                  : unknown
                    ? t('incident.contain.unknownOnHost', { host, reason: unknownWhy })
                    : t('incident.contain.notContained')
                : t('incident.contain.waitingHold')}
          </div>
        )}
        {result.block &&
          (result.block.ok ? (
            <EnforcementLine e={result.block.enforcement} result canEnforce={p?.canEnforce} />
          ) : (
            <Outcome ok={false}>
              {t('incident.contain.block')}: {t('incident.contain.failed', { message: result.block.error })}
            </Outcome>
          ))}
        {result.block?.ok && result.block.postfix?.installed && (
          <Outcome ok testid="installed" backup={result.block.postfix.backupId ?? undefined}>
            {t('incident.contain.installed', { backup: result.block.postfix.backupId ?? '—' })}
          </Outcome>
        )}
        {result.proof && <ProofLine proof={result.proof} />}
        {result.reset &&
          (result.reset.ok ? (
            <PasswordBox password={result.reset.password} />
          ) : result.reset.noMailbox ? null : (
            <Outcome ok={false}>
              {t('incident.contain.reset')}: {t('incident.contain.failed', { message: result.reset.error })}
            </Outcome>
          ))}
        {result.hold && <HoldOutcome host={host} hold={result.hold} onEnd={setHoldEnded} />}
      </div>
    </div>
  );
}
