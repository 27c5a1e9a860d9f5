'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { buttonStyle, quietLinkClass } from '@/components/ui/button';
import type { CleanPreview, CleanResult } from '@/lib/incident/clean';
import { incidentKeys, incidentPath } from '@/lib/incident/keys';
import type { IncidentDetail } from '@/lib/incident/types';
import { fetchJson } from '@/lib/query/fetch-json';
import { BackscatterPanel } from './backscatter-panel';
import { ActionLine } from './contain-results';
import { Confirm, errText, Outcome } from './incident-ui';

// Step 2: the held spam out of the queue (only what is on hold, only this
// login's), and the bounces out of the victim's inbox (moved, undoable).

export function StepClean({ host, detail, onResult }: { host: string; detail: IncidentDetail; onResult: (ok: boolean) => void }) {
  const { t, f } = useT();
  const qc = useQueryClient();
  const user = detail.username;
  const path = incidentPath(user, '/clean', host);
  const preview = useQuery({
    queryKey: incidentKeys.clean(host, user),
    queryFn: () => fetchJson<CleanPreview>(path, { method: 'POST', json: { dryRun: true } }),
  });
  const [confirming, setConfirming] = useState(false);
  const [queueDone, setQueueDone] = useState(false);
  const [backscatterDone, setBackscatterDone] = useState(!detail.mailbox.exists);
  const run = useMutation({
    mutationFn: () => fetchJson<CleanResult>(path, { method: 'POST', json: { previewId: preview.data?.user.previewId } }),
    onSuccess: () => {
      setConfirming(false);
      setQueueDone(true);
      onResult(backscatterDone);
      void qc.invalidateQueries({ queryKey: incidentKeys.of(host, user) });
    },
  });
  const p = preview.data?.user;
  const r = run.data;
  return (
    <div className="space-y-5 text-sm">
      <p className="text-slate-600">{t('incident.clean.intro')}</p>
      <div className="rounded-lg border border-slate-200 p-4" data-testid="clean-queue">
        <h3 className="font-semibold text-slate-800">{t('incident.clean.queueTitle')}</h3>
        {preview.isPending && <p className="mt-1 text-slate-500">{t('common.loading')}</p>}
        {preview.isError && <Outcome ok={false}>{errText(preview.error)}</Outcome>}
        {p && p.total === 0 && !r && <p className="mt-1 text-slate-600">{t('incident.clean.nothing')}</p>}
        {p && p.total > 0 && !r && (
          <>
            <p className="mt-1 text-slate-600" data-testid="delete-preview" data-total={p.total}>
              {t('incident.clean.willDelete', { user, total: f.number(p.total) })}
            </p>
            {p.legitLooking > 0 && <p className="mt-1 text-amber-700">{t('incident.contain.legit', { count: f.number(p.legitLooking) })}</p>}
            <button
              type="button"
              className={`mt-2 ${buttonStyle('destructive', { size: 'lg' })}`}
              disabled={run.isPending}
              onClick={() => setConfirming(true)}
              data-testid="delete-held"
            >
              {t('incident.clean.delete')}
            </button>
            {confirming && (
              <Confirm
                text={t('incident.clean.confirm', { total: f.number(p.total) })}
                yes={t('incident.clean.confirmYes')}
                busy={run.isPending}
                danger
                onYes={() => run.mutate()}
                onNo={() => setConfirming(false)}
                testid="delete-confirm"
              />
            )}
          </>
        )}
        {run.isError && <Outcome ok={false}>{errText(run.error)}</Outcome>}
        {r &&
          ('kind' in r.user ? (
            <ActionLine
              host={host}
              response={r.user}
              testid="delete-result"
              done={(acted) => t('incident.clean.deleted', { acted })}
              running={(done, total) => t('incident.clean.deleteJob', { done, total })}
            />
          ) : (
            <Outcome ok={false}>{r.user.error}</Outcome>
          ))}
        {p && p.total === 0 && !queueDone && (
          <button
            type="button"
            className={`mt-2 ${quietLinkClass}`}
            onClick={() => {
              setQueueDone(true);
              onResult(backscatterDone);
            }}
          >
            {t('incident.step.skip')}
          </button>
        )}
      </div>
      {/* Backscatter lands in a mailbox: a login with no mailbox row has none to clean. */}
      {detail.mailbox.exists ? (
        <BackscatterPanel
          host={host}
          detail={detail}
          onDone={() => {
            setBackscatterDone(true);
            onResult(queueDone);
          }}
        />
      ) : (
        <p className="text-slate-500" data-testid="no-backscatter">
          {t('incident.clean.noMailbox')}
        </p>
      )}
    </div>
  );
}
