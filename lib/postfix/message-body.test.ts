import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, htmlToText, parseMessage, parseParams, splitMessageLines, unfoldHeaders } from './message-body';
import { parseQueueFile } from '@/test/postfix/queue-file';

const CORPUS = path.resolve(__dirname, '../../../shared/corpora/queue-files/postfix-src-cleanup-testdata');
const b64 = (s: string, enc: BufferEncoding = 'utf8') => Buffer.from(s, enc).toString('base64');
// "你好" in GB2312, the charset of most Chinese spam of the seed's era.
const NIHAO_GB = Buffer.from('c4e3bac3', 'hex');

describe('headers', () => {
  it('unfolds the folded Received header of a real queue file', () => {
    const r = parseQueueFile(readFileSync(path.join(CORPUS, 'test-queue-file')), { content: true });
    const headers = unfoldHeaders(r.headerLines!);
    expect(headers[0]).toEqual({
      name: 'Received',
      value:
        'from hades.porcupine.org (hades.porcupine.org [168.100.189.10]) by hades.porcupine.org (Postfix) with SMTP id 38132290405; Sat, 20 Jan 2007 19:52:41 -0500 (EST)',
    });
    expect(headers.map((h) => h.name)).toEqual(['Received', 'X', 'Y', 'Message-Id', 'Date', 'From', 'To']);
  });

  it('splits at the blank line, or at the first line that is not a header', () => {
    expect(splitMessageLines(['A: 1', ' more', '', 'body', '', 'end'])).toEqual({ headerLines: ['A: 1', ' more'], body: 'body\n\nend' });
    expect(splitMessageLines(['A: 1', 'no colon here', 'x'])).toEqual({ headerLines: ['A: 1'], body: 'no colon here\nx' });
    expect(splitMessageLines([' leading space', 'B: 2'])).toEqual({ headerLines: [], body: ' leading space\nB: 2' });
  });

  it('decodes RFC 2047 words', () => {
    expect(decodeEncodedWords(`=?gb2312?B?${NIHAO_GB.toString('base64')}?=`)).toBe('你好');
    expect(decodeEncodedWords('=?UTF-8?Q?caf=C3=A9_au_lait?=')).toBe('café au lait');
    expect(decodeEncodedWords(`=?utf-8?B?${b64('免费')}?= =?utf-8?B?${b64('发票')}?= now`)).toBe('免费发票 now');
    expect(decodeEncodedWords('plain =?x-klingon?B?AAAA?= text')).toBe('plain =?x-klingon?B?AAAA?= text');
    expect(decodeEncodedWords('=?utf-8*en?Q?hi?=')).toBe('hi');
  });

  it('parses parameters, quoted and RFC 2231', () => {
    expect(parseParams('Multipart/Mixed; boundary="a;b\\"c"; x=1')).toEqual({ value: 'multipart/mixed', params: { boundary: 'a;b"c', x: '1' } });
    expect(parseParams("attachment; filename*=utf-8''%E5%8F%91%E7%A5%A8.xls").params.filename).toBe('发票.xls');
  });
});

function multipart(): { headerLines: string[]; body: string } {
  return {
    headerLines: [
      'Subject: =?gb2312?B?' + NIHAO_GB.toString('base64') + '?=',
      'From: =?utf-8?B?' + b64('客服') + '?= <x@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed;',
      '\tboundary="OUTER"',
    ],
    body: [
      'preamble',
      '--OUTER',
      'Content-Type: multipart/alternative; boundary=INNER',
      '',
      '--INNER',
      'Content-Type: text/plain; charset=gb2312',
      'Content-Transfer-Encoding: base64',
      '',
      NIHAO_GB.toString('base64'),
      '--INNER',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>hello</p>',
      '--INNER--',
      '--OUTER',
      'Content-Type: application/vnd.ms-excel; name="=?utf-8?B?' + b64('发票') + '?=.xls"',
      'Content-Disposition: attachment',
      'Content-Transfer-Encoding: base64',
      '',
      'UEsDBBQAAAAIAA==',
      'QUFBQUFBQUFB',
      '--OUTER--',
      'epilogue',
    ].join('\n'),
  };
}

describe('message view', () => {
  it('lists the parts of a nested multipart message', () => {
    const { headerLines, body } = multipart();
    const v = parseMessage(headerLines, body);
    expect(v.subject).toBe('你好');
    expect(v.from).toBe('客服 <x@example.com>');
    expect(v.isMultipart).toBe(true);
    expect(v.contentType).toBe('multipart/mixed');
    expect(v.parts.map((p) => [p.contentType, p.filename, p.disposition, p.encoding])).toEqual([
      ['text/plain', undefined, undefined, 'base64'],
      ['text/html', undefined, undefined, undefined],
      ['application/vnd.ms-excel', '发票.xls', 'attachment', 'base64'],
    ]);
    expect(v.parts[2]?.size).toBe('UEsDBBQAAAAIAA==\nQUFBQUFBQUFB'.length);
    expect(v.text).toBe('你好');
  });

  it('falls back to the HTML part as text, without scripts', () => {
    const v = parseMessage(
      ['Content-Type: text/html'],
      '<html><head><title>t</title></head><body><script>alert(1)</script><p>Win &amp; <b>claim</b></p><br>now</body></html>',
    );
    expect(v.text).toBe('Win & claim\n\nnow');
    expect(htmlToText('<style>p{}</style>a&lt;b&gt;&#65;')).toBe('a<b>A');
  });

  it('decodes an 8bit part with its own charset when given raw bytes', () => {
    const raw = Buffer.concat([Buffer.from('spam: '), NIHAO_GB]);
    expect(parseMessage(['Content-Type: text/plain; charset=gb2312', 'Content-Transfer-Encoding: 8bit'], raw).text).toBe('spam: 你好');
    expect(parseMessage(['Content-Type: text/plain; charset=utf-8'], 'déjà vu').text).toBe('déjà vu');
  });

  it('decodes quoted-printable text', () => {
    const v = parseMessage(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'], 'caf=C3=A9 soft=\nbreak');
    expect(v.text).toBe('café softbreak');
  });

  it('treats a message without Content-Type as plain text', () => {
    const v = parseMessage(['Subject: hi'], 'just text');
    expect(v).toMatchObject({ contentType: 'text/plain', isMultipart: false, text: 'just text', subject: 'hi' });
  });

  it('copes with broken MIME', () => {
    const unterminated = parseMessage(['Content-Type: multipart/mixed; boundary=B'], '--B\nContent-Type: text/plain\n\nhello');
    expect(unterminated.text).toBe('hello');
    expect(parseMessage(['Content-Type: multipart/mixed'], 'no boundary').parts).toHaveLength(1);
    // 60 levels of nesting and 1000 parts: both are cut off.
    let nested = 'Content-Type: text/plain\n\ndeep';
    for (let i = 0; i < 60; i++) nested = `Content-Type: multipart/mixed; boundary=B${i}\n\n--B${i}\n${nested}\n--B${i}--`;
    const lines = nested.split('\n');
    const deep = parseMessage(lines.slice(0, 1), lines.slice(2).join('\n'));
    expect(deep.parts).toEqual([{ contentType: 'multipart/mixed', size: expect.any(Number) }]);
    const many = parseMessage(['Content-Type: multipart/mixed; boundary=P'], '--P\n\nx\n'.repeat(1000) + '--P--');
    expect(many.parts).toHaveLength(200);
    expect(() => parseMessage(['Content-Type: text/plain; charset=x-nonsense', 'Content-Transfer-Encoding: base64'], '!!!')).not.toThrow();
  });
});
