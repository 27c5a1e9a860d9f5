import { describe, expect, it } from 'vitest';
import { maildirPath, maildirRelative, quarantineFolder } from './maildir-path';

describe('maildir paths', () => {
  it('joins the row’s maildir below virtual_mailbox_base', () => {
    expect(maildirPath('/home/domains', 'example.com/info/Maildir/')).toBe('/home/domains/example.com/info/Maildir');
    expect(maildirPath('/usr/opt/home/domains/', 'example.com/info/Maildir')).toBe('/usr/opt/home/domains/example.com/info/Maildir');
    expect(maildirRelative('example.com/info/Maildir/')).toBe('example.com/info/Maildir');
  });

  it('refuses absolute paths, dot segments and odd characters', () => {
    for (const bad of ['/etc/passwd', '../../etc', 'example.com/../../x', 'example.com/./info', 'a//b', '', 'info/Maildir;rm -rf /', 'info/$(id)', 'in fo']) {
      expect(() => maildirRelative(bad), bad).toThrow();
    }
    expect(() => maildirPath('relative/base', 'example.com/info/Maildir')).toThrow(/absolute/);
  });

  it('names the quarantine folder after the time, as mw-maildir accepts it', () => {
    expect(quarantineFolder(new Date('2026-11-27T22:15:09.123Z'))).toBe('.Quarantine.Mailwarden-20261127T221509Z');
    expect(quarantineFolder(new Date())).toMatch(/^\.Quarantine\.Mailwarden-[0-9A-Za-z-]{1,40}$/);
  });
});
