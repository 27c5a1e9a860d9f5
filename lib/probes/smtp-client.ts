import net from 'node:net';
import tls from 'node:tls';
import { ReplyReader, type SmtpReply } from './smtp-reply';
import type { TranscriptLine } from './transcript';

// A minimal SMTP client for probes: one command, one reply, no pipelining.
// It refuses DATA/BDAT outright, so a probe can never send a message.

export type SmtpTarget = { host: string; port: number; localAddress?: string; timeoutMs?: number };

export class SmtpError extends Error {}

const FORBIDDEN = /^(DATA|BDAT)\b/i;

export class SmtpSession {
  readonly transcript: TranscriptLine[] = [];
  private reader = new ReplyReader();
  private replies: SmtpReply[] = [];
  private waiter: { resolve: (r: SmtpReply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  private constructor(
    private socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  static connect(target: SmtpTarget): Promise<SmtpSession> {
    const timeoutMs = target.timeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: target.host, port: target.port, localAddress: target.localAddress });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SmtpError(`no connection to ${target.host}:${target.port} within ${timeoutMs / 1000}s`));
      }, timeoutMs);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new SmtpError(connectMessage(err, target)));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new SmtpSession(socket, timeoutMs));
      });
    });
  }

  private attach(socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      try {
        for (const r of this.reader.feed(chunk)) {
          for (const line of r.raw) this.transcript.push({ dir: 'S', line });
          this.replies.push(r);
        }
      } catch (err) {
        this.fail(err as Error);
      }
      this.wake();
    });
    socket.on('error', (err) => this.fail(new SmtpError(`connection error: ${err.message}`)));
    socket.on('close', () => this.fail(new SmtpError('the server closed the connection')));
  }

  private fail(err: Error) {
    this.failure ??= err;
    this.wake();
  }

  private wake() {
    if (!this.waiter) return;
    const r = this.replies.shift();
    if (r) this.waiter.resolve(r);
    else if (this.failure) this.waiter.reject(this.failure);
    else return;
    this.waiter = null;
  }

  /** The next reply (the greeting first). */
  reply(): Promise<SmtpReply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new SmtpError(`no reply within ${this.timeoutMs / 1000}s`));
      }, this.timeoutMs);
      this.waiter = {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
    });
  }

  /** Sends one command line and waits for its reply. */
  async command(line: string): Promise<SmtpReply> {
    if (/[\r\n]/.test(line)) throw new SmtpError('a command must be one line');
    if (FORBIDDEN.test(line)) throw new SmtpError('probes never send DATA');
    this.transcript.push({ dir: 'C', line });
    this.socket.write(`${line}\r\n`, 'latin1');
    return this.reply();
  }

  /** STARTTLS was accepted: continue on TLS (self-signed certificates are normal on mail hosts). */
  async startTls(servername: string): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: plain, servername: net.isIP(servername) ? undefined : servername, rejectUnauthorized: false }, () => resolve(s));
      s.once('error', reject);
    });
    secure.removeAllListeners('error');
    this.socket = secure;
    this.reader = new ReplyReader();
    this.transcript.push({ dir: 'C', line: '[TLS started]' });
    this.attach(secure);
  }

  /** QUIT politely, then close whatever happens. */
  async close(): Promise<void> {
    try {
      if (!this.failure) await this.command('QUIT');
    } catch {
      // The server may hang up first; nothing to do about it.
    } finally {
      this.socket.destroy();
    }
  }
}

function connectMessage(err: NodeJS.ErrnoException, t: SmtpTarget): string {
  if (err.code === 'EADDRNOTAVAIL' && t.localAddress) return `the probe source address ${t.localAddress} is not an address of the console machine`;
  if (err.code === 'ECONNREFUSED') return `${t.host}:${t.port} refused the connection — is Postfix running?`;
  return `cannot connect to ${t.host}:${t.port}: ${err.message}`;
}
