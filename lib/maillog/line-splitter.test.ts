import { describe, expect, it } from 'vitest';
import { splitGrepOffsetLines, splitLines } from './line-splitter';

async function collect(chunks: (string | Buffer)[], opts: Parameters<typeof splitLines>[1] = {}) {
  const out: string[] = [];
  async function* src() {
    for (const c of chunks) yield c;
  }
  for await (const batch of splitLines(src(), opts)) out.push(...batch);
  return out;
}

// Every way to cut a text into chunks of a given size, to catch lines split at any byte.
function chunked(text: string, size: number): Buffer[] {
  const buf = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

const TEXT = 'alpha sasl_username=a\nbeta\r\ngamma nrcpt=1\n\ndelta 邮件 sasl_username=b\nepsilon';

describe('splitLines', () => {
  it('yields every non-empty line whatever the chunk boundaries, and the unterminated last one', async () => {
    for (const size of [1, 2, 3, 7, 64]) {
      expect(await collect(chunked(TEXT, size))).toEqual(['alpha sasl_username=a', 'beta', 'gamma nrcpt=1', 'delta 邮件 sasl_username=b', 'epsilon']);
    }
  });

  it('picks lines by needles out of raw bytes, in file order, each line once', async () => {
    for (const size of [1, 5, 64]) {
      const lines = await collect(chunked(TEXT, size), { needles: ['sasl_username=', 'nrcpt=', 'a\n'] });
      expect(lines).toEqual(['alpha sasl_username=a', 'gamma nrcpt=1', 'delta 邮件 sasl_username=b']);
    }
  });

  it('matches a needle at the very start of the data', async () => {
    expect(await collect(['nrcpt=3 x\nother\n'], { needles: ['nrcpt='] })).toEqual(['nrcpt=3 x']);
  });

  it('keeps a partial last line of a live file unread and counts only complete lines', async () => {
    const stats = { consumed: 0 };
    const lines = await collect(chunked('one\ntwo\nthr', 4), { partial: 'keep', stats });
    expect(lines).toEqual(['one', 'two']);
    expect(stats.consumed).toBe(8);
  });

  it('applies a decoded-line filter after the needles', async () => {
    const lines = await collect([TEXT], { filter: (l) => l.toLowerCase().includes('BETA'.toLowerCase()) });
    expect(lines).toEqual(['beta']);
  });
});

describe('splitGrepOffsetLines', () => {
  it('reads `grep -b` offsets and where each line ends in the file, across chunk cuts', async () => {
    const file = 'one x\ntwo sasl_username=a\nthree\nfour sasl_username=b\n邮件 sasl_username=王\n';
    const grepOut = file
      .split('\n')
      .map(
        (l, i, all) =>
          [
            Buffer.byteLength(
              all
                .slice(0, i)
                .map((x) => x + '\n')
                .join(''),
            ),
            l,
          ] as const,
      )
      .filter(([, l]) => l.includes('sasl_username='))
      .map(([at, l]) => `${at}:${l}\n`)
      .join('');
    for (const size of [1, 3, 64]) {
      const out: { offset: number; end: number; text: string }[] = [];
      async function* src() {
        for (const c of chunked(grepOut, size)) yield c;
      }
      for await (const batch of splitGrepOffsetLines(src())) out.push(...batch);
      expect(out.map((l) => l.text)).toEqual(['two sasl_username=a', 'four sasl_username=b', '邮件 sasl_username=王']);
      for (const l of out) expect(Buffer.from(file).subarray(l.offset, l.end).toString()).toBe(`${l.text}\n`);
    }
  });
});
