import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

// SMTP AUTH against the lab's Postfix, as the specs that change a password prove it.

const run = promisify(execFile);

/** The seed's md5-crypt hashes (scripts/lab.d/seed.sql), to put the lab back: info123 and 123456. */
export const SEED_HASH = {
  'info@example.com': '$1$RpyMEokE$QNzHVkU3V1Q4rNsHeW1Y/0',
  'test1@example.com': '$1$Mw1Test1$nSSgFBgBFCL/tm8Ih5yXj1',
} as const;

async function swaks(args: string[]): Promise<{ code: number; text: string }> {
  return run('swaks', ['--server', '127.0.0.1:25', ...args], { timeout: 30_000 }).then(
    (r) => ({ code: 0, text: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, text: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
}

/** SMTP AUTH with swaks from a stranger's address; argument array, no shell. */
export async function smtpAuth(user: string, password: string): Promise<{ ok: boolean; reply: string }> {
  const out = await swaks(['--auth', 'LOGIN', '--auth-user', user, `--auth-password=${password}`, '--quit-after', 'AUTH', '-li', '127.0.0.88']);
  // swaks marks replies "<-" (ok) and "<**" (error); keep the AUTH verdict line.
  const reply = out.text.split('\n').find((l) => /^<[-~*]* *(235|535) /.test(l)) ?? out.text.slice(-300);
  return { ok: out.code === 0 && /^<- +235 /m.test(out.text), reply };
}

export type SessionOptions = {
  /** MAIL FROM (and the From header); the login itself by default. */
  from?: string;
  /** Go on to DATA with a spam-like message; otherwise QUIT after RCPT TO. */
  send?: boolean;
  /** The client address, outside mynetworks (127.0.0.0/30). */
  source?: string;
};

/**
 * One session as the stolen login: AUTH PLAIN, MAIL FROM, RCPT TO x@qq.com
 * (and DATA when sending), from a stranger's address. The last reply before
 * QUIT, without swaks' marks: the refusal that ended the session, or the
 * last 250. Nothing answered: "(no reply) …" with the end of swaks' output.
 */
export async function smtpSession(user: string, password: string, opts: SessionOptions = {}): Promise<string> {
  const from = opts.from ?? user;
  const args = ['--auth', 'PLAIN', '--auth-user', user, `--auth-password=${password}`, '--from', from, '--to', 'x@qq.com', '-li', opts.source ?? '127.0.0.88'];
  if (opts.send) args.push('--header', 'Subject: Cheap meds online - no prescription', '--body', 'LIMITED OFFER');
  else args.push('--quit-after', 'RCPT');
  const out = await swaks(args);
  // Final reply lines only ("250-" continues a multi-line reply); the 221 that closes the session is no answer.
  const replies = out.text
    .split('\n')
    .map((l) => /^<[-~*]* +(\d{3} .*)$/.exec(l)?.[1])
    .filter((r): r is string => r !== undefined && !r.startsWith('221'));
  return replies.at(-1) ?? `(no reply) ${out.text.slice(-300)}`;
}
