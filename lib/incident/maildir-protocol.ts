// What scripts/host/mw-maildir prints, read back. Pure: text in, typed data
// out. Subjects arrive raw (as in the header); MIME encoded-words are decoded
// here, where every charset TextDecoder knows is at hand.

export type BounceReason = 'return-path' | 'mailer-daemon' | 'report';

export type BackscatterMessage = {
  /** `new/<file>` or `cur/<file>`: the name the quarantine and restore commands take. */
  name: string;
  size: number;
  /** Epoch seconds. */
  mtime: number;
  why: BounceReason;
  subject: string;
};

export type ScanOutput = { messages: BackscatterMessage[]; scanned: number };

const REASONS = new Set<string>(['return-path', 'mailer-daemon', 'report']);
export const MESSAGE_NAME = /^(new|cur)\/[^/.\x00-\x1f\x7f][^/\x00-\x1f\x7f]{0,254}$/;

export function parseScanOutput(stdout: string): ScanOutput {
  const messages: BackscatterMessage[] = [];
  let scanned = 0;
  for (const line of stdout.split('\n')) {
    const total = /^#scanned (\d+)$/.exec(line);
    if (total) {
      scanned = Number(total[1]);
      continue;
    }
    const [name, size, mtime, why, ...rest] = line.split('\t');
    if (!name || !MESSAGE_NAME.test(name) || !why || !REASONS.has(why)) continue;
    messages.push({ name, size: Number(size) || 0, mtime: Number(mtime) || 0, why: why as BounceReason, subject: decodeMimeWords(rest.join('\t')) });
  }
  return { messages, scanned };
}

export type MoveOutput = { done: string[]; gone: string[]; exists: string[] };

/** `moved|restored TAB name`, `gone TAB name`, `exists TAB name`, one a line, printed as each file is handled. */
export function parseMoveOutput(stdout: string): MoveOutput {
  const out: MoveOutput = { done: [], gone: [], exists: [] };
  for (const line of stdout.split('\n')) {
    const m = /^(moved|restored|gone|exists)\t(.+)$/.exec(line);
    if (!m || !MESSAGE_NAME.test(m[2]!)) continue;
    const bucket = m[1] === 'moved' || m[1] === 'restored' ? out.done : m[1] === 'gone' ? out.gone : out.exists;
    bucket.push(m[2]!);
  }
  return out;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/** RFC 2047 encoded-words; whitespace between two of them is dropped, as the RFC says. */
export function decodeMimeWords(text: string): string {
  const joined = text.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(ENCODED_WORD, (whole, charset: string, enc: string, data: string) => {
    try {
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qBytes(data);
      return new TextDecoder(charset.split('*')[0]!.toLowerCase(), { fatal: false }).decode(bytes);
    } catch {
      return whole;
    }
  });
}

function qBytes(data: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}
