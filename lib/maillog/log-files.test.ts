import { describe, expect, it } from 'vitest';
import { isSafeLogPath, parseFindListing, planScan, rotationRank, selectFiles, type LogFile } from './log-files';

const listing = [
  '101\t5000\t1795000000.5\t/var/log/maillog',
  '102\t9000\t1794900000.0\t/var/log/maillog.1',
  '103\t800\t1794800000.0\t/var/log/maillog.2.gz',
  '104\t700\t1794700000.0\t/var/log/maillog-20261120.gz',
  '105\t10\t1795000001.0\t/var/log/maillog.lock',
  '106\t10\t1795000001.0\t/var/log/maillogger',
  '107\t10\t1795000001.0\t/var/log/maillog.bz2',
  'garbage line',
].join('\n');

describe('rotationRank', () => {
  it('knows logrotate numbers, dateext names and the live file, and nothing else', () => {
    expect(rotationRank('maillog', 'maillog')).toBe(0);
    expect(rotationRank('maillog', 'maillog.1')).toBe(1);
    expect(rotationRank('maillog', 'maillog.12.gz')).toBe(12);
    expect(rotationRank('maillog', 'maillog-20261127')).toBeGreaterThan(rotationRank('maillog', 'maillog-20261128')!);
    expect(rotationRank('maillog', 'maillog.bak')).toBeNull();
    expect(rotationRank('maillog', 'maillog.gz')).toBeNull();
    expect(rotationRank('mail.log', 'mailXlog')).toBeNull();
  });
});

describe('parseFindListing', () => {
  it('keeps only rotations of the configured file, oldest first', () => {
    const files = parseFindListing(listing, '/var/log/maillog');
    expect(files.map((f) => f.path)).toEqual(['/var/log/maillog-20261120.gz', '/var/log/maillog.2.gz', '/var/log/maillog.1', '/var/log/maillog']);
    expect(files[0]).toEqual({ path: '/var/log/maillog-20261120.gz', inode: 104, size: 700, mtimeMs: 1794700000000, gz: true });
    expect(files[3]!.gz).toBe(false);
  });

  it('orders equal mtimes by rotation number', () => {
    const same = ['1\t1\t100\t/l/maillog.1', '2\t1\t100\t/l/maillog.3', '3\t1\t100\t/l/maillog'].join('\n');
    expect(parseFindListing(same, '/l/maillog').map((f) => f.path)).toEqual(['/l/maillog.3', '/l/maillog.1', '/l/maillog']);
  });
});

describe('isSafeLogPath', () => {
  it('accepts plain absolute paths only', () => {
    expect(isSafeLogPath('/var/log/maillog')).toBe(true);
    expect(isSafeLogPath('/var/log/mail.log')).toBe(true);
    for (const bad of ['var/log/maillog', '/var/log/mail log', '/var/log/*', "/var/log/x'y", '/var/../etc/shadow', '/var/log/']) {
      expect(isSafeLogPath(bad), bad).toBe(false);
    }
  });
});

const file = (inode: number, mtimeMs: number, size = 100): LogFile => ({ path: `/l/${inode}`, inode, size, mtimeMs, gz: false });

describe('selectFiles', () => {
  const files = [file(1, 1_000_000_000), file(2, 2_000_000_000), file(3, 3_000_000_000)];
  it('skips files last written before from', () => {
    expect(selectFiles(files, { from: 1_500_000_000, to: null }).map((f) => f.inode)).toEqual([2, 3]);
  });
  it('skips files that begin after to', () => {
    expect(selectFiles(files, { from: 0, to: 1_500_000_000 }).map((f) => f.inode)).toEqual([1, 2]);
  });
});

describe('planScan', () => {
  const marks = [
    { inode: 1, size: 100, readTo: 100 },
    { inode: 2, size: 100, readTo: 100 },
  ];
  it('reuses a scan when nothing changed', () => {
    expect(planScan(marks, [file(1, 1, 100), file(2, 2, 100)])).toEqual({ mode: 'cache' });
  });
  it('resumes the live file where the scan stopped', () => {
    expect(planScan(marks, [file(1, 1, 100), file(2, 2, 180)])).toEqual({ mode: 'resume', index: 1, offset: 100 });
  });
  it('resumes across a rotation: the old live file kept its inode, a new one follows', () => {
    expect(planScan(marks, [file(1, 1, 100), file(2, 2, 150), file(9, 3, 10)])).toEqual({ mode: 'resume', index: 1, offset: 100 });
  });
  it('starts over when an older file changed, vanished or the live file shrank', () => {
    expect(planScan(marks, [file(1, 1, 120), file(2, 2, 180)])).toEqual({ mode: 'full' });
    expect(planScan(marks, [file(2, 2, 180)])).toEqual({ mode: 'full' });
    expect(planScan(marks, [file(1, 1, 100), file(2, 2, 50)])).toEqual({ mode: 'full' });
    expect(planScan(marks, [file(7, 0, 5), file(1, 1, 100), file(2, 2, 100)])).toEqual({ mode: 'full' });
    expect(planScan(undefined, [file(1, 1, 100)])).toEqual({ mode: 'full' });
  });
  it('does not read again after a scan that already passed "to"', () => {
    expect(planScan(marks, [file(1, 1, 100), file(2, 2, 500)], true)).toEqual({ mode: 'cache' });
  });
});
