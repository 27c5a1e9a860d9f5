import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from './conversation';
import type { ProbeName } from './probe-defs';

// A scripted SMTP server on loopback speaking Postfix's replies: the client
// is exercised over a real socket, and the server records what it received.

type Mode = { mechs: string; mailReply?: string; rcptReply: string };
let mode: Mode;
const received: string[] = [];
let server: net.Server;
let port = 0;

beforeAll(async () => {
  server = net.createServer((sock) => {
    let buf = '';
    let stage = '';
    const answer = (line: string): string => {
      const verb = line.split(/[ :]/)[0]!.toUpperCase();
      if (stage === 'login-user') {
        stage = 'login-pass';
        return '334 UGFzc3dvcmQ6';
      }
      if (stage === 'login-pass') {
        stage = '';
        return Buffer.from(line, 'base64').toString() === 's3cret!' ? '235 2.7.0 Authentication successful' : '535 5.7.8 Error: authentication failed';
      }
      if (verb === 'EHLO') return `250-mail.example.com\r\n250-PIPELINING\r\n${mode.mechs ? `250-AUTH ${mode.mechs}\r\n` : ''}250 DSN`;
      if (line.startsWith('AUTH PLAIN ')) {
        const [, user, pass] = Buffer.from(line.slice(11), 'base64').toString().split('\0');
        return user === 'test1@example.com' && pass === 's3cret!' ? '235 2.7.0 Authentication successful' : '535 5.7.8 Error: authentication failed';
      }
      if (verb === 'AUTH') {
        stage = 'login-user';
        return '334 VXNlcm5hbWU6';
      }
      if (verb === 'MAIL') return mode.mailReply ?? '250 2.1.0 Ok';
      if (verb === 'RCPT') return mode.rcptReply;
      if (verb === 'QUIT') return '221 2.0.0 Bye';
      return '502 5.5.2 Error: command not recognized';
    };
    sock.write('220 mail.example.com ESMTP Postfix\r\n');
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      for (let nl = buf.indexOf('\r\n'); nl >= 0; nl = buf.indexOf('\r\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        received.push(line);
        sock.write(`${answer(line)}\r\n`);
        if (line === 'QUIT') sock.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const login = { username: 'test1@example.com', password: 's3cret!' };
const probe = (name: ProbeName, m: Mode, withLogin = true) => {
  mode = m;
  received.length = 0;
  return runProbe({ host: '127.0.0.1', port, timeoutMs: 3000 }, name, withLogin ? login : undefined);
};
const NOT_OWNED = '553 5.7.1 <test@yahoo.com>: Sender address rejected: not owned by user test1@example.com';

describe('runProbe over a socket', () => {
  it('forged-sender passes on the 553 at RCPT, stops there and never sends DATA', async () => {
    const r = await probe('forged-sender', { mechs: 'PLAIN LOGIN', rcptReply: NOT_OWNED });
    expect(r).toMatchObject({ name: 'forged-sender', passed: true });
    expect(received.map((l) => l.split(/[ :]/)[0])).toEqual(['EHLO', 'AUTH', 'MAIL', 'RCPT', 'QUIT']);
    expect(r.transcript.map((l) => `${l.dir} ${l.line}`)).toContain(`S ${NOT_OWNED}`);
  });

  it('forged-sender passes when the mismatch is refused already at MAIL FROM', async () => {
    const r = await probe('forged-sender', { mechs: 'PLAIN', mailReply: NOT_OWNED, rcptReply: '250 2.1.5 Ok' });
    expect(r.passed).toBe(true);
    expect(received.some((l) => l.startsWith('RCPT'))).toBe(false);
  });

  it('forged-sender fails, and says why, when the forged sender is accepted', async () => {
    const r = await probe('forged-sender', { mechs: 'PLAIN', rcptReply: '250 2.1.5 Ok' });
    expect(r.passed).toBe(false);
    expect(r.note).toMatch(/accepted/);
  });

  it('speaks AUTH LOGIN when PLAIN is not offered, and keeps the password out of the transcript', async () => {
    const r = await probe('own-sender', { mechs: 'LOGIN', rcptReply: '250 2.1.5 Ok' });
    expect(r.passed).toBe(true);
    const text = JSON.stringify(r.transcript);
    expect(text).not.toContain(Buffer.from('s3cret!').toString('base64'));
    expect(text).not.toContain('s3cret!');
    expect(received).toContain(Buffer.from('s3cret!').toString('base64'));
  });

  it('a refused login makes an AUTH probe fail as "proves nothing"', async () => {
    mode = { mechs: 'PLAIN', rcptReply: '250 2.1.5 Ok' };
    const r = await runProbe({ host: '127.0.0.1', port, timeoutMs: 3000 }, 'blocked-login', { username: 'test1@example.com', password: 'wrong' });
    expect(r.passed).toBe(false);
    expect(r.note).toMatch(/login was refused \(535/);
  });

  it('relay passes on "454 4.7.1 ... Relay access denied" without any AUTH', async () => {
    const r = await probe('relay', { mechs: 'PLAIN', rcptReply: '454 4.7.1 <mailwarden-probe@example.net>: Relay access denied' }, false);
    expect(r.passed).toBe(true);
    expect(received.some((l) => l.startsWith('AUTH'))).toBe(false);
  });

  it('blocked-login passes on the check_sasl_access reply', async () => {
    const r = await probe('blocked-login', {
      mechs: 'PLAIN',
      rcptReply: '554 5.7.1 <test1@example.com>: SASL login name rejected: sending disabled for this account',
    });
    expect(r.passed).toBe(true);
  });

  it('reports a closed port as a failed probe with the reason', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const freePort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await runProbe({ host: '127.0.0.1', port: freePort, timeoutMs: 3000 }, 'relay');
    expect(r.passed).toBe(false);
    expect(r.note).toMatch(/refused the connection/);
  });
});
