import { Prisma } from '@/lib/generated/prisma/client';
import { AppError, notFound } from '@/lib/errors';
import { canAccessAddress, canAccessDomain } from '@/lib/auth/principal';
import { checkPasswordStrength, generatePassword, hashPassword, type HashScheme } from '@/lib/auth/crypto';
import type { PasswordResetInput } from '@/lib/mailboxes/schemas';
import { columnsOf, type ExtmailClient } from './mailbox-client';
import type { Scope } from './mailbox-sql';

// The two writes Mailwarden makes to extmail's mailbox table. Each is one
// UPDATE statement: extmail's tables are MyISAM, so there is no transaction
// to roll back, and a half-written reset (new hash, old clear-text copy)
// must be impossible by construction.

type Target = { username: string; domain: string; clearpwdStored: boolean };

async function target(client: ExtmailClient, scope: Scope, username: string, hasClearpwd: boolean): Promise<Target> {
  if (!canAccessAddress(scope, username)) throw notFound('Mailbox');
  const stored = hasClearpwd ? Prisma.sql`(clearpwd <> '')` : Prisma.sql`0`;
  const [row] = await client.$queryRaw<{ username: string; domain: string; stored: number | bigint }[]>(
    Prisma.sql`SELECT username, domain, ${stored} AS stored FROM mailbox WHERE username = ${username}`,
  );
  if (!row || !canAccessDomain(scope, row.domain)) throw notFound('Mailbox');
  return { username: row.username, domain: row.domain, clearpwdStored: Number(row.stored) === 1 };
}

export type ResetOutcome = { username: string; domain: string; password?: string; generated: boolean; clearpwdErased: boolean; scheme: HashScheme };

export async function resetMailboxPassword(
  client: ExtmailClient,
  scope: Scope,
  username: string,
  input: PasswordResetInput,
  scheme: HashScheme,
): Promise<ResetOutcome> {
  const hasClearpwd = (await columnsOf(client, 'mailbox')).has('clearpwd');
  const box = await target(client, scope, username, hasClearpwd);
  const generated = 'generate' in input;
  const password = generated ? strongGenerated(box.username) : input.password;
  if (!generated) {
    const strength = checkPasswordStrength(password, { username: box.username });
    if (!strength.ok) {
      throw new AppError('invalid', `The password is too weak: ${strength.messages.join(' ')}`, { reasons: strength.reasons, messages: strength.messages });
    }
  }
  const hash = await hashPassword(password, scheme);
  // Hash and clear-text erasure in the same statement: both happen or neither.
  const clear = hasClearpwd ? Prisma.sql`, clearpwd = ''` : Prisma.empty;
  await client.$executeRaw(Prisma.sql`UPDATE mailbox SET password = ${hash}${clear} WHERE username = ${box.username}`);
  return {
    username: box.username,
    domain: box.domain,
    ...(generated ? { password } : {}),
    generated,
    clearpwdErased: box.clearpwdStored,
    scheme,
  };
}

function strongGenerated(username: string): string {
  // A random 16-character password passes the policy except by freak chance
  // (say, the mailbox name spelled out in it); draw again then.
  for (;;) {
    const pw = generatePassword(16);
    if (checkPasswordStrength(pw, { username }).ok) return pw;
  }
}

export type SendingOutcome = { username: string; domain: string; blocked: boolean; wasBlocked: boolean | null };

/** Sets extman's disablesmtpd; whether Postfix obeys it is checked elsewhere (lib/mailboxes/sending-enforcement). */
export async function setSendingBlocked(client: ExtmailClient, scope: Scope, username: string, blocked: boolean): Promise<SendingOutcome> {
  const columns = await columnsOf(client, 'mailbox');
  const box = await target(client, scope, username, false);
  if (!columns.has('disablesmtpd')) {
    throw new AppError('conflict', 'This extman database has no disablesmtpd column (extman before 0.2.0); upgrade its schema first.');
  }
  const [before] = await client.$queryRaw<{ v: number | bigint | null }[]>(Prisma.sql`SELECT disablesmtpd AS v FROM mailbox WHERE username = ${box.username}`);
  await client.$executeRaw(Prisma.sql`UPDATE mailbox SET disablesmtpd = ${blocked ? 1 : 0} WHERE username = ${box.username}`);
  const was = before?.v;
  return { username: box.username, domain: box.domain, blocked, wasBlocked: was === null || was === undefined ? null : Number(was) === 1 };
}
