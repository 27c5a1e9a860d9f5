import { describe, expect, it } from 'vitest';
import { liveLines } from './live-lines';

async function collect(chunks: string[], needles: string[]) {
  const out: string[] = [];
  async function* src() {
    for (const c of chunks) yield Buffer.from(c);
  }
  for await (const l of liveLines(src(), needles)) out.push(l);
  return out;
}

describe('liveLines', () => {
  it('yields complete wanted lines wherever the chunks split them', async () => {
    const text = 'a: sasl_username=x\r\nb: noise\nc: nrcpt=2 ü\n';
    for (let size = 1; size <= text.length; size++) {
      const chunks = Buffer.from(text)
        .toString('latin1')
        .match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!
        .map((c) => Buffer.from(c, 'latin1').toString('latin1'));
      const out: string[] = [];
      async function* src() {
        for (const c of chunks) yield Buffer.from(c, 'latin1');
      }
      for await (const l of liveLines(src(), ['sasl_username=', 'nrcpt='])) out.push(l);
      expect(out, `size ${size}`).toEqual(['a: sasl_username=x', 'c: nrcpt=2 ü']);
    }
  });

  it('keeps a last line without newline back (it is still being written)', async () => {
    expect(await collect(['x nrcpt=1\nx nrcpt=2'], ['nrcpt='])).toEqual(['x nrcpt=1']);
  });
});
