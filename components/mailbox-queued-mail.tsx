'use client';

import { useQueries } from '@tanstack/react-query';
import Link from 'next/link';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { queueListQuery } from '@/lib/queue/client';

// Queued mail of one SASL user on each host, from the console's queue index
// (as fresh as the last scan), with a link to the filtered queue view.

export function MailboxQueuedMail({ username, hosts }: { username: string; hosts: string[] }) {
  const { t, f } = useT();
  const params = new URLSearchParams({ saslUser: username, pageSize: '1' }).toString();
  const results = useQueries({
    queries: hosts.map((host) => ({
      ...queueListQuery(host, params),
      retry: false,
    })),
  });
  return (
    <Card title={t('mailboxes.detail.queued')}>
      {hosts.length === 0 && <p className="text-sm text-slate-500">{t('hosts.empty')}</p>}
      <ul className="divide-y divide-slate-100 text-sm" data-testid="mailbox-queued-mail">
        {hosts.map((host, i) => {
          const r = results[i];
          const scanned = r?.data && r.data.scan.status !== 'never';
          return (
            <li key={host} className="flex items-center justify-between gap-3 py-2">
              <span className="font-medium text-slate-700">{host}</span>
              {r?.isPending && <span className="text-slate-500">{t('common.loading')}</span>}
              {r?.isError && <span className="text-red-700">{(r.error as Error).message}</span>}
              {r?.data && !scanned && <span className="text-slate-500">{t('mailboxes.detail.queuedNotScanned')}</span>}
              {r?.data && scanned && (
                <Link
                  className="font-semibold text-brand-600 tabular-nums hover:underline"
                  href={`/queue?host=${encodeURIComponent(host)}&saslUser=${encodeURIComponent(username)}`}
                >
                  {t('mailboxes.detail.queuedCount', { count: f.number(r.data.total) })} →
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
