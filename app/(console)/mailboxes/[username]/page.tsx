import { notFound } from 'next/navigation';
import { Card } from '@/components/card';
import { errorResponse } from '@/lib/errors';
import { requirePrincipal } from '@/lib/auth/page-session';
import { getMailbox } from '@/lib/mailboxes/verbs';
import { getTranslator } from '@/lib/i18n/server';
import { registeredHostNames } from '@/lib/hosts/registered';
import { parseUsernameSegment } from '@/lib/mailboxes/route-params';
import { MailboxScreen } from './mailbox-screen';

export const metadata = { title: 'Mailbox' };

export default async function MailboxPage({ params }: { params: Promise<{ username: string }> }) {
  const principal = await requirePrincipal();
  const username = parseUsernameSegment((await params).username);
  if (!username) notFound();
  let mailbox;
  try {
    mailbox = await getMailbox(principal, username);
  } catch (err) {
    // The API's own mapper decides what "database down" is; the page says it plainly.
    const res = errorResponse(err);
    if (res.status !== 503) throw err;
    const { t } = await getTranslator();
    const body = (await res.json()) as { error: { message: string } };
    return (
      <Card>
        <p role="alert" className="text-sm text-red-700">
          {t('mailboxes.loadError', { message: body.error.message })}
        </p>
      </Card>
    );
  }
  // Outside a postmaster's domains is the same 404 as not there at all.
  if (!mailbox) notFound();
  return <MailboxScreen initial={mailbox} hosts={await registeredHostNames()} />;
}
