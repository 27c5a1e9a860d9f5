import { requireAdminPage } from '@/lib/auth/page-session';
import { listHostsPublic } from '@/lib/hosts/list';
import { HostsScreen } from './hosts-screen';

export const metadata = { title: 'Hosts' };

export default async function HostsPage() {
  await requireAdminPage();
  return <HostsScreen initialHosts={await listHostsPublic()} />;
}
