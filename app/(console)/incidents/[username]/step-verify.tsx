'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { buttonStyle } from '@/components/ui/button';
import { probeExpectMessage, probeNameMessage } from '@/lib/hardening/messages';
import { incidentKeys, incidentPath } from '@/lib/incident/keys';
import type { ProbesOutcome, QueueCount, VerifyRun } from '@/lib/incident/verify';
import { fetchJson } from '@/lib/query/fetch-json';
import { errText, Outcome } from './incident-ui';

// Step 4: live probes (with the new password held in this page only) and
// two queue counts a minute apart.

const GAP_S = 60;

function RunView({ run }: { run: VerifyRun }) {
  const { t } = useT();
  const who =
    run.login === 'account'
      ? t('incident.verify.asAccount', { user: run.username ?? '' })
      : run.login === 'other'
        ? t('incident.verify.asOther', { user: run.username ?? '' })
        : t('incident.verify.noLogin');
  return (
    <>
      {run.results.map((r) => (
        <li
          key={`${run.login}-${r.name}`}
          className="py-2"
          data-testid="probe"
          data-probe={r.name}
          data-login={run.login ?? 'none'}
          data-passed={String(r.passed)}
        >
          <div className="flex flex-wrap items-baseline gap-2">
            <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${r.passed ? 'bg-emerald-100 text-emerald-800' : 'bg-red-100 text-red-800'}`}>
              {r.passed ? t('incident.verify.pass') : t('incident.verify.fail')}
            </span>
            <span className="font-medium text-slate-800">{t(probeNameMessage(r.name))}</span>
            <span className="text-xs text-slate-500">{who}</span>
          </div>
          <p className="mt-0.5 text-xs text-slate-500">{t(probeExpectMessage(r.name))}</p>
          {r.note && <p className="mt-0.5 text-xs text-red-700">{r.note}</p>}
          <details className="mt-1 text-xs">
            <summary className="cursor-pointer text-slate-500">{t('incident.verify.transcript')}</summary>
            <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 font-mono text-[11px] leading-4 text-slate-100">
              {r.transcript.map((l) => `${l.dir === 'C' ? '>' : '<'} ${l.line}`).join('\n')}
            </pre>
          </details>
        </li>
      ))}
    </>
  );
}

export function StepVerify({
  host,
  username,
  password,
  isAdmin,
  onResult,
}: {
  host: string;
  username: string;
  password: string | null;
  isAdmin: boolean;
  onResult: (ok: boolean) => void;
}) {
  const { t, f } = useT();
  const path = incidentPath(username, '/verify', host);
  const [other, setOther] = useState({ username: '', password: '' });
  const [typed, setTyped] = useState('');
  const qc = useQueryClient();
  const loginPassword = password ?? (typed || null);
  const probes = useMutation({
    mutationFn: () =>
      fetchJson<ProbesOutcome>(path, {
        method: 'POST',
        json: { check: 'probes', ...(loginPassword ? { password: loginPassword } : {}), ...(other.username && other.password ? { other } : {}) },
      }),
    // A probe that did not run proves nothing: the step is done only when the block itself was tested,
    // and the latest run decides (an earlier pass in the audit log does not outvote an untested run).
    onSuccess: (r) => {
      onResult(r.untested === null && r.passed === r.total);
      void qc.invalidateQueries({ queryKey: incidentKeys.of(host, username) });
    },
  });
  const [counts, setCounts] = useState<QueueCount[]>([]);
  const [dueAt, setDueAt] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const count = useMutation({
    mutationFn: () => fetchJson<QueueCount>(path, { method: 'POST', json: { check: 'queue' } }),
    onSuccess: (c) => {
      setCounts((cs) => [...cs, c].slice(-2));
      if (counts.length === 0) {
        const at = Date.now();
        setNow(at);
        setDueAt(at + GAP_S * 1000);
      } else if (!isAdmin) onResult(c.newSince === 0);
    },
  });
  const { mutate: countAgain } = count;
  // The second count, a minute after the first; the countdown ticks meanwhile.
  useEffect(() => {
    if (dueAt === null) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const fire = setTimeout(
      () => {
        setDueAt(null);
        countAgain();
      },
      Math.max(0, dueAt - Date.now()),
    );
    return () => {
      clearInterval(tick);
      clearTimeout(fire);
    };
  }, [dueAt, countAgain]);
  const wait = dueAt === null ? null : Math.max(0, Math.ceil((dueAt - now) / 1000));
  const last = counts.at(-1);
  return (
    <div className="space-y-5 text-sm">
      <p className="text-slate-600">{t('incident.verify.intro')}</p>
      {isAdmin && (
        <div className="rounded-lg border border-slate-200 p-4">
          <p className="text-slate-600">{password ? t('incident.verify.password') : t('incident.verify.noPassword')}</p>
          {!password && (
            <label className="mt-2 block text-xs text-slate-600">
              {t('incident.verify.loginPassword', { user: username })}
              <input
                type="password"
                className="mt-1 block w-full max-w-xs rounded-md border border-slate-300 px-2 py-1 text-sm"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="new-password"
                data-testid="login-password"
              />
            </label>
          )}
          <details className="mt-2">
            <summary className="cursor-pointer text-xs text-slate-600">{t('incident.verify.other')}</summary>
            <div className="mt-2 flex flex-wrap gap-3">
              <label className="text-xs text-slate-600">
                {t('incident.verify.otherUser')}
                <input
                  className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
                  value={other.username}
                  onChange={(e) => setOther((o) => ({ ...o, username: e.target.value }))}
                  autoComplete="off"
                />
              </label>
              <label className="text-xs text-slate-600">
                {t('incident.verify.otherPassword')}
                <input
                  type="password"
                  className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
                  value={other.password}
                  onChange={(e) => setOther((o) => ({ ...o, password: e.target.value }))}
                  autoComplete="new-password"
                />
              </label>
            </div>
          </details>
          <button
            type="button"
            className={`mt-3 ${buttonStyle('primary', { size: 'lg' })}`}
            disabled={probes.isPending}
            onClick={() => probes.mutate()}
            data-testid="run-probes"
          >
            {t('incident.verify.run')}
          </button>
          {probes.isError && <Outcome ok={false}>{errText(probes.error)}</Outcome>}
          {probes.data && (
            <div
              data-testid="probes-result"
              data-passed={probes.data.passed}
              data-total={probes.data.total}
              data-untested={String(probes.data.untested !== null)}
            >
              <Outcome ok={probes.data.passed === probes.data.total}>
                {t('incident.verify.passed', { passed: probes.data.passed, total: probes.data.total })}
              </Outcome>
              {probes.data.untested && (
                <Outcome ok={null} testid="probes-untested">
                  {t('incident.verify.untested', { why: probes.data.untested })}
                </Outcome>
              )}
              <ul className="mt-2 divide-y divide-slate-100">
                {probes.data.runs.map((r) => (
                  <RunView key={`${r.login}-${r.username}`} run={r} />
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      <div className="rounded-lg border border-slate-200 p-4" data-testid="queue-check">
        <button
          type="button"
          className={buttonStyle()}
          disabled={count.isPending || wait !== null}
          onClick={() => {
            setCounts([]);
            count.mutate();
          }}
          data-testid="count-queue"
        >
          {t('incident.verify.queue')}
        </button>
        {count.isError && <Outcome ok={false}>{errText(count.error)}</Outcome>}
        <ul className="mt-2 space-y-1 text-xs text-slate-700">
          {counts.map((c) => (
            <li key={c.at}>
              {t('incident.verify.count', {
                at: f.time(c.at, true),
                total: f.number(c.total),
                fromAccount: f.number(c.fromAccount),
                notHeld: f.number(c.fromAccountNotHeld),
                newSince: f.number(c.newSince),
              })}
            </li>
          ))}
        </ul>
        {wait !== null && <p className="mt-1 text-xs text-slate-500">{t('incident.verify.waiting', { seconds: wait })}</p>}
        {counts.length === 2 && last && (
          <Outcome ok={last.newSince === 0} testid="queue-verdict">
            {last.newSince === 0 ? t('incident.verify.steady') : t('incident.verify.growing', { newSince: f.number(last.newSince) })}
          </Outcome>
        )}
      </div>
    </div>
  );
}
