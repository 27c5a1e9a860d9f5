// A followed log's bytes as lines: only complete lines (the rest waits for
// the next chunk), only those containing one of the needles. Lines are
// picked out of the raw bytes first, so the lines nobody wants are never decoded.

const MAX_LINE_BYTES = 1 << 20;

export async function* liveLines(source: AsyncIterable<Buffer | string>, needles: readonly string[]): AsyncGenerator<string> {
  const wanted = needles.map((n) => Buffer.from(n, 'utf8'));
  let rest: Buffer = Buffer.alloc(0);
  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    const lastNl = buf.lastIndexOf(10);
    if (lastNl < 0) {
      // One endless "line" is not a log line: drop it rather than grow forever.
      rest = buf.length > MAX_LINE_BYTES ? Buffer.alloc(0) : buf;
      continue;
    }
    let start = 0;
    while (start <= lastNl) {
      const nl = buf.indexOf(10, start);
      const line = buf.subarray(start, nl);
      start = nl + 1;
      if (line.length === 0 || (wanted.length > 0 && !wanted.some((n) => line.includes(n)))) continue;
      const end = line[line.length - 1] === 13 ? line.length - 1 : line.length;
      yield line.toString('utf8', 0, end);
    }
    rest = Buffer.from(buf.subarray(lastNl + 1));
  }
}
