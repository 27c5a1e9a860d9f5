import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePostcat, parsePostcatAll, splitPostcatOutput } from './postcat';

const SHARED = path.resolve(__dirname, '../../../shared');
const TESTDATA = path.join(SHARED, 'corpora/queue-files/postfix-src-cleanup-testdata');
const read = (f: string) => readFileSync(path.join(TESTDATA, f), 'utf8');

// The incident report quotes `postcat -q 2FDF423FA50` with a blank line after
// every line and the author's arrows ("<-----sasl认证通过") appended; those
// arrows are the blog's, not postcat's, so they are cut before parsing.
function seedExcerpt(): string {
  const doc = readFileSync(path.join(SHARED, 'seed/postfix-spam-incident.zh.txt'), 'utf8');
  const start = doc.indexOf('*** ENVELOPE RECORDS deferred/2/2FDF423FA50 ***');
  const end = doc.indexOf('\n.........', start);
  expect(start).toBeGreaterThan(0);
  return doc.slice(start, end + '\n.........'.length).replace(/\s+<-+[^\n]*/g, '');
}

describe('the seed incident', () => {
  const msg = parsePostcat(seedExcerpt(), { timeZone: 'Asia/Shanghai' });
  const e = msg.envelope;

  it('names the queue and the message', () => {
    expect(msg.path).toBe('deferred/2/2FDF423FA50');
    expect(e.queue).toBe('deferred');
    expect(e.queueId).toBe('2FDF423FA50');
  });

  it('exposes who really sent it', () => {
    expect(e.saslMethod).toBe('LOGIN');
    expect(e.saslUsername).toBe('info@example.com');
    expect(e.sender).toBe('lindawatts101@yahoo.com.hk');
    expect(e.clientAddress).toBe('68.167.29.196');
    expect(e.logClientAddress).toBe('68.167.29.196');
    expect(e.reverseClientName).toBe('h-68-167-29-196.mclnva23.static.covad.net');
    expect(e.heloName).toBe('User');
    expect(e.protocol).toBe('ESMTP');
    expect(e.attributes.client_port).toBe('1464');
  });

  it('reads size, recipient count and times', () => {
    expect(e.size).toBe(2428);
    expect(e.sizeRecord).toMatchObject({ contentSize: 2428, dataOffset: 4714, recipientCount: 50 });
    // 06:18:07 in Beijing is 22:18:07 UTC the day before.
    expect(e.arrivalTime?.toISOString()).toBe('2012-10-23T22:18:07.000Z');
    expect(e.createTime?.toISOString()).toBe('2012-10-23T22:18:08.000Z');
  });

  it('pairs each recipient with its original address', () => {
    expect(e.recipients.map((r) => [r.address, r.original, r.dsnOrigRcpt])).toEqual([
      ['ajagoodin@yahoo.com', 'ajagoodin@yahoo.com', 'rfc822;ajagoodin@yahoo.com'],
      ['ajagostinelli@cox.net', 'ajagostinelli@cox.net', 'rfc822;ajagostinelli@cox.net'],
      ['ajagra2001@yahoo.com', 'ajagra2001@yahoo.com', 'rfc822;ajagra2001@yahoo.com'],
    ]);
    expect(e.attributes).not.toHaveProperty('dsn_orig_rcpt');
  });

  it('flags the elided tail instead of failing', () => {
    expect(msg.warnings).toEqual(['unrecognised line: .........']);
    expect(msg.sections.end).toBe(false);
  });
});

describe('postcat -ov and plain postcat of the same file', () => {
  it.each(['bug1', 'bug2', 'bug3'])('%s: both readings agree', (name) => {
    const verbose = parsePostcat(read(`${name}.ref`));
    const plain = parsePostcat(read(`${name}.text.ref`));
    expect(verbose.warnings).toEqual([]);
    expect(plain.warnings).toEqual([]);
    expect(verbose.envelope).toEqual(plain.envelope);
    expect(verbose.headerLines).toEqual(plain.headerLines);
    expect(verbose.body).toBe(plain.body);
    expect(verbose.headers.length).toBeGreaterThan(3);
  });

  it('follows the edited header into the unfolded list', () => {
    const msg = parsePostcat(read('bug1.text.ref'));
    expect(msg.headers.filter((h) => h.name === 'Subject')).toEqual([{ name: 'Subject', value: 'long header text' }]);
    const x = msg.headers.find((h) => h.name === 'X');
    expect(x?.value).toBe('1 2 3 4 5 6 7');
    expect(msg.body).toBe('text');
  });
});

describe('record kinds', () => {
  it('marks canceled and extracted recipients', () => {
    const e = parsePostcat(read('cleanup_milter.ref17a2')).envelope;
    expect(e.recipients).toEqual([
      { address: 'user@example.com', original: 'user@example.com', status: 'pending' },
      { address: 'user@example.com', original: 'user@example.com', dsnOrigRcpt: 'rfc822;user@example.com', status: 'canceled', extracted: true },
    ]);
  });

  it('keeps sender_fullname and a null sender', () => {
    expect(parsePostcat(read('cleanup_milter.ref14a2')).envelope.senderFullName).toBe('Wietse Venema');
    expect(parsePostcat('*** ENVELOPE RECORDS active/A/A1B2C3D4E5 ***\nsender: \nrecipient: a@b\n').envelope.sender).toBe('');
  });
});

describe('framing', () => {
  it('splits the output of several queue IDs', () => {
    const text = read('bug2.ref') + read('cleanup_milter.ref14a2');
    expect(splitPostcatOutput(text)).toHaveLength(2);
    expect(parsePostcatAll(text).map((m) => m.envelope.sender)).toEqual(['me@porcupine.org', 'wietse@ahost.example.com']);
  });

  it('reads header-and-body-only output (postcat -hb)', () => {
    const m = parsePostcat('Subject: hi\nTo: x@y\n\nbody line\n\nsecond\n');
    expect(m.sections.envelope).toBe(false);
    expect(m.headers).toEqual([
      { name: 'Subject', value: 'hi' },
      { name: 'To', value: 'x@y' },
    ]);
    expect(m.body).toBe('body line\n\nsecond');
  });

  it('does not take quoted markers in a body for real ones', () => {
    const text =
      '*** ENVELOPE RECORDS hold/F/F00BA4 ***\nsender: a@b\n*** MESSAGE CONTENTS hold/F/F00BA4 ***\nSubject: s\n\n*** ENVELOPE RECORDS fake ***\nsender: evil@x\n*** HEADER EXTRACTED hold/F/F00BA4 ***\n*** MESSAGE FILE END hold/F/F00BA4 ***\n';
    const m = parsePostcat(text);
    expect(m.envelope.sender).toBe('a@b');
    expect(m.envelope.queue).toBe('hold');
    expect(m.body).toBe('*** ENVELOPE RECORDS fake ***\nsender: evil@x');
  });

  it('never throws on junk', () => {
    for (const junk of ['', '\n\n', '***', 'named_attribute: noequals', '   42 ', '\u0000\uffff', 'x'.repeat(10000)]) {
      expect(() => parsePostcat(junk)).not.toThrow();
    }
    expect(parsePostcat('named_attribute: noequals').warnings).toEqual(['malformed attribute: noequals']);
  });
});
