import { requireAdminPage } from '@/lib/auth/page-session';
import { getSettings } from '@/lib/settings';
import { SettingsScreen } from './settings-screen';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requireAdminPage();
  return <SettingsScreen initial={await getSettings()} />;
}
