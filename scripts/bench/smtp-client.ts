// A minimal SMTP client for benchmarks: one session, AUTH PLAIN, then N
// transactions (MAIL, RCPT, DATA, a small body, end of data); returns each
// transaction's time in ms from MAIL FROM to the reply after end of data.
// Queue ids from "250 ... queued as X" go to `queued` so the caller can delete them.
import { connect, type Socket } from 'node:net';

type Opts = { port: number; localAddress: string; username: string; password: string; to: string; transactions: number; queued: string[] };

class Replies {
  private buf = '';
  private waiters: ((reply: string) => void)[] = [];
  private ready: string[] = [];
  constructor(sock: Socket) {
    sock.on('data', (d: Buffer) => {
      this.buf += d.toString('latin1');
      // A reply ends with a line "NNN text" (no dash after the code).
      let m: RegExpExecArray | null;
      while ((m = /(^|\n)\d{3} [^\n]*\n/.exec(this.buf))) {
        const end = m.index + m[0].length;
        const reply = this.buf.slice(0, end).trim();
        this.buf = this.buf.slice(end);
        const w = this.waiters.shift();
        if (w) w(reply);
        else this.ready.push(reply);
      }
    });
  }
  next(): Promise<string> {
    const r = this.ready.shift();
    return r !== undefined ? Promise.resolve(r) : new Promise((res) => this.waiters.push(res));
  }
}

export async function smtpSession(o: Opts): Promise<number[]> {
  const sock = connect({ host: '127.0.0.1', port: o.port, localAddress: o.localAddress });
  await new Promise<void>((res, rej) => sock.once('connect', res).once('error', rej));
  sock.setNoDelay(true);
  const replies = new Replies(sock);
  const say = async (line: string, expect: RegExp) => {
    sock.write(line + '\r\n');
    const r = await replies.next();
    if (!expect.test(r)) throw new Error(`SMTP: "${line.split(' ')[0]}" got "${r}"`);
    return r;
  };
  const greeting = await replies.next();
  if (!/^220/.test(greeting)) throw new Error(`SMTP greeting: ${greeting}`);
  await say('EHLO bench.example.com', /^250/);
  await say(`AUTH PLAIN ${Buffer.from(`\0${o.username}\0${o.password}`).toString('base64')}`, /^235/);
  const times: number[] = [];
  for (let i = 0; i < o.transactions; i++) {
    const t = performance.now();
    await say(`MAIL FROM:<${o.username}>`, /^250/);
    await say(`RCPT TO:<${o.to}>`, /^250/);
    await say('DATA', /^354/);
    const end = await say(`Subject: bench ${i}\r\nFrom: <${o.username}>\r\nTo: <${o.to}>\r\n\r\nlatency probe ${i}\r\n.`, /^[245]\d\d/);
    times.push(performance.now() - t);
    const id = /queued as ([0-9A-F]+)/.exec(end)?.[1];
    if (id) o.queued.push(id);
    else throw new Error(`end of data: ${end}`);
  }
  sock.write('QUIT\r\n');
  sock.end();
  return times;
}
