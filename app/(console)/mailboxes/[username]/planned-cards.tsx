'use client';

import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';

// Placeholders the maillog and queue views will fill: marked as such, so
// nobody reads an empty card as "no logins" or "nothing queued".
export function PlannedCards() {
  const { t } = useT();
  const badge = <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-500">{t('mailboxes.detail.planned')}</span>;
  return (
    <>
      <Card title={t('mailboxes.detail.loginHistory')} actions={badge}>
        <p className="text-sm text-slate-500" data-testid="login-history-placeholder">{t('mailboxes.detail.loginHistoryEmpty')}</p>
      </Card>
      <Card title={t('mailboxes.detail.queued')} actions={badge}>
        <p className="text-sm text-slate-500" data-testid="queued-placeholder">{t('mailboxes.detail.queuedEmpty')}</p>
      </Card>
    </>
  );
}
