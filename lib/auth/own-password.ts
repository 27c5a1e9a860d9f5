import 'server-only';
import { AppError } from '@/lib/errors';
import { db, extmailDb } from '@/lib/db';
import { checkPasswordStrength, detectScheme, hashPassword, verifyPassword, type HashScheme } from './crypto';
import { credentialStamp, findManagerForLogin } from './managers';
import type { OwnPasswordInput } from './own-password-schema';
import type { Principal } from './principal';

// A manager changes his own extman password. The current one is asked for
// (a stolen session alone cannot lock the owner out); the new hash keeps the
// scheme extman already uses for this account. Other sessions end, because
// their credential stamp no longer matches; this one is re-stamped.

const HASHABLE: HashScheme[] = ['md5-crypt', 'sha256-crypt', 'sha512-crypt'];

export async function changeOwnPassword(principal: Principal, input: OwnPasswordInput): Promise<{ scheme: HashScheme; otherSessionsEnded: number }> {
  const manager = await findManagerForLogin(principal.username);
  if (!manager) throw new AppError('not_found', 'Manager account not found.');
  if (!(await verifyPassword(input.current, manager.passwordHash)).ok) throw new AppError('invalid', 'The current password is not right.');
  const strength = checkPasswordStrength(input.next, { username: principal.username });
  if (!strength.ok) throw new AppError('invalid', strength.messages.join(' '), { reasons: strength.reasons });
  const found: string = detectScheme(manager.passwordHash).scheme;
  const scheme = HASHABLE.find((s) => s === found) ?? 'md5-crypt';
  const hash = await hashPassword(input.next, scheme);
  try {
    await extmailDb().manager.update({ where: { username: principal.username }, data: { password: hash } });
  } catch (err) {
    // The console's extman account is least-privilege (scripts/grants.ts): without
    // UPDATE (password) ON manager this is refused, and the manager should be told why.
    if (/command denied|denied to user/i.test(err instanceof Error ? err.message : '')) {
      throw new AppError(
        'unavailable',
        'The console’s database account may not change manager passwords here (it needs UPDATE (password) ON manager); change it in extman.',
      );
    }
    throw err;
  }
  const stamp = credentialStamp({ passwordHash: hash, active: manager.active, role: manager.role });
  await db().mwSession.updateMany({ where: { id: principal.sessionId }, data: { credentialStamp: stamp } });
  const ended = await db().mwSession.deleteMany({ where: { username: principal.username, NOT: { id: principal.sessionId } } });
  return { scheme, otherSessionsEnded: ended.count };
}
