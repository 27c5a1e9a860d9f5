'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { MailboxLoginHistory } from '@/components/mailbox-login-history';
import { MailboxQueuedMail } from '@/components/mailbox-queued-mail';
import { PageHeader } from '@/components/page-header';
import { ageSince, isOldAccount } from '@/lib/mailboxes/age';
import { mailboxKeys, mailboxPath } from '@/lib/mailboxes/keys';
import type { MailboxDetail } from '@/lib/mailboxes/schemas';
import { fetchJson } from '@/lib/query/fetch-json';
import { AccountCard, AliasesCard, DatesCard, ServicesCard, StorageCard } from './mailbox-facts';
import { ResetPasswordDialog } from './reset-password-dialog';
import { SendingCard } from './sending-card';

export function MailboxScreen({ initial, hosts }: { initial: MailboxDetail; hosts: string[] }) {
  const { t } = useT();
  const query = useQuery({
    queryKey: mailboxKeys.detail(initial.username),
    queryFn: () => fetchJson<MailboxDetail>(mailboxPath(initial.username)),
    initialData: initial,
  });
  const box = query.data;
  const [resetOpen, setResetOpen] = useState(false);
  // Rendered on the server and in the browser: one "now" per mount keeps both the same.
  const [now] = useState(() => new Date());
  const created = box.createdate.iso;
  const age = created ? ageSince(created, now) : null;
  const ageText = age ? t(`mailboxes.detail.${age.unit}Ago`, { count: age.count }) : null;

  return (
    <>
      <Link href="/mailboxes" className="text-sm text-brand-700 hover:underline">
        ← {t('mailboxes.back')}
      </Link>
      <PageHeader
        title={box.username}
        subtitle={box.name || undefined}
        actions={
          <Button kind="primary" onClick={() => setResetOpen(true)} data-testid="reset-password">
            {t('mailboxes.reset.button')}
          </Button>
        }
      />
      {isOldAccount(created, now) && ageText && (
        <p role="status" data-testid="old-account-hint" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t('mailboxes.detail.oldAccount', { age: ageText })}
        </p>
      )}
      {box.clearpwdStored && (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t('mailboxes.detail.clearpwdStored')}
        </p>
      )}
      {query.isError && (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-700">
          {t('mailboxes.loadError', { message: (query.error as Error).message })}
        </p>
      )}
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <AccountCard box={box} />
        <SendingCard box={box} />
        <DatesCard box={box} ageText={ageText} />
        <StorageCard box={box} />
        <ServicesCard box={box} />
        <AliasesCard box={box} />
        <MailboxQueuedMail username={box.username} hosts={hosts} />
      </div>
      <div className="mt-4">
        <MailboxLoginHistory username={box.username} hosts={hosts} />
      </div>
      {resetOpen && <ResetPasswordDialog username={box.username} onClose={() => setResetOpen(false)} />}
    </>
  );
}
