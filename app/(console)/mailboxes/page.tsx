import { Suspense } from 'react';
import { requirePrincipal } from '@/lib/auth/page-session';
import { MailboxesScreen } from './mailboxes-screen';

export const metadata = { title: 'Mailboxes' };

export default async function MailboxesPage() {
  const principal = await requirePrincipal();
  // The screen reads its filters from the URL (useSearchParams).
  return (
    <Suspense>
      <MailboxesScreen isAdmin={principal.role === 'admin'} />
    </Suspense>
  );
}
