import { requirePrincipal } from '@/lib/auth/page-session';
import { AccountScreen } from './account-screen';

export const metadata = { title: 'My account' };

export default async function AccountPage() {
  const principal = await requirePrincipal();
  return <AccountScreen username={principal.username} />;
}
