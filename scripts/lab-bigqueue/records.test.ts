import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode } from './record-decoder';
import { lengthBytes, RecordWriter, type RecordType } from './records';

const CORPUS = new URL('../../../shared/corpora/queue-files/postfix-src-cleanup-testdata/', import.meta.url);

describe('RecordWriter', () => {
  it('re-encodes a queue file written by Postfix byte for byte', () => {
    for (const name of ['test-queue-file', 'test-queue-file14', 'bug1.file']) {
      const original = readFileSync(new URL(name, CORPUS));
      const w = new RecordWriter(16);
      for (const rec of decode(original)) w.put(rec.type as RecordType, rec.data.toString('latin1'));
      expect(w.toBuffer().equals(original), name).toBe(true);
    }
  });

  it('encodes lengths across the 7-bit boundaries and reports record offsets', () => {
    const sizes = [0, 1, 127, 128, 300, 16383, 16384, 70000];
    const w = new RecordWriter(8);
    const offsets = sizes.map((n) => w.put('N', 'x'.repeat(n)));
    const decoded = decode(w.toBuffer());
    expect(decoded.map((r) => r.data.length)).toEqual(sizes);
    expect(decoded.map((r) => r.offset)).toEqual(offsets);
    expect(decoded.map((r) => r.type)).toEqual(sizes.map(() => 'N'));
  });

  it('counts length prefix bytes like rec_put', () => {
    expect([0, 127, 128, 16383, 16384].map(lengthBytes)).toEqual([1, 1, 2, 2, 3]);
  });

  it('patches fixed-width data in place', () => {
    const w = new RecordWriter();
    const at = w.put('C', '    0     0');
    w.put('E');
    w.patch(at + 2, '   12    34');
    expect(decode(w.toBuffer())[0]?.data.toString()).toBe('   12    34');
  });
});
