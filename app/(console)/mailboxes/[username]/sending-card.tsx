'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { mailboxKeys, mailboxPath } from '@/lib/mailboxes/keys';
import type { EnforcementReport, MailboxDetail, SendingResult } from '@/lib/mailboxes/schemas';
import { fetchJson } from '@/lib/query/fetch-json';
import { MapBlocksNote } from './map-blocks-note';

// Block / unblock sending. Setting disablesmtpd is the easy half; the card
// only turns green when a lookup on the mail host proved Postfix refuses the
// login. Anything less is said in red or amber.

export function SendingCard({ box }: { box: MailboxDetail }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const hasColumn = box.columns.flags.includes('disablesmtpd');
  const blocked = box.flags.disablesmtpd === true;
  const status = useQuery({
    queryKey: mailboxKeys.sending(box.username),
    queryFn: () => fetchJson<SendingResult>(mailboxPath(box.username, '/sending')),
    // The check runs commands over SSH: only when there is a block to verify.
    enabled: hasColumn && blocked,
    staleTime: 60_000,
  });
  const change = useMutation({
    mutationFn: (next: boolean) => fetchJson<SendingResult>(mailboxPath(box.username, '/sending'), { method: 'POST', json: { blocked: next } }),
    onSuccess: async (result) => {
      queryClient.setQueryData(mailboxKeys.sending(box.username), result);
      await queryClient.invalidateQueries({ queryKey: mailboxKeys.detail(box.username), exact: true });
      await queryClient.invalidateQueries({ queryKey: mailboxKeys.lists() });
    },
  });
  const result = change.data ?? status.data;
  const checking = change.isPending || (blocked && status.isFetching && !result);

  return (
    <Card
      title={t('mailboxes.sending.title')}
      actions={
        status.data && blocked ? (
          <button type="button" className="text-xs text-brand-700 hover:underline" onClick={() => status.refetch()} disabled={status.isFetching}>
            {t('mailboxes.sending.recheck')}
          </button>
        ) : undefined
      }
    >
      {!hasColumn ? (
        <p className="text-sm text-slate-600">{t('mailboxes.sending.noColumn')}</p>
      ) : (
        <div className="space-y-3 text-sm" data-testid="sending-card">
          {!blocked && !change.isPending && <p className="text-slate-700">{t('mailboxes.sending.allowed')}</p>}
          {checking && (
            <p className="text-slate-500" role="status">
              {t('mailboxes.sending.checking')}
            </p>
          )}
          {!checking && result && <Verdict blocked={result.blocked} report={result.enforcement} />}
          {!checking && result && <MapBlocksNote username={box.username} result={result} />}
          {(change.isError || status.isError) && (
            <p role="alert" className="text-red-700">
              {((change.error ?? status.error) as Error).message}
            </p>
          )}
          <Button disabled={change.isPending} onClick={() => change.mutate(!blocked)} data-testid="sending-toggle">
            {change.isPending ? t('mailboxes.sending.working') : blocked ? t('mailboxes.sending.unblock') : t('mailboxes.sending.block')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function Verdict({ blocked, report }: { blocked: boolean; report: EnforcementReport }) {
  const { t } = useT();
  if (!blocked) {
    // Unblocked: only worth a word when Postfix still refuses the login for another reason.
    return report.enforced === true ? <p className="text-amber-800">{t('mailboxes.sending.stillRefused', { evidence: report.evidence })}</p> : null;
  }
  if (report.enforced === true) {
    return (
      <div
        role="status"
        data-testid="enforcement"
        data-enforced="true"
        className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-900"
      >
        <p className="font-medium">{t('mailboxes.sending.enforced')}</p>
        <p className="mt-1 font-mono text-xs break-words">{t('mailboxes.sending.evidence', { evidence: report.evidence })}</p>
        <HostList report={report} />
      </div>
    );
  }
  // Each host is judged on its own answer (issue 16): a host that did not answer is unknown, and never
  // turns the verdict of the hosts that did answer into "can still send".
  const answered = report.hosts.filter((h) => h.enforced !== 'unknown');
  const silent = report.hosts.filter((h) => h.enforced === 'unknown');
  const failing = report.hosts.filter((h) => h.enforced === false);
  if (report.hosts.length > 1 && failing.length === 0 && answered.length > 0 && silent.length > 0) {
    return (
      <div role="status" data-testid="enforcement" data-enforced="partly" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
        <p className="font-medium">
          {t('mailboxes.sending.enforcedSomeUnknown', { answered: answered.map((h) => h.host).join(', '), silent: silent.map((h) => h.host).join(', ') })}
        </p>
        <HostList report={report} />
      </div>
    );
  }
  const red = report.enforced === false || failing.length > 0;
  return (
    <div
      role="alert"
      data-testid="enforcement"
      data-enforced={String(report.enforced)}
      className={`rounded-md border px-3 py-2 ${red ? 'border-red-300 bg-red-50 text-red-900' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
    >
      <p className="font-medium">
        {red
          ? report.hosts.length > 1
            ? t('mailboxes.sending.notEnforcedOn', { hosts: failing.map((h) => h.host).join(', ') })
            : t('mailboxes.sending.notEnforced')
          : t('mailboxes.sending.unknown')}
      </p>
      <p className="mt-1">
        <Link href="/hardening" className="font-medium underline">
          {t('mailboxes.sending.installLink')}
        </Link>
      </p>
      <p className="mt-1 text-xs break-words">{t('mailboxes.sending.reason', { reason: report.reason })}</p>
      <HostList report={report} />
    </div>
  );
}

function HostList({ report }: { report: EnforcementReport }) {
  const { t } = useT();
  if (report.hosts.length < 2) return null;
  return (
    <div className="mt-2 text-xs">
      <div className="font-medium">{t('mailboxes.sending.perHost')}</div>
      <ul className="list-disc pl-5">
        {report.hosts.map((h) => (
          <li key={h.host}>
            <span className="font-medium">{h.host}</span>:{' '}
            {h.enforced === true
              ? t('mailboxes.sending.hostRefuses')
              : h.enforced === false
                ? t('mailboxes.sending.hostSends')
                : t('mailboxes.sending.hostUnknown')}{' '}
            — {h.enforced === true ? h.evidence : h.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
