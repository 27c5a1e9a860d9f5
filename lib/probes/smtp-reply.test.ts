import { describe, expect, it } from 'vitest';
import { authMechanisms, hasExtension, ReplyReader, SmtpProtocolError } from './smtp-reply';

// Postfix 3.7's EHLO reply on the lab, byte for byte.
const EHLO =
  [
    '250-mail.example.com',
    '250-PIPELINING',
    '250-SIZE 512000000',
    '250-VRFY',
    '250-ETRN',
    '250-AUTH PLAIN LOGIN',
    '250-AUTH=PLAIN LOGIN',
    '250-ENHANCEDSTATUSCODES',
    '250-8BITMIME',
    '250-DSN',
    '250 CHUNKING',
  ].join('\r\n') + '\r\n';

describe('ReplyReader', () => {
  it('joins a multi-line reply (250-... / 250 ...) into one', () => {
    const [r, ...rest] = new ReplyReader().feed(EHLO);
    expect(rest).toHaveLength(0);
    expect(r!.code).toBe(250);
    expect(r!.lines).toHaveLength(11);
    expect(r!.lines[0]).toBe('mail.example.com');
    expect(r!.raw[10]).toBe('250 CHUNKING');
  });

  it('waits for the rest when the socket splits a reply anywhere', () => {
    const reader = new ReplyReader();
    const replies = [];
    for (let i = 0; i < EHLO.length; i += 7) replies.push(...reader.feed(EHLO.slice(i, i + 7)));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.lines.at(-1)).toBe('CHUNKING');
  });

  it('returns several replies from one chunk, and accepts a bare code and LF-only line ends', () => {
    const replies = new ReplyReader().feed(
      '220 mail.example.com ESMTP Postfix\r\n250\n553 5.7.1 <test@yahoo.com>: Sender address rejected: not owned by user test1@example.com\r\n',
    );
    expect(replies.map((r) => r.code)).toEqual([220, 250, 553]);
    expect(replies[1]!.lines).toEqual(['']);
    expect(replies[2]!.lines[0]).toMatch(/not owned by user test1@example.com$/);
  });

  it('refuses lines that are not replies, and a code that changes inside a reply', () => {
    expect(() => new ReplyReader().feed('hello there\r\n')).toThrow(SmtpProtocolError);
    expect(() => new ReplyReader().feed('250-one\r\n251 two\r\n')).toThrow(/code changed/);
  });
});

describe('EHLO capabilities', () => {
  const ehlo = new ReplyReader().feed(EHLO)[0]!;
  it('reads AUTH mechanisms from both the standard and the broken-client line', () => {
    expect(authMechanisms(ehlo)).toEqual(['PLAIN', 'LOGIN']);
  });
  it('knows which extensions are there', () => {
    expect(hasExtension(ehlo, 'PIPELINING')).toBe(true);
    expect(hasExtension(ehlo, 'STARTTLS')).toBe(false);
  });
});
