import { describe, expect, it } from 'vitest';
import { md5Crypt } from '@/lib/auth/crypto/md5-crypt';
import { consoleListExtras, loadCommonList, parseCommonList } from './common-list';
import { candidatesFor, findingLabel, testStored } from './matcher';
import { makePacer } from './pace';

const common = loadCommonList();

describe('the shipped list', () => {
  it('holds at least 1,000 passwords, most common first', () => {
    expect(common.length).toBeGreaterThanOrEqual(1000);
    expect(common[0]).toEqual({ password: '123456', rank: 1 });
  });
  it('keeps line numbers as ranks across empty lines', () => {
    expect(parseCommonList('a\n\nb\n')).toEqual([
      { password: 'a', rank: 1 },
      { password: 'b', rank: 3 },
    ]);
  });
});

describe('candidatesFor', () => {
  it('puts the list’s top 100 first, then the login patterns, then the rest, without duplicates', () => {
    const c = candidatesFor('info@example.com', { common, extras: consoleListExtras(common), year: 2026 });
    expect(c[100]!.finding.source).toBe('pattern');
    expect(new Set(c.map((x) => x.password)).size).toBe(c.length);
    expect(c.find((x) => x.password === '123456')!.finding).toEqual({ source: 'common', rank: 1 });
  });
  it('offers the list alone when patterns are off', () => {
    expect(candidatesFor('info@example.com', { common, patterns: false })).toHaveLength(common.length);
  });
});

describe('testStored', () => {
  const lab = { info: '$1$RpyMEokE$QNzHVkU3V1Q4rNsHeW1Y/0', test1: '$1$Mw1Test1$nSSgFBgBFCL/tm8Ih5yXj1', alice: '$1$MwAlice1$2hoS9Ag3XMWrH2K.o7cBd1' };
  it('finds the lab’s info123 by pattern and test1’s 123456 in the list (md5-crypt)', async () => {
    const info = await testStored(lab.info, candidatesFor('info@example.com', { common, year: 2026 }));
    expect(info.outcome === 'guessable' && findingLabel(info.finding)).toBe('login+digits');
    const test1 = await testStored(lab.test1, candidatesFor('test1@example.com', { common, year: 2026 }));
    expect(test1.outcome === 'guessable' && findingLabel(test1.finding)).toBe('common list #1');
  });
  it('finds nothing for a strong password and says how many it tried', async () => {
    const few = candidatesFor('alice@example.com', { common: common.slice(0, 20), year: 2026 }).slice(0, 60);
    const out = await testStored(lab.alice, few);
    expect(out).toMatchObject({ outcome: 'not-found', tried: 60, scheme: 'md5-crypt' });
  });
  it('tests every scheme the console verifies: sha512-crypt, a {PLAIN} value', async () => {
    const { hashPassword } = await import('@/lib/auth/crypto');
    const sha = await hashPassword('qwerty', 'sha512-crypt');
    expect(await testStored(sha, candidatesFor('x@y.z', { common: common.slice(0, 10), patterns: false }))).toMatchObject({
      outcome: 'guessable',
      finding: { rank: 4 },
    });
    expect(await testStored('{PLAIN}dragon', candidatesFor('x@y.z', { common: common.slice(0, 20), patterns: false }))).toMatchObject({
      outcome: 'guessable',
      scheme: 'plain',
    });
  });
  it('flags a clear-text password column and skips what it cannot test', async () => {
    expect(await testStored('Very-long-unguessable-7', [{ password: 'x', finding: { source: 'console-list' } }])).toMatchObject({
      outcome: 'not-found',
      plainStored: true,
    });
    expect(await testStored('', [])).toMatchObject({ outcome: 'untestable', scheme: 'empty' });
    expect(await testStored('$y$j9T$abc$def', [])).toMatchObject({ outcome: 'untestable', scheme: 'unknown' });
  });
  it('finds the same candidate after the same number of tries with the md5-crypt fast path as with verifyPassword', async () => {
    const list = candidatesFor('info@example.com', { common: common.slice(0, 150), year: 2026 }).slice(0, 300);
    for (const stored of [lab.info, lab.test1, lab.alice, md5Crypt(list[137]!.password, 'q1w2e3r4')]) {
      const slow = await testStored(stored, list, { fastMd5: false });
      expect(await testStored(stored, list)).toEqual(slow);
    }
    expect(await testStored(md5Crypt(list[137]!.password, 'q1w2e3r4'), list)).toMatchObject({ outcome: 'guessable', tried: 138 });
    expect(await testStored(md5Crypt(list[136]!.password, 'q1w2e3r4'), list)).toMatchObject({ outcome: 'guessable', tried: 137 });
    // An odd count: the last candidate alone.
    const odd = list.slice(0, 139);
    expect(await testStored(md5Crypt(odd[138]!.password, 'q1w2e3r4'), odd)).toMatchObject({ outcome: 'guessable', tried: 139 });
    expect(await testStored(lab.alice, odd)).toEqual(await testStored(lab.alice, odd, { fastMd5: false }));
    // About 1,500 md5-crypt hashes through node:crypto: seconds of CPU, more on a busy machine.
  }, 30_000);
  it('paces after every candidate', async () => {
    let paced = 0;
    await testStored(
      md5Crypt('zzz-not-there', 'saltsalt'),
      [
        { password: 'a', finding: { source: 'console-list' } },
        { password: 'b', finding: { source: 'console-list' } },
      ],
      { pace: async () => void paced++ },
    );
    expect(paced).toBe(2);
  });
});

describe('makePacer', () => {
  it('sleeps in proportion to the work once a slice is used up', async () => {
    let t = 0;
    const sleeps: number[] = [];
    const pace = makePacer(
      0.5,
      20,
      () => t,
      async (ms) => void sleeps.push(ms),
    );
    t = 10;
    await pace();
    t = 30;
    await pace();
    expect(sleeps).toEqual([30]);
  });
});
