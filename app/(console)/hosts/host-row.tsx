'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import type { HostTestReport } from '@/lib/hosts/connection-test';
import { hostKeys, hostPath } from '@/lib/hosts/keys';
import type { EnrollOffer } from '@/lib/hosts/enroll-offer';
import type { HostPublic } from '@/lib/hosts/list';
import { fetchJson } from '@/lib/query/fetch-json';
import { EnrollPanel } from './enroll-panel';
import { HostKeyNotice } from './host-key-notice';
import { HostTestPanel } from './host-test-panel';
import { Badge } from './hosts-ui';

// One host: its row in the table, and below it whatever needs the admin's
// eyes — a key to accept, the last test's report, the console's public key.

const COLUMNS = 6;

export function HostRow({ host }: { host: HostPublic }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: hostKeys.all });
  const url = hostPath(host.name);

  const test = useMutation({ mutationFn: () => fetchJson<HostTestReport>(`${url}/test`, { method: 'POST' }), onSettled: refresh });
  const accept = useMutation({
    mutationFn: (fingerprint: string) => fetchJson(`${url}/accept-key`, { method: 'POST', json: { fingerprint } }),
    onSuccess: () => test.reset(),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: () => fetchJson(url, { method: 'DELETE' }), onSuccess: refresh });
  const enroll = useMutation({ mutationFn: () => fetchJson<EnrollOffer>(`${url}/enroll`, { method: 'POST' }) });

  const status = test.isPending ? (
    <Badge tone="muted">{t('hosts.testing')}</Badge>
  ) : host.lastTest ? (
    <span title={host.lastTest.message}>
      <Badge tone={host.lastTest.ok ? 'ok' : 'danger'}>{host.lastTest.ok ? t('hosts.status.ok') : t('hosts.status.failed')}</Badge>
    </span>
  ) : (
    <Badge tone="muted">{t('hosts.status.untested')}</Badge>
  );
  const key =
    host.keyState === 'pinned' && host.hostKeySha256 ? (
      <span className="block max-w-[12rem] truncate font-mono text-xs text-slate-700" title={host.hostKeySha256}>
        {host.hostKeySha256}
      </span>
    ) : host.keyState === 'changed' ? (
      <Badge tone="danger">{t('hosts.key.changed')}</Badge>
    ) : host.keyState === 'pending' ? (
      <Badge tone="warn">{t('hosts.key.pending')}</Badge>
    ) : (
      <span className="text-amber-700">{t('hosts.notPinned')}</span>
    );
  const showDetail = host.keyState === 'pending' || host.keyState === 'changed' || test.data || test.error || accept.error || enroll.data || enroll.error;

  return (
    <>
      <tr data-testid={`host-row-${host.name}`} className="align-middle">
        <td className="py-3 pr-4 font-medium whitespace-nowrap text-slate-900">{host.name}</td>
        <td className="py-3 pr-4 font-mono text-xs">
          {host.address}:{host.port}
        </td>
        <td className="py-3 pr-4">
          {host.username}
          {host.useSudo && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">sudo</span>}
        </td>
        <td className="py-3 pr-4">{key}</td>
        <td className="py-3 pr-4">{status}</td>
        <td className="py-3">
          <div className="flex flex-wrap justify-end gap-2">
            <Button disabled={test.isPending} onClick={() => test.mutate()}>
              {test.isPending ? t('hosts.testing') : t('hosts.test')}
            </Button>
            <Button disabled={enroll.isPending} onClick={() => enroll.mutate()}>
              {t('hosts.enroll.button')}
            </Button>
            <Button kind="danger" disabled={remove.isPending} onClick={() => window.confirm(t('hosts.confirmDelete', { name: host.name })) && remove.mutate()}>
              {t('hosts.delete')}
            </Button>
          </div>
        </td>
      </tr>
      {showDetail && (
        <tr>
          <td colSpan={COLUMNS} className="space-y-3 pb-4">
            <HostKeyNotice host={host} busy={accept.isPending} onAccept={(fp) => accept.mutate(fp)} error={accept.error?.message} />
            {test.error && (
              <p role="alert" className="text-sm text-red-700">
                {test.error.message}
              </p>
            )}
            {test.data && <HostTestPanel report={test.data} />}
            {enroll.data && <EnrollPanel host={host.name} offer={enroll.data} />}
            {enroll.error && (
              <p role="alert" className="text-sm text-red-700">
                {enroll.error.message}
              </p>
            )}
            {remove.error && (
              <p role="alert" className="text-sm text-red-700">
                {remove.error.message}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
