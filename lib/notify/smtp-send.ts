import net from 'node:net';
import tls from 'node:tls';
import { ReplyReader, type SmtpReply } from '@/lib/probes/smtp-reply';

// Just enough SMTP to hand one message to a relay: EHLO, STARTTLS (or TLS
// from the start), AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, QUIT. A relay that
// was told to use STARTTLS and does not offer it gets nothing: credentials
// never travel in the clear by surprise.

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

class Conversation {
  private reader = new ReplyReader();
  private replies: SmtpReply[] = [];
  private waiter: ((r: SmtpReply | Error) => void) | null = null;
  private failure: Error | null = null;

  constructor(
    public socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  attach(socket: net.Socket) {
    this.socket = socket;
    this.reader = new ReplyReader();
    socket.setEncoding('latin1');
    socket.setTimeout(this.timeoutMs, () => this.fail(new SmtpSendError(`the relay did not answer within ${this.timeoutMs / 1000} s`)));
    socket.on('data', (chunk: string) => {
      try {
        this.replies.push(...this.reader.feed(chunk));
      } catch (err) {
        this.fail(err as Error);
      }
      this.wake();
    });
    socket.on('error', (err) => this.fail(new SmtpSendError(`connection error: ${err.message}`)));
    socket.on('close', () => this.fail(new SmtpSendError('the relay closed the connection')));
  }

  private fail(err: Error) {
    this.failure ??= err;
    this.wake();
  }

  private wake() {
    if (!this.waiter) return;
    const next = this.replies.shift() ?? this.failure;
    if (!next) return;
    const w = this.waiter;
    this.waiter = null;
    w(next);
  }

  reply(): Promise<SmtpReply> {
    return new Promise((resolve, reject) => {
      this.waiter = (r) => (r instanceof Error ? reject(r) : resolve(r));
      this.wake();
    });
  }

  /** Sends a line (or nothing, for the greeting) and wants a reply with one of the codes. */
  async step(line: string | null, ok: number[], what = line?.split(' ')[0] ?? 'greeting'): Promise<SmtpReply> {
    if (line !== null) this.socket.write(`${line}\r\n`);
    const r = await this.reply();
    if (!ok.includes(r.code)) throw new SmtpSendError(`${what} refused: ${r.code} ${r.lines.join(' ').slice(0, 300)}`);
    return r;
  }

  close() {
    this.failure ??= new SmtpSendError('closed');
    this.socket.destroy();
  }
}

function connect(relay: SmtpRelay, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const opts = { host: relay.host, port: relay.port };
    const socket =
      relay.security === 'tls'
        ? tls.connect({ ...opts, servername: net.isIP(relay.host) ? undefined : relay.host, rejectUnauthorized: !relay.allowInvalidCertificate })
        : net.connect(opts);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmtpSendError(`no connection to ${relay.host}:${relay.port} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(new SmtpSendError(`cannot connect to ${relay.host}:${relay.port}: ${err.message}`));
    });
    socket.once(relay.security === 'tls' ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

function upgrade(socket: net.Socket, relay: SmtpRelay): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    socket.removeAllListeners('data');
    socket.removeAllListeners('close');
    socket.removeAllListeners('error');
    const secure = tls.connect({ socket, servername: net.isIP(relay.host) ? undefined : relay.host, rejectUnauthorized: !relay.allowInvalidCertificate });
    secure.once('secureConnect', () => {
      secure.removeAllListeners('error');
      resolve(secure);
    });
    secure.once('error', (err) => reject(new SmtpSendError(`STARTTLS failed: ${err.message}`)));
  });
}

const extensions = (r: SmtpReply) => r.lines.slice(1).map((l) => l.toUpperCase());

/** Dot-stuffing and the final dot (RFC 5321 4.5.2). */
export function dataBlock(message: string): string {
  const body = message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
  return `${body.endsWith('\r\n') ? body : `${body}\r\n`}.\r\n`;
}

export async function sendMail(relay: SmtpRelay, envelope: { from: string; to: string[] }, message: string): Promise<string> {
  const timeoutMs = relay.timeoutMs ?? 20_000;
  const c = new Conversation(await connect(relay, timeoutMs), timeoutMs);
  const helo = relay.heloName ?? 'mailwarden.localdomain';
  try {
    await c.step(null, [220]);
    let ehlo = await c.step(`EHLO ${helo}`, [250]);
    if (relay.security === 'starttls') {
      if (!extensions(ehlo).some((e) => e.startsWith('STARTTLS'))) throw new SmtpSendError('the relay does not offer STARTTLS; refusing to continue in the clear');
      await c.step('STARTTLS', [220]);
      c.attach(await upgrade(c.socket, relay));
      ehlo = await c.step(`EHLO ${helo}`, [250]);
    }
    if (relay.username) {
      const auth = extensions(ehlo).find((e) => e.startsWith('AUTH')) ?? '';
      const password = relay.password ?? '';
      if (/\bPLAIN\b/.test(auth)) {
        await c.step(`AUTH PLAIN ${Buffer.from(`\0${relay.username}\0${password}`).toString('base64')}`, [235], 'AUTH');
      } else if (/\bLOGIN\b/.test(auth)) {
        await c.step('AUTH LOGIN', [334], 'AUTH');
        await c.step(Buffer.from(relay.username).toString('base64'), [334], 'AUTH');
        await c.step(Buffer.from(password).toString('base64'), [235], 'AUTH');
      } else {
        throw new SmtpSendError('the relay offers no AUTH PLAIN or LOGIN');
      }
    }
    await c.step(`MAIL FROM:<${envelope.from}>`, [250]);
    for (const to of envelope.to) await c.step(`RCPT TO:<${to}>`, [250, 251]);
    await c.step('DATA', [354]);
    c.socket.write(dataBlock(message));
    const done = await c.step(null, [250], 'message');
    await c.step('QUIT', [221]).catch(() => undefined);
    return done.lines.join(' ');
  } finally {
    c.close();
  }
}
