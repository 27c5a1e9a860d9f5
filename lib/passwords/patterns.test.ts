import { describe, expect, it } from 'vitest';
import { patternCandidates, wordsOf } from './patterns';

const find = (user: string, pw: string) => patternCandidates(user, 2026).find((c) => c.password === pw)?.pattern;

describe('wordsOf', () => {
  it('takes the local part and the telling label of the domain', () => {
    expect(wordsOf('info@example.com')).toEqual({ login: ['info'], domain: ['example'] });
    expect(wordsOf('zhang.wei@mail.corp.com.cn')).toEqual({ login: ['zhang.wei', 'zhangwei'], domain: ['corp'] });
  });
  it('keeps a one-label domain and drops words shorter than two letters', () => {
    expect(wordsOf('a@localhost')).toEqual({ login: [], domain: ['localhost'] });
  });
});

describe('patternCandidates', () => {
  it('builds the seed account’s password from its login', () => {
    expect(find('info@example.com', 'info123')).toBe('login+digits');
  });
  it('names the pattern of each family from the issue', () => {
    expect(find('info@example.com', 'Info@2024')).toBe('login+symbol+year');
    expect(find('info@example.com', 'example123')).toBe('domain+digits');
    expect(find('info@example.com', 'infoinfo')).toBe('login-repeated');
    expect(find('sales@example.com', 'sales2012')).toBe('login+year');
    expect(find('bob@example.com', 'bob@2013')).toBe('login+symbol+year');
    expect(find('left@example.com', 'left-2010')).toBe('login+symbol+year');
    expect(find('postmaster@extmail.org', 'extmail')).toBe('domain');
    expect(find('info@example.com', 'Info2024!')).toBe('login+year');
  });
  it('does not make the lab’s ordinary passwords', () => {
    for (const [user, pw] of [
      ['alice@example.com', 'Alice-2015!'],
      ['ceo@corp.test', 'Ceo-corp-1'],
      ['former@example.com', 'old-user-9'],
    ]) {
      expect(find(user!, pw!)).toBeUndefined();
    }
  });
  it('has no duplicates and stays around a thousand per mailbox', () => {
    const all = patternCandidates('info@example.com', 2026);
    expect(new Set(all.map((c) => c.password)).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(500);
    expect(all.length).toBeLessThan(1500);
  });
  it('runs the years up to the next one', () => {
    expect(find('info@example.com', 'info2027')).toBe('login+year');
    expect(find('info@example.com', 'info2028')).toBeUndefined();
  });
});
