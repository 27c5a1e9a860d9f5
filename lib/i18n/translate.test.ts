import { describe, expect, it } from 'vitest';
import { en } from './catalogue/en';
import { zh } from './catalogue/zh';
import { translator } from './translate';

describe('message catalogue', () => {
  it('has the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps every {placeholder} of the English text in the Chinese one', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const wanted = (en[key].match(/\{\w+\}/g) ?? []).sort();
      expect((zh[key].match(/\{\w+\}/g) ?? []).sort(), key).toEqual(wanted);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('login.throttled', { seconds: 30 })).toBe('Too many failed attempts. Try again in 30 seconds.');
    expect(translator('zh')('login.throttled', {})).toContain('{seconds}');
  });
});
