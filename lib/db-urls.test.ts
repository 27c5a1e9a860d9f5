import { describe, expect, it } from 'vitest';
import { databaseName, databaseUrls, defaultMwDatabaseUrl, sameDatabase } from './db-urls';

describe('database URLs', () => {
  it('puts the console tables in a `mailwarden` database on the extmail server by default', () => {
    expect(defaultMwDatabaseUrl('mysql://mw:p%40ss@db.example:3307/extmail')).toBe('mysql://mw:p%40ss@db.example:3307/mailwarden');
    expect(databaseUrls({ DATABASE_URL: 'mysql://u:p@h/extmail' }).mailwarden).toBe('mysql://u:p@h/mailwarden');
    expect(databaseUrls({ DATABASE_URL: 'mysql://u:p@h/extmail', MW_DATABASE_URL: '' }).mailwarden).toBe('mysql://u:p@h/mailwarden');
  });

  it('keeps an MW_DATABASE_URL that is given', () => {
    expect(databaseUrls({ DATABASE_URL: 'mysql://u:p@h/extmail', MW_DATABASE_URL: 'mysql://c:q@other/console' })).toEqual({
      extmail: 'mysql://u:p@h/extmail',
      mailwarden: 'mysql://c:q@other/console',
    });
  });

  it('says which variable is missing', () => {
    expect(() => databaseUrls({})).toThrow(/DATABASE_URL is not set/);
  });

  it('knows the same database behind different accounts and an implicit port', () => {
    expect(sameDatabase('mysql://a:x@h/extmail', 'mysql://b:y@h:3306/extmail')).toBe(true);
    expect(sameDatabase('mysql://a@h/extmail', 'mysql://a@h/mailwarden')).toBe(false);
    expect(sameDatabase('mysql://a@h1/extmail', 'mysql://a@h2/extmail')).toBe(false);
    expect(databaseName('mysql://a@h/ext%5Fmail')).toBe('ext_mail');
  });
});
