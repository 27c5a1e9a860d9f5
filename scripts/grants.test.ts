import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { grantStatements, LAB_GRANTS, MAILBOX_UPDATE, MANAGER_UPDATE, NARROW_MARKER } from './grants';

const root = path.resolve(__dirname, '..');

describe('grantStatements', () => {
  it('is what the lab applies, byte for byte (scripts/lab.d/grants.sql)', () => {
    expect(readFileSync(path.join(root, 'scripts/lab.d/grants.sql'), 'utf8')).toBe(grantStatements(LAB_GRANTS));
  });

  it('gives extman tables SELECT, and the mailbox and manager only the columns the console writes', () => {
    const sql = grantStatements(LAB_GRANTS);
    const onExtmail = sql.split('\n').filter((l) => l.startsWith('GRANT') && l.includes('`extmail`'));
    for (const l of onExtmail) {
      expect(l).toMatch(
        /^GRANT (SELECT ON `extmail`\.`\w+`|UPDATE \(`password`, `clearpwd`, `disablesmtpd`\) ON `extmail`\.`mailbox`|UPDATE \(`password`\) ON `extmail`\.`manager`) TO /,
      );
    }
    expect(sql).not.toMatch(/ON `extmail`\.\*/);
    expect(MAILBOX_UPDATE).toEqual(['password', 'clearpwd', 'disablesmtpd']);
    expect(MANAGER_UPDATE).toEqual(['password']);
  });

  it('takes back every earlier right before granting, so running it again changes nothing', () => {
    const lines = grantStatements(LAB_GRANTS).split('\n');
    const revoke = lines.findIndex((l) => l.startsWith('REVOKE ALL PRIVILEGES, GRANT OPTION FROM'));
    const lastNarrowGrant = lines.findLastIndex((l) => l.startsWith('GRANT'));
    expect(revoke).toBeGreaterThan(lines.findIndex((l) => l.startsWith(NARROW_MARKER)));
    expect(lastNarrowGrant).toBeGreaterThan(revoke);
  });

  it('before the move, adds the console database and takes nothing away', () => {
    const sql = grantStatements(LAB_GRANTS, { beforeMove: true });
    expect(sql).toContain('GRANT ALL PRIVILEGES ON `mailwarden`.* TO');
    expect(sql).not.toContain('REVOKE');
    expect(sql).not.toContain('`extmail`');
    // The lab applies the part of grants.sql before the marker in that case: the same statements.
    const full = grantStatements(LAB_GRANTS);
    const prefix = full
      .slice(0, full.indexOf(NARROW_MARKER))
      .split('\n')
      .filter((l) => !l.startsWith('--'));
    expect(prefix).toEqual(sql.split('\n').filter((l) => !l.startsWith('--')));
  });

  it('quotes names and passwords', () => {
    const sql = grantStatements({ ...LAB_GRANTS, user: "o'brien", password: "p'w\\x", mailwardenDb: 'mw`x' });
    expect(sql).toContain("'o\\'brien'@'localhost' IDENTIFIED BY 'p\\'w\\\\x'");
    expect(sql).toContain('ON `mw``x`.*');
  });
});
