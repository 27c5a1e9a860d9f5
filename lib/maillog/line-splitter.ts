import { isAscii } from 'node:buffer';

// Bytes in, log lines out, without ever holding more than one chunk plus a
// partial line. With needles, lines are picked out of the raw bytes by
// Buffer.indexOf and only the matching ones are decoded: over a gigabyte of
// log that is most of the cost saved.

export type SplitOptions = {
  /** Yield only lines containing one of these (case-sensitive, no line breaks). */
  needles?: readonly string[];
  /** Decoded-line test applied after the needles (e.g. a case-insensitive search). */
  filter?: (line: string) => boolean;
  /**
   * What to do with a last line that has no newline: 'yield' for a file that
   * is complete (a .gz, a rotated file), 'keep' for a live file that is
   * still being written (the rest of the line comes on the next read).
   */
  partial?: 'yield' | 'keep';
  /** Filled in as chunks go by: bytes of complete lines consumed so far. */
  stats?: { consumed: number };
};

// A "line" longer than this is not a log line (binary junk): it is dropped.
const MAX_LINE_BYTES = 1 << 22;

function decode(buf: Buffer, start: number, end: number): string {
  const stop = end > start && buf[end - 1] === 13 ? end - 1 : end;
  return buf.toString('utf8', start, stop);
}

function* allLines(region: Buffer): Generator<string> {
  let start = 0;
  for (;;) {
    const nl = region.indexOf(10, start);
    if (nl < 0) return;
    if (nl > start) yield decode(region, start, nl);
    start = nl + 1;
  }
}

function* matchingLines(region: Buffer, needles: Buffer[]): Generator<string> {
  const next = needles.map((n) => region.indexOf(n));
  for (;;) {
    let hit = -1;
    for (const p of next) if (p >= 0 && (hit < 0 || p < hit)) hit = p;
    if (hit < 0) return;
    const start = hit === 0 ? 0 : region.lastIndexOf(10, hit - 1) + 1;
    const end = region.indexOf(10, hit);
    yield decode(region, start, end);
    const after = end + 1;
    for (let i = 0; i < next.length; i++) {
      if (next[i]! >= 0 && next[i]! < after) next[i] = region.indexOf(needles[i]!, after);
    }
  }
}

/**
 * Lines in batches, one batch per chunk read: awaiting once per chunk rather
 * than once per line is most of the speed of a scan over millions of lines.
 */
export async function* splitLines(source: AsyncIterable<Buffer | string>, opts: SplitOptions = {}): AsyncGenerator<string[]> {
  const needles = opts.needles?.length ? opts.needles.map((n) => Buffer.from(n, 'utf8')) : undefined;
  const filter = opts.filter;
  let rest: Buffer | undefined;
  const emit = (region: Buffer): string[] => {
    const lines = [...(needles ? matchingLines(region, needles) : allLines(region))];
    return filter ? lines.filter(filter) : lines;
  };
  for await (const raw of source) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    if (rest) chunk = Buffer.concat([rest, chunk]);
    rest = undefined;
    const lastNl = chunk.lastIndexOf(10);
    if (lastNl < 0) {
      if (chunk.length > MAX_LINE_BYTES) {
        if (opts.stats) opts.stats.consumed += chunk.length;
      } else {
        rest = chunk;
      }
      continue;
    }
    const batch = emit(chunk.subarray(0, lastNl + 1));
    if (opts.stats) opts.stats.consumed += lastNl + 1;
    if (batch.length) yield batch;
    if (lastNl + 1 < chunk.length) rest = Buffer.from(chunk.subarray(lastNl + 1));
  }
  if (rest && rest.length && opts.partial !== 'keep') {
    const batch = emit(Buffer.concat([rest, Buffer.from('\n')]));
    if (opts.stats) opts.stats.consumed += rest.length;
    if (batch.length) yield batch;
  }
}

export type OffsetLine = { offset: number; end: number; text: string };

// For pure-ASCII chunks (nearly every log chunk) latin1 decodes the same text faster than utf8.
const asciiDecode = (buf: Buffer, start: number, end: number) => {
  const stop = end > start && buf[end - 1] === 13 ? end - 1 : end;
  return buf.toString('latin1', start, stop);
};

/**
 * `grep -b` output (`OFFSET:line`), split without decoding the offset into a
 * string and without re-measuring the line: `end` (the byte after the
 * line's newline in the original file) falls out of the buffer positions.
 */
export async function* splitGrepOffsetLines(source: AsyncIterable<Buffer>): AsyncGenerator<OffsetLine[]> {
  let rest: Buffer | undefined;
  for await (const raw of source) {
    const chunk = rest ? Buffer.concat([rest, raw]) : raw;
    rest = undefined;
    const batch: OffsetLine[] = [];
    const text = isAscii(chunk) ? asciiDecode : decode;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      let offset = 0;
      let i = start;
      for (; i < nl; i++) {
        const c = chunk[i]! - 48;
        if (c < 0 || c > 9) break;
        offset = offset * 10 + c;
      }
      if (i > start && i < nl && chunk[i] === 58 /* : */) {
        const textStart = i + 1;
        batch.push({ offset, end: offset + (nl - textStart) + 1, text: text(chunk, textStart, nl) });
      }
      start = nl + 1;
    }
    if (start < chunk.length) rest = Buffer.from(chunk.subarray(start));
    if (batch.length) yield batch;
  }
}
