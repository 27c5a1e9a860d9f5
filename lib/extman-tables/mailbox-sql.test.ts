import { describe, expect, it } from 'vitest';
import { escapeLike, mailboxListColumns, mailboxOrder, mailboxWhere, pageWindow } from './mailbox-sql';

const admin = { role: 'admin' as const, domains: [] };
const pm = { role: 'postmaster' as const, domains: ['example.com'] };
const allFlags = ['disablesmtpd', 'disablesmtp'] as const;

describe('escapeLike', () => {
  it('makes the LIKE wildcards and the escape character literal', () => {
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });
  it('leaves quotes and shell characters alone (they are bound, not escaped)', () => {
    expect(escapeLike("a'b;$(id)")).toBe("a'b;$(id)");
  });
});

describe('mailboxWhere', () => {
  it('binds the search text as a parameter, never as SQL', () => {
    const where = mailboxWhere({ q: "a'b%_;$(id)" }, admin, allFlags);
    expect(where.sql).not.toContain("a'b");
    expect(where.sql).toContain('username LIKE ? OR name LIKE ?');
    expect(where.values).toEqual(["%a'b\\%\\_;$(id)%", "%a'b\\%\\_;$(id)%"]);
  });

  it('limits a postmaster to his domains', () => {
    const where = mailboxWhere({ domain: 'corp.test' }, pm, allFlags);
    expect(where.sql).toMatch(/domain IN \(\?\) AND domain = \?/);
    expect(where.values).toEqual(['example.com', 'corp.test']);
  });

  it('shows a postmaster without domains nothing', () => {
    expect(mailboxWhere({}, { role: 'postmaster', domains: [] }, allFlags).sql).toContain('1 = 0');
  });

  it('has no WHERE at all for an admin without filters', () => {
    expect(mailboxWhere({}, admin, allFlags).sql).toBe('');
  });

  it('matches nobody on a flag whose column this database lacks', () => {
    expect(mailboxWhere({ flag: 'disablepop3' }, admin, allFlags).sql).toContain('1 = 0');
    expect(mailboxWhere({ flag: 'disablesmtpd' }, admin, allFlags).sql).toContain('disablesmtpd = 1');
  });

  it('combines status and expiry', () => {
    const sql = mailboxWhere({ status: 'inactive', expired: 'true' }, admin, allFlags).sql;
    expect(sql).toContain('active <> 1');
    expect(sql).toContain("expiredate > '0000-00-00' AND expiredate <= CURDATE()");
    expect(mailboxWhere({ expired: 'false' }, admin, allFlags).sql).toContain('NOT (expiredate');
  });
});

describe('mailboxOrder', () => {
  it('breaks ties by username so pages do not overlap', () => {
    expect(mailboxOrder('createdate', 'desc').sql).toBe('ORDER BY createdate DESC, username DESC');
    expect(mailboxOrder('username', 'asc').sql).toBe('ORDER BY username ASC');
  });
  it('sorts quota by its byte number, not as text', () => {
    expect(mailboxOrder('quota', 'asc').sql).toMatch(/^ORDER BY CAST\(.*AS UNSIGNED\) ASC, username ASC$/);
  });
});

describe('mailboxListColumns', () => {
  it('reads dates as text and selects only the flags present', () => {
    const sql = mailboxListColumns(['disablesmtpd']).sql;
    expect(sql).toContain('CAST(createdate AS CHAR) AS createdate');
    expect(sql).toContain('disablesmtpd');
    expect(sql).not.toContain('disablepop3');
  });
});

describe('mailboxOrder with a filter', () => {
  it('keeps the server off the username index when a WHERE clause narrows the rows', () => {
    expect(mailboxOrder('username', 'asc', { filtered: true }).sql).toBe("ORDER BY CONCAT(username, '') ASC");
    expect(mailboxOrder('createdate', 'asc', { filtered: true }).sql).toBe('ORDER BY createdate ASC, username ASC');
  });
  it('flips direction, tie-breaker included, for a page served from the end', () => {
    expect(mailboxOrder('createdate', 'desc', { reversed: true }).sql).toBe('ORDER BY createdate ASC, username ASC');
  });
});

describe('pageWindow', () => {
  it('asks for the page as is in the first half', () => {
    expect(pageWindow(null, 3, 50)).toEqual({ offset: 100, limit: 50, reversed: false });
    expect(pageWindow(100_000, 1000, 50)).toEqual({ offset: 49_950, limit: 50, reversed: false });
  });
  it('counts from the end past the middle, including a short last page', () => {
    expect(pageWindow(100_000, 1500, 50)).toEqual({ offset: 25_000, limit: 50, reversed: true });
    expect(pageWindow(120, 3, 50)).toEqual({ offset: 0, limit: 20, reversed: true });
  });
  it('asks for nothing beyond the end', () => {
    expect(pageWindow(120, 9, 50).limit).toBe(0);
  });
});
