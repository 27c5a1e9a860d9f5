import 'server-only';
import { generateRecoveryCodes, hashRecoveryCode } from '@/lib/auth/crypto/recovery-codes';
import { generateTotpSecret, totpUri, verifyTotp } from '@/lib/auth/crypto/totp';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { seal, unseal } from '@/lib/secrets/seal';

// Enrolling a manager in TOTP: start (secret + recovery codes shown once),
// confirm with a first code (only then is it enforced at sign-in), disable
// with a current code. Stored in Mailwarden's own mw_totp table.

export async function totpStatus(username: string) {
  const row = await db().mwTotp.findUnique({ where: { username } });
  return { enabled: !!row?.enabled, recoveryCodesLeft: row?.enabled ? ((row.recoveryCodes as string[]) ?? []).length : 0 };
}

export async function startTotp(username: string) {
  const existing = await db().mwTotp.findUnique({ where: { username } });
  if (existing?.enabled) throw new AppError('conflict', 'Two-factor sign-in is already on. Turn it off first to enrol a new device.');
  const secret = generateTotpSecret();
  const codes = generateRecoveryCodes(10);
  const data = { secretSealed: seal(secret, env().MW_SECRET_KEY), enabled: false, recoveryCodes: codes.map(hashRecoveryCode), lastStep: BigInt(0) };
  await db().mwTotp.upsert({ where: { username }, create: { username, ...data }, update: data });
  return { secret, uri: totpUri(secret, username), recoveryCodes: codes };
}

async function checkCode(username: string, code: string, mustBeEnabled: boolean) {
  const row = await db().mwTotp.findUnique({ where: { username } });
  if (!row || row.enabled !== mustBeEnabled) {
    throw new AppError('conflict', mustBeEnabled ? 'Two-factor sign-in is not on.' : 'Start the enrolment first.');
  }
  const step = verifyTotp(unseal(row.secretSealed, env().MW_SECRET_KEY), code, { window: 1 });
  if (step === null || BigInt(step) <= row.lastStep) throw new AppError('invalid', 'That code is not valid.');
  return step;
}

export async function confirmTotp(username: string, code: string) {
  const step = await checkCode(username, code, false);
  await db().mwTotp.update({ where: { username }, data: { enabled: true, lastStep: BigInt(step) } });
}

export async function disableTotp(username: string, code: string) {
  await checkCode(username, code, true);
  await db().mwTotp.delete({ where: { username } });
}
