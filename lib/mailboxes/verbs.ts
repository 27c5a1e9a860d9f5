import 'server-only';
import type { Principal } from '@/lib/auth/principal';
import { extmailDb } from '@/lib/db';
import type { MailboxDetail, MailboxList, MailboxListQuery, PasswordResetInput } from '@/lib/mailboxes/schemas';
import { getSettings } from '@/lib/settings';
import { findMailbox } from '@/lib/extman-tables/mailbox-detail';
import { listMailboxes } from '@/lib/extman-tables/mailbox-list';
import { resetMailboxPassword, setSendingBlocked, type ResetOutcome, type SendingOutcome } from '@/lib/extman-tables/mailbox-write';

// The console's mailbox verbs, bound to the extmail database. The work is done in
// lib/extman-tables' mailbox-* modules (extman's rows), which take the client as a parameter so tests and
// the benchmark can point them at another database.

export function listMailboxesFor(principal: Principal, query: MailboxListQuery): Promise<MailboxList> {
  return listMailboxes(extmailDb(), principal, query);
}

export function getMailbox(principal: Principal, username: string): Promise<MailboxDetail | null> {
  return findMailbox(extmailDb(), principal, username);
}

/** Hashes in the scheme the settings name (md5-crypt unless changed). */
export async function resetPassword(principal: Principal, username: string, input: PasswordResetInput): Promise<ResetOutcome> {
  const { mailboxPasswordScheme } = await getSettings();
  return resetMailboxPassword(extmailDb(), principal, username, input, mailboxPasswordScheme);
}

export function blockSending(principal: Principal, username: string, blocked: boolean): Promise<SendingOutcome> {
  return setSendingBlocked(extmailDb(), principal, username, blocked);
}
