import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { linesOf, ScanDecoder, unescapeField } from './scan-protocol';
import { StringPool } from './string-pool';
import { reasonClass } from './reason-class';

describe('ScanDecoder', () => {
  it('resolves string ids of several workers to one pool', () => {
    const pool = new StringPool();
    const dec = new ScanDecoder(pool);
    const events = [
      '#hello mw-queue-scan 1 full 2 /var/spool/postfix',
      '#s 0 info@example.com',
      '#s 1 qq.com',
      '#s 3 info@example.com',
      'deferred\t3A37617D77B\t1795900999\t1795722555\t3996\t0\t\t0\t\t\t\t4\t1=4\t\t',
      'hold\t3A37617D77C\t1795900999\t1795722555\t10\t3\t\t3\t\t\t\t0\t\t\tunreadable',
    ].map((l) => dec.decode(l));
    expect(events[0]).toEqual({ kind: 'hello', version: 1, mode: 'full', workers: 2, queueDir: '/var/spool/postfix' });
    const rows = events.filter((e) => e?.kind === 'row').map((e) => (e as { row: { sender: number; domains: number[]; unreadable?: boolean } }).row);
    expect(rows[0]!.sender).toBe(rows[1]!.sender);
    expect(pool.get(rows[0]!.sender)).toBe('info@example.com');
    expect(rows[0]!.domains.map((x, i) => (i % 2 ? x : pool.get(x)))).toEqual(['qq.com', 4]);
    expect(rows[1]!.unreadable).toBe(true);
  });

  it('reports malformed lines instead of throwing', () => {
    const dec = new ScanDecoder(new StringPool());
    expect(dec.decode('deferred\tnot-an-id\t1\t1\t1\t\t\t\t\t\t\t0\t\t\t')?.kind).toBe('bad');
    expect(dec.decode('garbage')?.kind).toBe('bad');
    expect(dec.decode('#moved deferred ../etc 5')?.kind).toBe('bad');
    expect(dec.decode('#error deferred 3A37617D77B truncated record at offset 9')).toEqual({
      kind: 'error',
      queue: 'deferred',
      id: '3A37617D77B',
      reason: 'truncated record at offset 9',
    });
    expect(dec.decode('#done 10 9 1')).toEqual({ kind: 'done', seen: 10, parsed: 9, errors: 1 });
  });

  it('unescapes tabs, newlines and backslashes', () => {
    expect(unescapeField('a\\tb\\nc\\\\d')).toBe('a\tb\nc\\d');
  });
});

describe('linesOf', () => {
  it('joins lines split across chunks, including a split UTF-8 character', async () => {
    const bytes = Buffer.from('one\ntwo 中\nthree', 'utf8');
    const chunks = [bytes.subarray(0, 6), bytes.subarray(6, 10), bytes.subarray(10)];
    const out: string[] = [];
    for await (const l of linesOf(Readable.from(chunks))) out.push(l);
    expect(out).toEqual(['one', 'two 中', 'three']);
  });
});

describe('reasonClass', () => {
  it('groups the same provider reply across MX hosts, IPs and suspension', () => {
    const a = reasonClass(
      'host mta5.am0.yahoodns.net[66.94.237.139] refused to talk to me: 421 4.7.1 [TS03] All messages from 127.0.0.1 will be permanently deferred',
    );
    const b = reasonClass(
      'delivery temporarily suspended: host mta7.am0.yahoodns.net[98.136.96.74] refused to talk to me: 421 4.7.1 [TS03] All messages from 127.0.0.1 will be permanently deferred',
    );
    expect(a).toBe(b);
    expect(a).toBe('host *.yahoodns.net[<ip>] refused to talk to me: 421 4.7.1 [TS03] All messages from <ip> will be permanently deferred');
  });

  it('strips recipient addresses and keeps different replies apart', () => {
    const a = reasonClass('host x.qq.com[1.1.1.1] said: 550 <u1@qq.com>: mailbox unavailable');
    expect(a).toBe(reasonClass('host x.qq.com[2.2.2.2] said: 550 <u2@qq.com>: mailbox unavailable'));
    expect(a).not.toBe(reasonClass('host x.qq.com[2.2.2.2] said: 554 spam'));
  });
});
