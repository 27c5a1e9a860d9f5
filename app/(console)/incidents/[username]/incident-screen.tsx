'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { PageHeader } from '@/components/page-header';
import { buttonStyle } from '@/components/ui/button';
import { incidentKeys, incidentPath, reportHref } from '@/lib/incident/keys';
import type { IncidentDetail } from '@/lib/incident/types';
import { fetchJson } from '@/lib/query/fetch-json';
import { IncidentEvidence } from './incident-evidence';
import { StepFrame, type StepState } from './incident-ui';
import { StepClean } from './step-clean';
import { StepContain } from './step-contain';
import { StepHarden } from './step-harden';
import { StepVerify } from './step-verify';

// The response to one stolen login, in the seed's order: contain, clean,
// harden, verify, report. A step opens once the one before it has a result
// (or was skipped); what was done survives a reload because it is read back
// from the audit log. The new password lives only in this page's state.

type Step = 'contain' | 'clean' | 'harden' | 'verify';
const ORDER: Step[] = ['contain', 'clean', 'harden', 'verify'];

export function IncidentScreen({ username, host, isAdmin }: { username: string; host: string; isAdmin: boolean }) {
  const { t } = useT();
  const detail = useQuery({ queryKey: incidentKeys.detail(host, username), queryFn: () => fetchJson<IncidentDetail>(incidentPath(username, '', host)) });
  const [password, setPassword] = useState<string | null>(null);
  const [results, setResults] = useState<Partial<Record<Step, boolean>>>({});
  const [skippedByHand, setSkipped] = useState<Step[]>([]);
  // Postmasters never change the host's configuration: for them step 3 is skipped.
  const skipped: Step[] = isAdmin ? skippedByHand : [...skippedByHand, 'harden'];
  const progress = detail.data?.progress;
  const fromLog: Record<Step, boolean> = {
    contain: !!progress?.contained,
    clean: !!progress?.cleaned,
    harden: !!progress?.hardened,
    verify: !!progress?.verified,
  };
  const has = (s: Step) => results[s] !== undefined || fromLog[s] || skipped.includes(s);
  const stateOf = (s: Step): StepState => {
    const i = ORDER.indexOf(s);
    if (i > 0 && !has(ORDER[i - 1]!)) return 'locked';
    if (skipped.includes(s)) return 'skipped';
    return results[s] === true || (results[s] === undefined && fromLog[s]) ? 'done' : 'open';
  };
  const finished = (s: Step) => (ok: boolean) => setResults((r) => ({ ...r, [s]: ok }));
  const skip = (s: Step) => () => setSkipped((k) => [...k, s]);
  const user = detail.data?.username ?? username;

  return (
    <>
      <PageHeader title={t('incident.title', { user })} subtitle={`${t('incident.host', { host })} — ${t('incident.subtitle')}`} />
      {detail.isError && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-2 text-sm text-red-700">
          {(detail.error as Error).message}
        </p>
      )}
      {detail.isPending && <p className="text-sm text-slate-500">{t('incident.loading')}</p>}
      {detail.data && (
        <div className="space-y-5">
          <IncidentEvidence detail={detail.data} />
          <StepFrame n={1} title={t('incident.step.contain')} state={stateOf('contain')} testid="step-contain">
            <StepContain host={host} username={user} onPassword={setPassword} onResult={finished('contain')} />
          </StepFrame>
          <StepFrame n={2} title={t('incident.step.clean')} state={stateOf('clean')} onSkip={skip('clean')} testid="step-clean">
            <StepClean host={host} detail={detail.data} onResult={finished('clean')} />
          </StepFrame>
          <StepFrame n={3} title={t('incident.step.harden')} state={stateOf('harden')} onSkip={isAdmin ? skip('harden') : undefined} testid="step-harden">
            {isAdmin ? (
              <StepHarden host={host} username={user} onResult={finished('harden')} />
            ) : (
              <p className="text-sm text-slate-600">{t('incident.harden.adminOnly')}</p>
            )}
          </StepFrame>
          <StepFrame n={4} title={t('incident.step.verify')} state={stateOf('verify')} testid="step-verify">
            <StepVerify host={host} username={user} password={password} isAdmin={isAdmin} onResult={finished('verify')} />
          </StepFrame>
          <StepFrame n={5} title={t('incident.step.report')} state={has('verify') ? 'open' : 'locked'} testid="step-report">
            <div className="flex flex-wrap gap-3">
              <Link className={buttonStyle('primary', { size: 'lg' })} href={reportHref(user, host)} data-testid="open-report">
                {t('incident.report.open')}
              </Link>
              <a className={buttonStyle()} href={incidentPath(user, '/report', host, { format: 'md' })}>
                {t('incident.report.markdown')}
              </a>
            </div>
          </StepFrame>
        </div>
      )}
    </>
  );
}
