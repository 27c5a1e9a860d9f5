import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

// SMTP AUTH against the lab's Postfix, as the specs that change a password prove it.

const run = promisify(execFile);

/** The seed's md5-crypt hashes (scripts/lab.d/seed.sql), to put the lab back: info123 and 123456. */
export const SEED_HASH = {
  'info@example.com': '$1$RpyMEokE$QNzHVkU3V1Q4rNsHeW1Y/0',
  'test1@example.com': '$1$Mw1Test1$nSSgFBgBFCL/tm8Ih5yXj1',
} as const;

/** SMTP AUTH with swaks from a stranger's address; argument array, no shell. */
export async function smtpAuth(user: string, password: string): Promise<{ ok: boolean; reply: string }> {
  const args = ['--server', '127.0.0.1:25', '--auth', 'LOGIN', '--auth-user', user, `--auth-password=${password}`, '--quit-after', 'AUTH', '-li', '127.0.0.88'];
  const out = await run('swaks', args, { timeout: 30_000 }).then(
    (r) => ({ code: 0, text: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, text: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
  // swaks marks replies "<-" (ok) and "<**" (error); keep the AUTH verdict line.
  const reply = out.text.split('\n').find((l) => /^<[-~*]* *(235|535) /.test(l)) ?? out.text.slice(-300);
  return { ok: out.code === 0 && /^<- +235 /m.test(out.text), reply };
}
