'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { DISABLE_FLAGS, type MailboxDetail } from '@/lib/mailboxes/schemas';
import { DateText, FlagText, QuotaText, StatusBadge } from '../mailbox-format';

// The read-only cards of the mailbox page: every column of the extmail row,
// in plain words, with the raw value where it helps.

type Props = { box: MailboxDetail };

function Facts({ children }: { children: ReactNode }) {
  // On a phone the label column may take at most 40%, so values keep their words.
  return <dl className="grid grid-cols-[minmax(6rem,40%)_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm sm:grid-cols-[minmax(8rem,auto)_minmax(0,1fr)]">{children}</dl>;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

const mono = 'font-mono text-xs';

export function AccountCard({ box }: Props) {
  const { t } = useT();
  return (
    <Card title={t('mailboxes.detail.account')}>
      <Facts>
        <Fact label={t('mailboxes.detail.username')}>
          <span className={mono}>{box.username}</span>
        </Fact>
        <Fact label={t('mailboxes.detail.name')}>{box.name || <span className="text-slate-400">—</span>}</Fact>
        <Fact label={t('mailboxes.detail.uid')}>
          <span className={mono}>{box.uid}</span>
        </Fact>
        <Fact label={t('mailboxes.detail.status')} testId="mailbox-status">
          <StatusBadge active={box.active} />
        </Fact>
        <Fact label={t('mailboxes.detail.domain')}>
          <Link className="text-brand-700 hover:underline" href={`/mailboxes?domain=${encodeURIComponent(box.domain)}`}>
            {box.domain}
          </Link>
        </Fact>
        <Fact label={t('mailboxes.flag.disablepwdchange')}>
          <FlagText value={box.disablepwdchange} />
        </Fact>
      </Facts>
    </Card>
  );
}

export function StorageCard({ box }: Props) {
  const { t } = useT();
  return (
    <Card title={t('mailboxes.detail.storage')}>
      <Facts>
        <Fact label={t('mailboxes.detail.quota')} testId="mailbox-quota">
          <QuotaText raw={box.quota} />
        </Fact>
        <Fact label={t('mailboxes.detail.netdiskquota')}>
          <QuotaText raw={box.netdiskquota} />
        </Fact>
        <Fact label={t('mailboxes.detail.maildir')}>
          <span className={mono}>{box.maildir}</span>
        </Fact>
        <Fact label={t('mailboxes.detail.homedir')}>
          <span className={mono}>{box.homedir}</span>
        </Fact>
        {box.columns.mailhost && (
          <Fact label={t('mailboxes.detail.mailhost')}>
            <span className={mono}>{box.mailhost || '—'}</span>
          </Fact>
        )}
        <Fact label={t('mailboxes.detail.uidgid')}>
          <span className={mono}>
            {box.uidnumber} / {box.gidnumber}
          </span>
        </Fact>
      </Facts>
    </Card>
  );
}

export function DatesCard({ box, ageText }: Props & { ageText: string | null }) {
  const { t } = useT();
  return (
    <Card title={t('mailboxes.detail.dates')}>
      <Facts>
        <Fact label={t('mailboxes.detail.created')} testId="mailbox-created">
          <DateText date={box.createdate} zero="unknown" />
          {ageText && <span className="ml-2 text-slate-500">({ageText})</span>}
        </Fact>
        <Fact label={t('mailboxes.detail.expires')} testId="mailbox-expires">
          <DateText date={box.expiredate} dateOnly />
          {box.expired && <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800">{t('mailboxes.expired')}</span>}
        </Fact>
      </Facts>
    </Card>
  );
}

export function ServicesCard({ box }: Props) {
  const { t } = useT();
  const d = box.domainInfo;
  return (
    <Card title={t('mailboxes.detail.services')}>
      <p className="mb-3 text-xs text-slate-500">{t('mailboxes.detail.servicesHelp')}</p>
      <table className="w-full text-left text-sm" data-testid="mailbox-services">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="pb-2 pr-3 font-medium" />
            <th className="pb-2 pr-3 font-medium">{t('mailboxes.detail.flagMailbox')}</th>
            {d && <th className="pb-2 font-medium">{t('mailboxes.detail.flagDomain', { domain: d.domain })}</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {DISABLE_FLAGS.map((f) => (
            <tr key={f}>
              <td className="py-1.5 pr-3">
                {t(`mailboxes.flag.${f}`)} <span className="block font-mono text-xs text-slate-400">{f}</span>
              </td>
              <td className="py-1.5 pr-3">
                <FlagText value={box.flags[f]} present={f in box.flags} />
              </td>
              {d && (
                <td className="py-1.5">
                  <FlagText value={d.flags[f]} present={f in d.flags} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {!d && <p className="mt-3 text-sm text-amber-800">{t('mailboxes.detail.domainMissing', { domain: box.domain })}</p>}
      {d && !d.active && <p className="mt-3 text-sm text-amber-800">{t('mailboxes.detail.domainInactive', { domain: d.domain })}</p>}
    </Card>
  );
}

export function AliasesCard({ box }: Props) {
  const { t } = useT();
  return (
    <Card title={t('mailboxes.detail.aliases')}>
      {box.aliases.length === 0 ? (
        <p className="text-sm text-slate-500">{t('mailboxes.detail.aliasesEmpty')}</p>
      ) : (
        <ul className="space-y-2 text-sm" data-testid="mailbox-aliases">
          {box.aliases.map((a) => (
            <li key={a.address}>
              <span className="font-medium">{a.address}</span>
              {!a.active && <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">{t('mailboxes.status.inactive')}</span>}
              <div className="text-xs text-slate-500">
                {t('mailboxes.detail.aliasGoto')} {a.goto.join(', ')}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
