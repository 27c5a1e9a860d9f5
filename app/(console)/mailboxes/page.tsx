import { PageHeader } from '@/components/page-header';
import { PlannedSection } from '@/components/planned-section';
import { requirePrincipal } from '@/lib/auth/page-session';
import { getTranslator } from '@/lib/i18n/server';

export const metadata = { title: 'Mailboxes' };

export default async function Page() {
  await requirePrincipal();
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('mailboxes.title')} subtitle={t('mailboxes.subtitle')} />
      <PlannedSection
        label={t('common.comingNext')}
        body={t('placeholder.body')}
        items={[
    'Search 100,000 mailboxes by address, name, domain and flags',
    'Reset a stolen password (md5-crypt), shown once',
    'Block sending, enforced by Postfix and proven by a live SMTP AUTH',
        ]}
      />
    </>
  );
}
