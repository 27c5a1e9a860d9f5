import { requireAdminPage } from '@/lib/auth/page-session';
import { WeakPasswordsScreen } from './weak-passwords-screen';

export const metadata = { title: 'Weak passwords' };

export default async function WeakPasswordsPage() {
  await requireAdminPage();
  return <WeakPasswordsScreen />;
}
