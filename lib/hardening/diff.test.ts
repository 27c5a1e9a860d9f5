import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './diff';
import { seedMainCf } from './testdata/seed';

// GNU diff -u is the reference: same hunks, same line numbers.
function gnuDiff(a: string, b: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-diff-'));
  writeFileSync(path.join(dir, 'a'), a);
  writeFileSync(path.join(dir, 'b'), b);
  try {
    return execFileSync('diff', ['-u', '--label', 'a', '--label', 'b', path.join(dir, 'a'), path.join(dir, 'b')], { encoding: 'utf8' });
  } catch (err) {
    return (err as { stdout: string }).stdout;
  }
}

const seed = seedMainCf();
const lines = seed.split('\n');
const edit = (fn: (l: string[]) => void) => {
  const copy = [...lines];
  fn(copy);
  return copy.join('\n');
};

describe('unifiedDiff', () => {
  it.each([
    ['one changed line', edit((l) => l.splice(10, 1, 'myhostname = mx.example.com'))],
    ['a line added at the end', edit((l) => l.splice(l.length - 1, 0, 'smtpd_sender_login_maps = mysql:/etc/postfix/x.cf'))],
    ['a line removed at the top', edit((l) => l.splice(0, 1))],
    ['two edits far apart', edit((l) => (l.splice(4, 1, 'x = 1'), l.splice(60, 1, 'y = 2')))],
    ['two edits close together', edit((l) => (l.splice(20, 1, 'x = 1'), l.splice(25, 0, 'y = 2', 'z = 3')))],
  ])('matches GNU diff -u for %s', (_name, after) => {
    expect(unifiedDiff(seed, after, { from: 'a', to: 'b' })).toBe(gnuDiff(seed, after));
  });

  it('is empty for identical texts', () => {
    expect(unifiedDiff(seed, seed, { from: 'a', to: 'b' })).toBe('');
  });
});
