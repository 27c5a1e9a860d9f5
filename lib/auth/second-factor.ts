import 'server-only';
import { hashRecoveryCode, normaliseRecoveryCode } from '@/lib/auth/crypto/recovery-codes';
import { verifyTotp } from '@/lib/auth/crypto/totp';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { unseal } from '@/lib/secrets/seal';

// The optional TOTP second factor. 'none' = not enrolled. A recovery code
// works once; a TOTP time step works once (no replay within its window).

export type SecondFactorResult = 'none' | 'ok' | 'required' | 'wrong';

export async function checkSecondFactor(username: string, code: string | undefined): Promise<SecondFactorResult> {
  const enrolment = await db().mwTotp.findUnique({ where: { username } });
  if (!enrolment?.enabled) return 'none';
  const given = code?.trim();
  if (!given) return 'required';

  if (/^\d{6}$/.test(given)) {
    const secret = unseal(enrolment.secretSealed, env().MW_SECRET_KEY);
    const step = verifyTotp(secret, given, { window: 1 });
    if (step === null || BigInt(step) <= enrolment.lastStep) return 'wrong';
    // Conditional update: two racing requests cannot both use the same step.
    const used = await db().mwTotp.updateMany({
      where: { username, lastStep: { lt: BigInt(step) } },
      data: { lastStep: BigInt(step) },
    });
    return used.count === 1 ? 'ok' : 'wrong';
  }

  const hash = hashRecoveryCode(normaliseRecoveryCode(given));
  const codes = (enrolment.recoveryCodes as string[] | null) ?? [];
  if (!codes.includes(hash)) return 'wrong';
  await db().mwTotp.update({ where: { username }, data: { recoveryCodes: codes.filter((c) => c !== hash) } });
  return 'ok';
}
