import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '@/lib/postfix/message-body';
import { encodeRecord, formatPointer, formatSizeRecord, parseQueueEnvelope, parseQueueFile, readRecord } from './queue-file';

const CORPUS = path.resolve(__dirname, '../../../shared/corpora/queue-files/postfix-src-cleanup-testdata');

// A queue file shaped like the seed incident's 2FDF423FA50: an authenticated
// spammer with a forged sender, three recipients, one extracted Bcc.
function seedLike(): { buf: Buffer; arrival: number } {
  const arrival = 1351059487;
  const rcpt = (a: string) => [encodeRecord('A', `dsn_orig_rcpt=rfc822;${a}`), encodeRecord('O', a), encodeRecord('R', a)];
  const envelope = [
    encodeRecord('T', `${arrival} 417000`),
    encodeRecord('A', `create_time=${arrival + 1}`),
    encodeRecord('A', 'log_ident=2FDF423FA50'),
    encodeRecord('A', 'rewrite_context=remote'),
    encodeRecord('A', 'sasl_method=LOGIN'),
    encodeRecord('A', 'sasl_username=info@example.com'),
    encodeRecord('S', 'lindawatts101@yahoo.com.hk'),
    encodeRecord('A', 'log_client_address=68.167.29.196'),
    encodeRecord('A', 'reverse_client_name=h-68-167-29-196.mclnva23.static.covad.net'),
    encodeRecord('A', 'client_address=68.167.29.196'),
    encodeRecord('A', 'helo_name=User'),
    encodeRecord('A', 'protocol_name=ESMTP'),
    ...rcpt('ajagoodin@yahoo.com'),
    ...rcpt('ajagostinelli@cox.net'),
    encodeRecord('D', 'ajagra2001@yahoo.com'),
    encodeRecord('M'),
  ];
  const content = Buffer.concat([
    encodeRecord('N', 'Subject: =?gb2312?B?xOO6ww==?='),
    encodeRecord('N', 'From: <lindawatts101@yahoo.com.hk>'),
    encodeRecord('N', ''),
    encodeRecord('L', 'a line split over '),
    encodeRecord('N', 'two records'),
  ]);
  const tail = [encodeRecord('X'), encodeRecord('R', 'bcc@example.net'), encodeRecord('E')];
  // The C record is fixed width, so its own length is known before the offsets are.
  const sizeLen = encodeRecord('C', formatSizeRecord([0, 0, 0, 0, 0, 0])).length;
  const dataOffset = sizeLen + Buffer.concat(envelope).length;
  const size = encodeRecord('C', formatSizeRecord([content.length, dataOffset, 3, 0, content.length, 0]));
  return { buf: Buffer.concat([size, ...envelope, content, ...tail]), arrival };
}

describe('records', () => {
  it('encodes lengths in 7-bit groups, low group first', () => {
    expect([...encodeRecord('N', 'x'.repeat(300)).subarray(0, 3)]).toEqual([0x4e, 0xac, 0x02]);
    const r = readRecord(encodeRecord('S', 'a'.repeat(20000)), 0);
    expect(typeof r === 'string' ? r : r.end - r.start).toBe(20000);
  });

  it('round-trips binary data and any record type byte', () => {
    const data = Buffer.from([0, 255, 10, 13, 0x80]);
    const rec = encodeRecord(0x2f, data);
    const r = readRecord(rec, 0);
    if (typeof r === 'string') throw new Error(r);
    expect(r.type).toBe('/');
    expect(rec.subarray(r.start, r.end)).toEqual(data);
  });

  it('rejects record types outside a byte', () => {
    expect(() => encodeRecord(256)).toThrow(RangeError);
  });

  it('tells pending, delivered and canceled recipients apart', () => {
    const f = Buffer.concat(['R', 'D', '/'].map((t, i) => encodeRecord(t, `r${i}@x`)).concat([encodeRecord('M'), encodeRecord('X'), encodeRecord('E')]));
    expect(parseQueueFile(Buffer.concat([encodeRecord('T', '1'), f])).envelope.recipients.map((r) => r.status)).toEqual(['pending', 'done', 'canceled']);
  });

  it('follows pointer records into the heap after the end marker and back', () => {
    // What cleanup does when a milter adds a recipient and replaces a header:
    // the dummy pointer is patched to point past E, and the heap points back.
    const part1 = Buffer.concat([encodeRecord('T', '1'), encodeRecord('S', 's@x'), encodeRecord('R', 'first@x')]);
    const ptrAt = part1.length;
    const ptrLen = encodeRecord('p', formatPointer(0)).length;
    const back1 = ptrAt + ptrLen;
    const part2 = Buffer.concat([encodeRecord('M'), encodeRecord('N', 'Subject: old')]);
    const ptr2At = back1 + part2.length;
    const back2 = ptr2At + ptrLen;
    const part3 = Buffer.concat([encodeRecord('N', ''), encodeRecord('N', 'body'), encodeRecord('X'), encodeRecord('E')]);
    const heap1 = back2 + part3.length;
    const heap1Recs = Buffer.concat([encodeRecord('R', 'added@x'), encodeRecord('p', formatPointer(back1))]);
    const heap2 = heap1 + heap1Recs.length;
    const file = Buffer.concat([
      part1,
      encodeRecord('p', formatPointer(heap1)),
      part2,
      encodeRecord('p', formatPointer(heap2)),
      part3,
      heap1Recs,
      encodeRecord('N', 'X-Added: yes'),
      encodeRecord('p', formatPointer(back2)),
    ]);
    const r = parseQueueFile(file, { content: true });
    expect(r.errors).toEqual([]);
    expect(r.envelope.recipients.map((x) => x.address)).toEqual(['first@x', 'added@x']);
    expect(r.headerLines).toEqual(['Subject: old', 'X-Added: yes']);
    expect(r.body).toBe('body');
  });
});

describe('a seed-like queue file', () => {
  const { buf, arrival } = seedLike();

  it('yields the envelope an incident needs', () => {
    const r = parseQueueFile(buf, { queue: 'deferred' });
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    const e = r.envelope;
    expect(e.queueId).toBe('2FDF423FA50');
    expect(e.queue).toBe('deferred');
    expect(e.sender).toBe('lindawatts101@yahoo.com.hk');
    expect(e.saslMethod).toBe('LOGIN');
    expect(e.saslUsername).toBe('info@example.com');
    expect(e.clientAddress).toBe('68.167.29.196');
    expect(e.logClientAddress).toBe('68.167.29.196');
    expect(e.reverseClientName).toBe('h-68-167-29-196.mclnva23.static.covad.net');
    expect(e.heloName).toBe('User');
    expect(e.protocol).toBe('ESMTP');
    expect(e.arrivalTime?.getTime()).toBe(arrival * 1000 + 417);
    expect(e.createTime?.getTime()).toBe((arrival + 1) * 1000);
    expect(e.attributes).not.toHaveProperty('dsn_orig_rcpt');
    expect(e.attributes.rewrite_context).toBe('remote');
    expect(e.recipients).toEqual([
      { address: 'ajagoodin@yahoo.com', original: 'ajagoodin@yahoo.com', dsnOrigRcpt: 'rfc822;ajagoodin@yahoo.com', status: 'pending' },
      { address: 'ajagostinelli@cox.net', original: 'ajagostinelli@cox.net', dsnOrigRcpt: 'rfc822;ajagostinelli@cox.net', status: 'pending' },
      { address: 'ajagra2001@yahoo.com', status: 'done' },
      { address: 'bcc@example.net', status: 'pending', extracted: true },
    ]);
  });

  it('takes the content size from the C record', () => {
    const e = parseQueueFile(buf).envelope;
    expect(e.size).toBe(e.sizeRecord?.contentSize);
    expect(e.sizeRecord?.recipientCount).toBe(3);
    expect(buf[e.sizeRecord!.dataOffset - 2]).toBe('M'.charCodeAt(0));
  });

  it('skips the content but still reads the extracted recipients', () => {
    const env = parseQueueEnvelope(buf);
    expect(env.ok).toBe(true);
    expect(env.body).toBeUndefined();
    expect(env.envelope).toEqual(parseQueueFile(buf).envelope);
  });

  it('does not even look at the content bytes', () => {
    const e = parseQueueFile(buf).envelope;
    const mangled = Buffer.from(buf);
    mangled.fill(0xff, e.sizeRecord!.dataOffset, e.sizeRecord!.dataOffset + e.size);
    expect(parseQueueFile(mangled, { content: true }).ok).toBe(false);
    expect(parseQueueEnvelope(mangled).envelope).toEqual(e);
  });

  it('joins L continuation records and splits header from body', () => {
    const r = parseQueueFile(buf, { content: true });
    expect(r.headerLines).toEqual(['Subject: =?gb2312?B?xOO6ww==?=', 'From: <lindawatts101@yahoo.com.hk>']);
    expect(r.body).toBe('a line split over two records');
    expect(parseMessage(r.headerLines!, r.rawBody!).subject).toBe('你好');
  });
});

describe('damaged input', () => {
  const good = readFileSync(path.join(CORPUS, 'test-queue-file'));

  it('reports every truncation instead of throwing', () => {
    for (let n = 0; n < good.length; n++) {
      const r = parseQueueFile(good.subarray(0, n), { content: true });
      expect(r.ok, `prefix ${n}`).toBe(false);
      expect(r.errors.length, `prefix ${n}`).toBeGreaterThan(0);
    }
  });

  it('survives single-byte corruption anywhere', () => {
    for (let i = 0; i < good.length; i++) {
      for (const v of [0x00, 0x70, 0xff]) {
        const bad = Buffer.from(good);
        bad[i] = v;
        expect(() => parseQueueFile(bad, { content: true })).not.toThrow();
        expect(() => parseQueueEnvelope(bad)).not.toThrow();
      }
    }
  });

  it('rejects something that is not a queue file', () => {
    expect(parseQueueFile(Buffer.from('hello world')).errors[0]).toMatch(/not a queue file/);
    expect(parseQueueFile(Buffer.alloc(0)).errors).toEqual(['empty file']);
  });

  it('stops a pointer loop', () => {
    const head = Buffer.concat([encodeRecord('T', '1'), encodeRecord('S', 'a@b')]);
    const loop = Buffer.concat([head, encodeRecord('p', formatPointer(head.length))]);
    const r = parseQueueFile(loop);
    expect(r.ok).toBe(false);
    expect(r.errors.join()).toMatch(/reverse pointer jumps/);
  });

  it('rejects a pointer past the end of the file', () => {
    const r = parseQueueFile(Buffer.concat([encodeRecord('T', '1'), encodeRecord('p', formatPointer(9999))]));
    expect(r.errors.join()).toMatch(/bad pointer/);
  });

  it('rejects an over-long length', () => {
    const r = parseQueueFile(Buffer.from([0x54, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect(r.errors.join()).toMatch(/too many length bytes/);
  });

  it('notes unknown record types without giving up', () => {
    const f = Buffer.concat([
      encodeRecord('T', '1'),
      encodeRecord('Z', '?'),
      encodeRecord('S', 'a@b'),
      encodeRecord('M'),
      encodeRecord('X'),
      encodeRecord('E'),
    ]);
    const r = parseQueueFile(f);
    expect(r.ok).toBe(true);
    expect(r.warnings.join()).toMatch(/unknown record type "Z"/);
    expect(r.envelope.sender).toBe('a@b');
  });
});
