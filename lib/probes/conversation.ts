import { evaluateProbe, PROBES, type ProbeName, type ProbeOutcome, type ProbeResult } from './probe-defs';
import { SmtpSession, type SmtpTarget } from './smtp-client';
import { authMechanisms, hasExtension, isPositive, type SmtpReply } from './smtp-reply';
import { maskTranscript } from './transcript';

// One probe = one SMTP connection: greeting, EHLO, (STARTTLS,) (AUTH,)
// MAIL FROM, RCPT TO, QUIT. The reply to each step goes into the outcome
// that evaluateProbe() judges.

export type ProbeLogin = { username: string; password: string };

const HELO_NAME = 'probe.mailwarden.invalid';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export async function runProbe(target: SmtpTarget, name: ProbeName, login?: ProbeLogin): Promise<ProbeResult> {
  const spec = PROBES[name];
  const started = Date.now();
  const outcome: ProbeOutcome = {};
  let session: SmtpSession | null = null;
  try {
    if (spec.auth && !login) throw new Error('this probe needs a mailbox login');
    session = await SmtpSession.connect(target);
    outcome.greeting = await session.reply();
    if (outcome.greeting.code !== 220) throw new Error(`the server did not greet with 220 (${outcome.greeting.code})`);
    let ehlo = await expectOk(session, `EHLO ${HELO_NAME}`);
    if (spec.auth && login) {
      if (!authMechanisms(ehlo).length && hasExtension(ehlo, 'STARTTLS')) {
        await expectOk(session, 'STARTTLS');
        await session.startTls(target.host);
        ehlo = await expectOk(session, `EHLO ${HELO_NAME}`);
      }
      outcome.auth = await authenticate(session, authMechanisms(ehlo), login);
      if (outcome.auth.code !== 235) return finish();
    }
    outcome.mail = await session.command(`MAIL FROM:<${spec.mailFrom(login?.username ?? '')}>`);
    if (isPositive(outcome.mail)) outcome.rcpt = await session.command(`RCPT TO:<${spec.rcptTo}>`);
  } catch (err) {
    outcome.error = (err as Error).message;
  }
  return finish();

  async function finish(): Promise<ProbeResult> {
    await session?.close();
    const verdict = evaluateProbe(name, outcome);
    return {
      name,
      ...verdict,
      expectation: spec.expectation,
      transcript: maskTranscript(session?.transcript ?? []),
      durationMs: Date.now() - started,
    };
  }
}

async function expectOk(session: SmtpSession, line: string): Promise<SmtpReply> {
  const r = await session.command(line);
  if (!isPositive(r)) throw new Error(`"${line.split(' ')[0]}" was refused: ${r.code} ${r.lines.join(' ')}`);
  return r;
}

async function authenticate(session: SmtpSession, mechanisms: string[], login: ProbeLogin): Promise<SmtpReply> {
  if (mechanisms.includes('PLAIN')) return session.command(`AUTH PLAIN ${b64(`\0${login.username}\0${login.password}`)}`);
  if (mechanisms.includes('LOGIN')) {
    let r = await session.command('AUTH LOGIN');
    if (r.code !== 334) return r;
    r = await session.command(b64(login.username));
    if (r.code !== 334) return r;
    return session.command(b64(login.password));
  }
  throw new Error(
    mechanisms.length
      ? `the server offers AUTH ${mechanisms.join(' ')} only; probes speak PLAIN and LOGIN`
      : 'the server offers no SMTP AUTH on this connection',
  );
}
