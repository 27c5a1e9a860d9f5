import net from 'node:net';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

// One message to a relay, through nodemailer's SMTP client: EHLO, STARTTLS
// (or TLS from the start), AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, QUIT. A relay
// that was told to use STARTTLS and does not offer it gets nothing:
// credentials never travel in the clear by surprise (requireTLS). Errors are
// worded as the delivery page has always shown them.

export type SmtpRelay = {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  allowInvalidCertificate?: boolean;
  username?: string;
  password?: string;
  heloName?: string;
  timeoutMs?: number;
};

export class SmtpSendError extends Error {}

type NodemailerError = Error & { code?: string; command?: string; response?: string; responseCode?: number };

function sendError(err: NodemailerError, relay: SmtpRelay, timeoutMs: number): SmtpSendError {
  const verb = err.command?.split(/[\s:]/)[0]?.toUpperCase();
  if (err.code === 'ETLS' && verb === 'STARTTLS') return new SmtpSendError('the relay does not offer STARTTLS; refusing to continue in the clear');
  if (err.code === 'ETIMEDOUT') return new SmtpSendError(`the relay did not answer within ${timeoutMs / 1000} s`);
  if (err.code === 'ESOCKET' || err.code === 'ECONNECTION' || err.code === 'EDNS') {
    return new SmtpSendError(`cannot connect to ${relay.host}:${relay.port}: ${err.message}`);
  }
  if (err.response)
    return new SmtpSendError(
      `${verb === 'RCPT' || verb === 'MAIL' || verb === 'AUTH' || verb === 'DATA' ? verb : (verb ?? 'message')} refused: ${err.response.slice(0, 300)}`,
    );
  return new SmtpSendError(err.message);
}

/** Sends a finished RFC 5322 message; returns the relay's final reply ("250 2.0.0 Ok: queued as ..."). */
export async function sendMail(relay: SmtpRelay, envelope: { from: string; to: string[] }, message: string): Promise<string> {
  const timeoutMs = relay.timeoutMs ?? 20_000;
  const conn = new SMTPConnection({
    host: relay.host,
    port: relay.port,
    secure: relay.security === 'tls',
    requireTLS: relay.security === 'starttls',
    ignoreTLS: relay.security === 'none',
    name: relay.heloName ?? 'mailwarden.localdomain',
    tls: { rejectUnauthorized: !relay.allowInvalidCertificate, ...(net.isIP(relay.host) ? {} : { servername: relay.host }) },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  // The client reports most failures as an 'error' event, not through the callback of the step.
  let failed: (err: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  failure.catch(() => undefined);
  conn.on('error', (err: Error) => failed(err));
  const step = <T>(run: (cb: (err: Error | null | undefined, v?: T) => void) => void) =>
    Promise.race([failure, new Promise<T>((resolve, reject) => run((err, v) => (err ? reject(err) : resolve(v as T))))]);
  try {
    await step<void>((cb) => conn.connect((err) => cb(err)));
    if (relay.username) await step<boolean>((cb) => conn.login({ user: relay.username!, pass: relay.password ?? '' }, cb));
    const info = await step<{ response: string }>((cb) => conn.send(envelope, message, cb));
    // QUIT and wait for the relay to hang up (briefly), as a polite client does.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2_000);
      conn.once('end', () => (clearTimeout(timer), resolve()));
      conn.quit();
    });
    return info.response;
  } catch (err) {
    throw sendError(err as NodemailerError, relay, timeoutMs);
  } finally {
    conn.close();
  }
}
