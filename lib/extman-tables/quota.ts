// extmail stores quotas as Maildir++ quota strings: "<bytes>S" and/or
// "<count>C", comma separated ("524288000S", "1000C,52428800S"). extman also
// writes bare numbers (domain maxquota "1073741824"), which mean bytes. A
// limit of 0 means "no limit" for Maildir++ (and for extman's domain caps).

export type Quota = {
  raw: string;
  /** Byte limit, or null when the string sets none. */
  bytes: number | null;
  /** Message-count limit, or null when the string sets none. */
  messages: number | null;
  /** True when no positive limit is set at all. */
  unlimited: boolean;
  /** False when some part could not be read; the raw text is then shown as is. */
  valid: boolean;
};

const PART = /^(\d+)([SC])?$/i;

export function parseQuota(raw: string | null | undefined): Quota {
  const text = (raw ?? '').trim();
  let bytes: number | null = null;
  let messages: number | null = null;
  let valid = true;
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = PART.exec(part);
    const value = m ? Number(m[1]) : NaN;
    if (!m || !Number.isSafeInteger(value)) {
      valid = false;
      continue;
    }
    if ((m[2] ?? 'S').toUpperCase() === 'C') messages = value;
    else bytes = value;
  }
  const unlimited = !(bytes && bytes > 0) && !(messages && messages > 0);
  return { raw: text, bytes, messages, unlimited: valid && unlimited, valid };
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 524288000 → "500 MiB"; one decimal only where it carries information. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return String(bytes);
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${UNITS[unit]}`;
}

/** Plain words for a quota: "500 MiB", "500 MiB, 1000 messages", "no limit". */
export function describeQuota(q: Quota, words: { unlimited: string; messages: (n: number) => string }): string {
  if (!q.valid) return q.raw;
  if (q.unlimited) return words.unlimited;
  const parts: string[] = [];
  if (q.bytes && q.bytes > 0) parts.push(formatBytes(q.bytes));
  if (q.messages && q.messages > 0) parts.push(words.messages(q.messages));
  return parts.join(', ');
}
