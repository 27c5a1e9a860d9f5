import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendMail } from './smtp-send';

// A tiny SMTP server in the test: it records what the client said and
// answers like Postfix would. Enough to pin the client's side of the dialogue.
type Script = { starttls?: boolean; auth?: string; rejectRcpt?: boolean };

function fakeServer(script: Script) {
  const said: string[] = [];
  let data = '';
  const server = net.createServer((sock) => {
    sock.setEncoding('latin1');
    let inData = false;
    let buf = '';
    sock.write('220 relay.test ESMTP\r\n');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      for (let nl = buf.indexOf('\r\n'); nl >= 0; nl = buf.indexOf('\r\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            sock.write('250 2.0.0 Ok: queued as 4ABCDE\r\n');
          } else data += `${line}\n`;
          continue;
        }
        said.push(line);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO')
          sock.write(`250-relay.test\r\n${script.starttls ? '250-STARTTLS\r\n' : ''}${script.auth ? `250-AUTH ${script.auth}\r\n` : ''}250 8BITMIME\r\n`);
        else if (verb === 'AUTH' && line.startsWith('AUTH PLAIN ')) sock.write('235 2.7.0 Authentication successful\r\n');
        else if (line === 'AUTH LOGIN') sock.write('334 VXNlcm5hbWU6\r\n');
        else if (said.at(-2) === 'AUTH LOGIN') sock.write('334 UGFzc3dvcmQ6\r\n');
        else if (said.at(-3) === 'AUTH LOGIN') sock.write('235 2.7.0 Authentication successful\r\n');
        else if (verb === 'MAIL') sock.write('250 2.1.0 Ok\r\n');
        else if (verb === 'RCPT') sock.write(script.rejectRcpt ? '554 5.7.1 <x>: Relay access denied\r\n' : '250 2.1.5 Ok\r\n');
        else if (verb === 'DATA') {
          inData = true;
          sock.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') sock.end('221 2.0.0 Bye\r\n');
        else sock.write('502 5.5.2 Error: command not recognized\r\n');
      }
    });
  });
  return new Promise<{ port: number; said: string[]; data: () => string; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, said, data: () => data, close: () => server.close() })),
  );
}

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('sendMail', () => {
  it('authenticates with PLAIN, names every recipient and sends the message dot-stuffed', async () => {
    const s = await fakeServer({ auth: 'LOGIN PLAIN' });
    close = s.close;
    const reply = await sendMail(
      { host: '127.0.0.1', port: s.port, security: 'none', username: 'alerts@corp.test', password: 'pw' },
      { from: 'alerts@corp.test', to: ['a@corp.test', 'b@corp.test'] },
      'Subject: x\r\n\r\n.hidden dot\r\nend\r\n',
    );
    expect(reply).toContain('queued as 4ABCDE');
    expect(s.said).toEqual([
      'EHLO mailwarden.localdomain',
      `AUTH PLAIN ${Buffer.from('\0alerts@corp.test\0pw').toString('base64')}`,
      'MAIL FROM:<alerts@corp.test>',
      'RCPT TO:<a@corp.test>',
      'RCPT TO:<b@corp.test>',
      'DATA',
      'QUIT',
    ]);
    expect(s.data()).toBe('Subject: x\n\n..hidden dot\nend\n');
  });

  it('falls back to AUTH LOGIN when PLAIN is not offered', async () => {
    const s = await fakeServer({ auth: 'LOGIN' });
    close = s.close;
    await sendMail({ host: '127.0.0.1', port: s.port, security: 'none', username: 'u', password: 'p' }, { from: 'a@b.test', to: ['c@d.test'] }, 'x\r\n');
    expect(s.said.slice(1, 4)).toEqual(['AUTH LOGIN', Buffer.from('u').toString('base64'), Buffer.from('p').toString('base64')]);
  });

  it('refuses to go on in the clear when STARTTLS was asked for and is not offered', async () => {
    const s = await fakeServer({ auth: 'PLAIN' });
    close = s.close;
    await expect(
      sendMail({ host: '127.0.0.1', port: s.port, security: 'starttls', username: 'u', password: 'p' }, { from: 'a@b.test', to: ['c@d.test'] }, 'x'),
    ).rejects.toThrow(/does not offer STARTTLS/);
    expect(s.said.some((l) => l.startsWith('AUTH'))).toBe(false);
  });

  it('reports the relay’s refusal', async () => {
    const s = await fakeServer({ rejectRcpt: true });
    close = s.close;
    await expect(sendMail({ host: '127.0.0.1', port: s.port, security: 'none' }, { from: 'a@b.test', to: ['c@d.test'] }, 'x')).rejects.toThrow(
      /RCPT refused: 554 5.7.1/,
    );
  });

  it('ends the data with a lone dot', async () => {
    const s = await fakeServer({});
    close = s.close;
    expect(await sendMail({ host: '127.0.0.1', port: s.port, security: 'none' }, { from: 'a@b.test', to: ['c@d.test'] }, 'a\n.b')).toContain('queued as');
    expect(s.data()).toBe('a\n..b\n');
  });
});
