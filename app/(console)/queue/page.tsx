import { PageHeader } from '@/components/page-header';
import { PlannedSection } from '@/components/planned-section';
import { requirePrincipal } from '@/lib/auth/page-session';
import { getTranslator } from '@/lib/i18n/server';

export const metadata = { title: 'Queue' };

export default async function Page() {
  await requirePrincipal();
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('queue.title')} subtitle={t('queue.subtitle')} />
      <PlannedSection
        label={t('common.comingNext')}
        body={t('placeholder.body')}
        items={[
    'Index 300,000 queued messages over SSH in seconds',
    'Facets by SASL user, client IP, sender, recipient domain, reason and age',
    'Open any message: envelope, headers, body shown safely',
    'Hold, release, requeue and delete by filter, previewed and audited',
        ]}
      />
    </>
  );
}
