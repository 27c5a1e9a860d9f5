// SMTP replies (RFC 5321 4.2): `250-first line` ... `250 last line`, every
// line with the same code; a lone `250` is a complete reply too. Bytes in,
// whole replies out — the socket may split a reply anywhere.

export type SmtpReply = {
  code: number;
  /** The text after the code of each line. */
  lines: string[];
  /** The raw lines as the server sent them, for the transcript. */
  raw: string[];
};

export class SmtpProtocolError extends Error {}

const LINE = /^(\d{3})(?:([ -])(.*))?$/;
const MAX_LINE = 8192;
const MAX_LINES = 200;

export class ReplyReader {
  private buffer = '';
  private pending: { code: number; lines: string[]; raw: string[] } | null = null;

  /** Feeds received text; returns the replies completed by it. */
  feed(chunk: string): SmtpReply[] {
    this.buffer += chunk;
    const done: SmtpReply[] = [];
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      const reply = this.line(line);
      if (reply) done.push(reply);
    }
    if (this.buffer.length > MAX_LINE) throw new SmtpProtocolError('reply line too long');
    return done;
  }

  private line(line: string): SmtpReply | null {
    const m = LINE.exec(line);
    if (!m) throw new SmtpProtocolError(`not an SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`);
    const code = Number(m[1]);
    const more = m[2] === '-';
    const text = m[3] ?? '';
    if (this.pending && this.pending.code !== code) {
      throw new SmtpProtocolError(`reply code changed inside a multi-line reply (${this.pending.code} then ${code})`);
    }
    const p = (this.pending ??= { code, lines: [], raw: [] });
    p.lines.push(text);
    p.raw.push(line);
    if (p.lines.length > MAX_LINES) throw new SmtpProtocolError('reply has too many lines');
    if (more) return null;
    this.pending = null;
    return p;
  }
}

export const replyText = (r: SmtpReply) => r.lines.join(' ');
export const isPositive = (r: SmtpReply | undefined) => r !== undefined && r.code >= 200 && r.code < 400;

/** AUTH mechanisms from an EHLO reply (`AUTH PLAIN LOGIN`, or the old `AUTH=PLAIN LOGIN`). */
export function authMechanisms(ehlo: SmtpReply): string[] {
  const out = new Set<string>();
  for (const line of ehlo.lines.slice(1)) {
    const m = /^AUTH[ =](.*)$/i.exec(line.trim());
    if (m) for (const mech of m[1]!.trim().split(/\s+/)) if (mech) out.add(mech.toUpperCase());
  }
  return [...out];
}

export const hasExtension = (ehlo: SmtpReply, name: string) => ehlo.lines.slice(1).some((l) => l.trim().split(/\s+/)[0]?.toUpperCase() === name);
