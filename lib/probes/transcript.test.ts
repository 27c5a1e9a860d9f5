import { describe, expect, it } from 'vitest';
import { MASKED, maskTranscript, type TranscriptLine } from './transcript';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const C = (line: string): TranscriptLine => ({ dir: 'C', line });
const S = (line: string): TranscriptLine => ({ dir: 'S', line });

describe('maskTranscript', () => {
  it('masks the AUTH PLAIN initial response', () => {
    const out = maskTranscript([S('250 ok'), C(`AUTH PLAIN ${b64('\x00test1@example.com\x00123456')}`), S('235 2.7.0 Authentication successful')]);
    expect(out[1]).toEqual(C(`AUTH PLAIN ${MASKED}`));
  });

  it("masks both answers of AUTH LOGIN (the seed's telnet session) and nothing after it", () => {
    const out = maskTranscript([
      C('AUTH LOGIN'),
      S('334 VXNlcm5hbWU6'),
      C(b64('test1@example.com')),
      S('334 UGFzc3dvcmQ6'),
      C(b64('123456')),
      S('235 2.7.0 Authentication successful'),
      C('MAIL FROM:<test@yahoo.com>'),
      S('250 2.1.0 Ok'),
    ]);
    expect(out.map((l) => l.line)).toEqual([
      'AUTH LOGIN',
      '334 VXNlcm5hbWU6',
      MASKED,
      '334 UGFzc3dvcmQ6',
      MASKED,
      '235 2.7.0 Authentication successful',
      'MAIL FROM:<test@yahoo.com>',
      '250 2.1.0 Ok',
    ]);
    expect(JSON.stringify(out)).not.toContain(b64('123456'));
  });

  it('masks AUTH PLAIN sent after an empty 334 challenge, and stops masking after a failure', () => {
    const out = maskTranscript([C('AUTH PLAIN'), S('334 '), C(b64('\0u\0p')), S('535 5.7.8 Error: authentication failed'), C('QUIT')]);
    expect(out.map((l) => l.line)).toEqual(['AUTH PLAIN', '334 ', MASKED, '535 5.7.8 Error: authentication failed', 'QUIT']);
  });
});
