// Postfix queue file records (src/global/record.c, rec_type.h): one type
// byte, the length as 7-bit groups (least significant first, high bit set
// on all but the last), then the data.

export const REC = {
  SIZE: 'C',
  TIME: 'T',
  ATTR: 'A',
  FROM: 'S',
  RCPT: 'R',
  ORCP: 'O',
  MESG: 'M',
  NORM: 'N',
  CONT: 'L',
  XTRA: 'X',
  END: 'E',
} as const;

export type RecordType = (typeof REC)[keyof typeof REC];

/** Bytes the length prefix of a `len`-byte record takes. */
export function lengthBytes(len: number): number {
  let n = 1;
  for (let rest = len >>> 7; rest > 0; rest >>>= 7) n++;
  return n;
}

/**
 * Appends records to a growing buffer and remembers offsets, which the size
 * record and the defer logfile need.
 */
export class RecordWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialSize = 8192) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  get offset(): number {
    return this.pos;
  }

  /** Writes one record; `data` must be ASCII/latin1 (queue files are bytes). */
  put(type: RecordType, data = ''): number {
    const start = this.pos;
    const len = Buffer.byteLength(data, 'latin1');
    this.ensure(1 + lengthBytes(len) + len);
    this.buf[this.pos++] = type.charCodeAt(0);
    let rest = len;
    do {
      let byte = rest & 0x7f;
      rest >>>= 7;
      if (rest !== 0) byte |= 0x80;
      this.buf[this.pos++] = byte;
    } while (rest !== 0);
    this.pos += this.buf.write(data, this.pos, 'latin1');
    return start;
  }

  /** Overwrites bytes at `offset` (same length), e.g. the fixed-width size record. */
  patch(offset: number, data: string): void {
    this.buf.write(data, offset, 'latin1');
  }

  toBuffer(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
}
