import { randomBytes } from 'node:crypto';

// A plain-text UTF-8 message as RFC 5322 wants it: CRLF lines, the subject
// as an encoded word when it is not ASCII, the body in base64 (Chinese text,
// and no line can start with a dot that SMTP would eat).

export type EmailInput = { from: string; to: string[]; subject: string; text: string; date?: Date; messageIdDomain?: string };

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

export function encodeHeaderWord(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  if (isAscii(flat)) return flat;
  return `=?UTF-8?B?${Buffer.from(flat, 'utf8').toString('base64')}?=`;
}

export function base64Lines(text: string): string {
  const b64 = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64');
  return (b64.match(/.{1,76}/g) ?? ['']).join('\r\n');
}

export function buildEmail(m: EmailInput): string {
  const domain = m.messageIdDomain ?? (m.from.split('@')[1] || 'mailwarden.invalid');
  const headers = [
    `From: Mailwarden <${m.from}>`,
    `To: ${m.to.join(', ')}`,
    `Subject: ${encodeHeaderWord(m.subject)}`,
    `Date: ${(m.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    'Auto-Submitted: auto-generated',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${base64Lines(m.text)}\r\n`;
}
