import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';

// A plain-text UTF-8 message as RFC 5322 wants it, composed by nodemailer:
// CRLF lines, a non-ASCII subject as encoded words folded within 75
// characters (RFC 2047), the body in base64 (Chinese text, and no line can
// start with a dot that SMTP would eat).

export type EmailInput = { from: string; to: string[]; subject: string; text: string; date?: Date; messageIdDomain?: string };

export async function buildEmail(m: EmailInput): Promise<string> {
  const domain = m.messageIdDomain ?? (m.from.split('@')[1] || 'mailwarden.invalid');
  const mail = new MailComposer({
    from: { name: 'Mailwarden', address: m.from },
    to: m.to,
    // Header injection is impossible: addresses are validated by the channel schema, and line breaks become spaces.
    subject: m.subject.replace(/[\r\n]+/g, ' '),
    text: m.text.replace(/\r?\n/g, '\r\n'),
    textEncoding: 'base64',
    date: m.date ?? new Date(),
    messageId: `<${randomBytes(12).toString('hex')}@${domain}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return (await mail.compile().build()).toString('latin1');
}
