// Read-only view of a queued message for the console: header split and
// unfolding, RFC 2047 decoding of display headers, a MIME part list and the
// text to show. Attachments are listed, never decoded; HTML is reduced to
// plain text. Output is plain text: callers must still escape it.
// Deliberately small: this is for "what is this spam?", not a mail reader.

export interface MessageHeader {
  name: string;
  value: string;
}

export interface MessagePart {
  contentType: string;
  filename?: string;
  disposition?: string;
  encoding?: string;
  /** Bytes of the part body as stored (still transfer-encoded). */
  size: number;
}

export interface MessageView {
  headers: MessageHeader[];
  subject?: string;
  from?: string;
  contentType: string;
  isMultipart: boolean;
  parts: MessagePart[];
  /** The text to display, or null when the message has no text part. */
  text: string | null;
}

const MAX_DEPTH = 5;
const MAX_PARTS = 200;

/** RFC 5322 field name, as Postfix's is_header() accepts it. */
export function isHeaderLine(line: string): boolean {
  return /^[!-9;-~]+[ \t]*:/.test(line);
}

/** Split content lines at the first line that is neither a header nor a continuation. */
export function splitMessageLines(lines: string[]): { headerLines: string[]; body: string } {
  let i = 0;
  for (; i < lines.length; i++) {
    const l = lines[i] as string;
    if (isHeaderLine(l)) continue;
    if (i > 0 && /^[ \t]/.test(l)) continue;
    break;
  }
  const headerLines = lines.slice(0, i);
  // The blank separator line belongs to neither part.
  const rest = lines[i] === '' ? lines.slice(i + 1) : lines.slice(i);
  return { headerLines, body: rest.join('\n') };
}

/** Join continuation lines to their header; folding whitespace becomes one space. */
export function unfoldHeaders(headerLines: string[]): MessageHeader[] {
  const out: MessageHeader[] = [];
  for (const line of headerLines) {
    const last = out[out.length - 1];
    if (/^[ \t]/.test(line)) {
      if (last) last.value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return out;
}

function decoderFor(charset: string): TextDecoder | null {
  try {
    return new TextDecoder(charset.replace(/\*.*$/, '').trim().toLowerCase() || 'utf-8');
  } catch {
    return null;
  }
}

function decodeQ(text: string, underscoreIsSpace: boolean): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const hex = text.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c === '_' && underscoreIsSpace) bytes.push(0x20);
    else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(bytes);
}

/** Decode RFC 2047 encoded-words; words that cannot be decoded are left as they are. */
export function decodeEncodedWords(value: string): string {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  // Whitespace between two adjacent encoded-words is not part of the text.
  const joined = value.replace(/(\?=)\s+(?==\?[^?\s]+\?[BbQq]\?)/g, '$1');
  return joined.replace(word, (whole, charset: string, enc: string, text: string) => {
    const dec = decoderFor(charset);
    if (!dec) return whole;
    const bytes = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQ(text, true);
    return dec.decode(bytes);
  });
}

/** Parse `type/subtype; a=b; c="d"` into a lower-case type and its parameters. */
export function parseParams(value: string): { value: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  const semi = value.indexOf(';');
  const head = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  for (const m of value.slice(Math.max(semi, 0)).matchAll(re)) {
    const key = (m[1] as string).toLowerCase();
    const v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    params[key] = v;
  }
  // RFC 2231 extended value: charset'lang'percent-encoded
  for (const key of Object.keys(params)) {
    if (!key.endsWith('*')) continue;
    const m = /^([^']*)'[^']*'(.*)$/.exec(params[key] as string);
    const dec = m ? decoderFor(m[1] || 'utf-8') : null;
    if (m && dec) {
      const bytes = decodeQ((m[2] as string).replace(/%/g, '='), false);
      params[key.slice(0, -1)] ??= dec.decode(bytes);
    }
  }
  return { value: head, params };
}

function header(headers: MessageHeader[], name: string): string | undefined {
  const n = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === n)?.value;
}

function decodeTransfer(body: string, encoding: string | undefined): Uint8Array {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (enc === 'quoted-printable') return decodeQ(body.replace(/=\r?\n/g, ''), false);
  return Buffer.from(body, 'latin1');
}

/** Plain text from a text part, decoded with its charset. */
function partText(body: string, encoding: string | undefined, charset: string | undefined, bodyIsUtf8: boolean): string {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc !== 'base64' && enc !== 'quoted-printable' && bodyIsUtf8) return body;
  const dec = decoderFor(charset ?? 'us-ascii') ?? new TextDecoder('utf-8');
  return dec.decode(decodeTransfer(body, encoding));
}

/** Crude HTML to text for display; the result is still untrusted text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&amp;/gi, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface Walk {
  parts: MessagePart[];
  plain: string | null;
  html: string | null;
  bodyIsUtf8: boolean;
}

function walk(headers: MessageHeader[], body: string, depth: number, w: Walk): void {
  const ct = parseParams(header(headers, 'content-type') ?? 'text/plain');
  const encoding = header(headers, 'content-transfer-encoding');
  const boundary = ct.params.boundary;
  if (ct.value.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    const delim = '--' + boundary;
    const chunks: string[][] = [];
    let current: string[] | null = null;
    for (const line of body.split('\n')) {
      const l = line.replace(/\r$/, '');
      if (l === delim + '--') break;
      if (l === delim) {
        current = [];
        chunks.push(current);
      } else current?.push(line);
    }
    for (const chunk of chunks) {
      if (w.parts.length >= MAX_PARTS) break;
      const { headerLines, body: partBody } = splitMessageLines(chunk.map((l) => l.replace(/\r$/, '')));
      walk(unfoldHeaders(headerLines), partBody, depth + 1, w);
    }
    return;
  }
  const disp = parseParams(header(headers, 'content-disposition') ?? '');
  const filename = disp.params.filename ?? ct.params.name;
  const size = w.bodyIsUtf8 ? Buffer.byteLength(body, 'utf8') : body.length;
  const part: MessagePart = { contentType: ct.value || 'text/plain', size };
  if (filename) part.filename = decodeEncodedWords(filename);
  if (disp.value) part.disposition = disp.value;
  if (encoding) part.encoding = encoding.trim().toLowerCase();
  w.parts.push(part);
  if (disp.value === 'attachment') return;
  if (part.contentType === 'text/plain' && w.plain === null) w.plain = partText(body, encoding, ct.params.charset, w.bodyIsUtf8);
  else if (part.contentType === 'text/html' && w.html === null) w.html = partText(body, encoding, ct.params.charset, w.bodyIsUtf8);
}

/**
 * Build the display view. Give the body as a string when it is already text
 * (postcat output), or as raw bytes (queue file) so that 8bit parts are
 * decoded with their own charset instead of being guessed as UTF-8.
 */
export function parseMessage(headerLines: string[], body: string | Uint8Array): MessageView {
  const headers = unfoldHeaders(headerLines);
  const isText = typeof body === 'string';
  const w: Walk = { parts: [], plain: null, html: null, bodyIsUtf8: isText };
  walk(headers, isText ? body : Buffer.from(body).toString('latin1'), 0, w);
  const ct = parseParams(header(headers, 'content-type') ?? 'text/plain');
  const subject = header(headers, 'subject');
  const from = header(headers, 'from');
  const view: MessageView = {
    headers,
    contentType: ct.value || 'text/plain',
    isMultipart: ct.value.startsWith('multipart/'),
    parts: w.parts,
    text: w.plain ?? (w.html !== null ? htmlToText(w.html) : null),
  };
  if (subject !== undefined) view.subject = decodeEncodedWords(subject);
  if (from !== undefined) view.from = decodeEncodedWords(from);
  return view;
}
