import { PageHeader } from '@/components/page-header';
import { PlannedSection } from '@/components/planned-section';
import { requirePrincipal } from '@/lib/auth/page-session';
import { getTranslator } from '@/lib/i18n/server';

export const metadata = { title: 'Logs' };

export default async function Page() {
  await requirePrincipal();
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('logs.title')} subtitle={t('logs.subtitle')} />
      <PlannedSection
        label={t('common.comingNext')}
        body={t('placeholder.body')}
        items={[
    'Login history per SASL user, from current and rotated logs',
    'SASL password guessing by IP and by username',
    'Who blocks us: deferrals grouped by remote site and reply',
        ]}
      />
    </>
  );
}
