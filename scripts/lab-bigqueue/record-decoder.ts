// Test helper: a queue file decoder written independently of RecordWriter,
// so encoder bugs cannot hide behind a shared implementation.

/** Record format of src/global/record.c: type byte, little-endian base-128 length, data. */
export function decode(buf: Buffer): { type: string; offset: number; data: Buffer }[] {
  const out: { type: string; offset: number; data: Buffer }[] = [];
  let i = 0;
  while (i < buf.length) {
    const offset = i;
    const type = String.fromCharCode(buf[i++] as number);
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      const b = buf[i++] as number;
      len += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
    }
    out.push({ type, offset, data: buf.subarray(i, i + len) });
    i += len;
  }
  return out;
}
