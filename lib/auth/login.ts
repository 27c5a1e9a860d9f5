import 'server-only';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/record';
import { dummyVerify, verifyPassword } from '@/lib/auth/crypto/password-hash';
import { isExpired } from '@/lib/extman-tables/dates';
import { getSettings } from '@/lib/settings';
import { credentialStamp, findManagerForLogin, managerDomains } from './managers';
import { createSession } from './session';
import { clearFailures, lockedFor, recordFailure, throttleKeys } from './throttle';
import { checkSecondFactor } from './second-factor';

// Sign-in with an extman manager account. Unknown user and wrong password
// answer with the same text after the same kind of work (a dummy hash check),
// so the answer does not reveal which accounts exist.

export type LoginInput = { username: string; password: string; totp?: string };
export type LoginMeta = { clientIp: string; userAgent: string };

const FAILED = 'Wrong account or password.';

// An unknown account is checked against the stored hash of the last account
// that was checked (same scheme, same cost), so it takes as long as a wrong
// password; before any, against a fresh md5-crypt hash, extman's own scheme.
let hashShape: string | undefined;

export async function login(input: LoginInput, meta: LoginMeta) {
  const username = input.username.trim();
  const keys = throttleKeys(meta.clientIp, username);
  const wait = await lockedFor(keys);
  if (wait > 0) {
    await recordAudit({ actor: username, role: 'anonymous', action: 'login.throttled', ok: false, clientIp: meta.clientIp, error: `locked for ${wait}s` });
    throw new AppError('throttled', `Too many failed attempts. Try again in ${wait} seconds.`, { retryAfter: wait }, { 'retry-after': String(wait) });
  }

  const manager = await findManagerForLogin(username);
  const verified = manager ? await verifyPassword(input.password, manager.passwordHash) : await dummyVerify(input.password, hashShape);
  if (manager) hashShape = manager.passwordHash;
  const settings = await getSettings();
  const expired = manager ? isExpired(manager.expires) : false;
  const refused = !manager || !verified.ok || !manager.active || (expired && settings.enforceManagerExpiry);

  if (refused) {
    const locks = await recordFailure(keys);
    const why = !manager ? 'unknown user' : !verified.ok ? 'wrong password' : !manager.active ? 'inactive' : 'expired';
    await recordAudit({ actor: username, role: manager?.role ?? 'anonymous', action: 'login.failure', ok: false, clientIp: meta.clientIp, error: why });
    for (const lock of locks) {
      await recordAudit({
        actor: username,
        role: 'system',
        action: 'login.lock',
        target: lock.key,
        ok: true,
        clientIp: meta.clientIp,
        result: { seconds: lock.seconds },
      });
    }
    throw new AppError('unauthorized', FAILED);
  }

  const second = await checkSecondFactor(manager.username, input.totp);
  if (second === 'required' || second === 'wrong') {
    if (second === 'wrong') {
      await recordFailure(keys);
      await recordAudit({ actor: username, role: manager.role, action: 'login.failure', ok: false, clientIp: meta.clientIp, error: 'wrong second factor' });
    }
    throw new AppError('unauthorized', second === 'required' ? 'Enter the code from your authenticator app.' : 'That code is not valid.', {
      totpRequired: true,
    });
  }

  for (const key of await clearFailures(keys)) {
    await recordAudit({ actor: username, role: 'system', action: 'login.unlock', target: key, ok: true, clientIp: meta.clientIp });
  }
  const session = await createSession({
    username: manager.username,
    role: manager.role,
    credentialStamp: credentialStamp(manager),
    secondFactorOk: second === 'ok',
    clientIp: meta.clientIp,
    userAgent: meta.userAgent,
  });
  await recordAudit({
    actor: manager.username,
    role: manager.role,
    action: 'login.success',
    ok: true,
    clientIp: meta.clientIp,
    result: { scheme: verified.scheme, secondFactor: second },
  });
  return {
    session,
    manager: {
      username: manager.username,
      name: manager.name,
      role: manager.role,
      domains: manager.role === 'admin' ? [] : await managerDomains(manager.username),
    },
    warnings: expired ? [{ code: 'manager_expired', date: manager.expires.iso?.slice(0, 10) ?? '' }] : [],
  };
}
