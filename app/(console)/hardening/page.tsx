import { requireAdminPage } from '@/lib/auth/page-session';
import { listHostsPublic } from '@/lib/hosts/list';
import { HardeningScreen } from './hardening-screen';

export const metadata = { title: 'Hardening' };

export default async function HardeningPage() {
  await requireAdminPage();
  const hosts = (await listHostsPublic()).map((h) => h.name);
  return <HardeningScreen hosts={hosts} />;
}
