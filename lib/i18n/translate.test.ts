import { describe, expect, it } from 'vitest';
import { en } from './catalogue/en';
import { zh } from './catalogue/zh';
import { formatMessage, LOCALES, pluralRules, pluralsOf, variablesOf, type Locale } from './core';
import { translator } from './translate';

const catalogues: Record<Locale, Record<string, string>> = { en, zh };

describe('message catalogue', () => {
  it('has the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps every variable of the English text in the Chinese one', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(variablesOf(zh[key]), key).toEqual(variablesOf(en[key]));
    }
  });

  it('gives every plural message each category its locale needs, and "other"', () => {
    for (const locale of LOCALES) {
      const needed = [...pluralRules(locale).resolvedOptions().pluralCategories, 'other'];
      for (const [key, text] of Object.entries(catalogues[locale])) {
        for (const p of pluralsOf(text)) {
          for (const category of needed) expect(Object.keys(p.cases), `${locale} ${key}: ${category}`).toContain(category);
        }
        // A plural that could not be read would be shown raw.
        const opened = (text.match(/\{\s*\w+\s*,\s*plural\s*,/g) ?? []).length;
        expect(pluralsOf(text).length, `${locale} ${key}`).toBe(opened);
      }
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('login.throttled', { seconds: 30 })).toBe('Too many failed attempts. Try again in 30 seconds.');
    expect(translator('zh')('login.throttled', {})).toContain('{seconds}');
  });
});

describe('plural messages', () => {
  const msg = '{count, plural, =0 {no mailbox} one {# mailbox} other {# mailboxes}} in {domain}';

  it('picks the case by Intl.PluralRules, exact matches first', () => {
    expect(formatMessage('en', msg, { count: 0, domain: 'a.com' })).toBe('no mailbox in a.com');
    expect(formatMessage('en', msg, { count: 1, domain: 'a.com' })).toBe('1 mailbox in a.com');
    expect(formatMessage('en', msg, { count: 1234, domain: 'a.com' })).toBe('1,234 mailboxes in a.com');
  });

  it('reads a count the caller already formatted, and shows it as given', () => {
    expect(formatMessage('en', msg, { count: '1,234', domain: 'x' })).toBe('1,234 mailboxes in x');
    expect(formatMessage('en', msg, { count: '1', domain: 'x' })).toBe('1 mailbox in x');
  });

  it('uses the catalogue: one mailbox, one domain, in both languages', () => {
    expect(translator('en')('mailboxes.total', { count: 1 })).toBe('1 mailbox');
    expect(translator('en')('mailboxes.total', { count: 2 })).toBe('2 mailboxes');
    expect(translator('en')('dashboard.domainCount', { count: 1 })).toBe('1 domain');
    expect(translator('zh')('mailboxes.total', { count: 1 })).toBe('共 1 个邮箱');
  });

  it('keeps a plural without its number readable', () => {
    expect(formatMessage('en', msg, { domain: 'x' })).toContain('{count, plural,');
  });
});
