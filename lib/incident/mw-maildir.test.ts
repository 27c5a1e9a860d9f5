import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMoveOutput, parseScanOutput } from './maildir-protocol';

// The on-host helper itself (scripts/host/mw-maildir) against a scratch
// mailbox base: MW_MAILDIR_BASE is honoured only outside sudo, which is how
// this test starts it. Its output goes through the console's own parsers.

const SCRIPT = path.resolve(__dirname, '../../scripts/host/mw-maildir');
const REL = 'example.com/info/Maildir/';
let base: string;
let maildir: string;

function mw(args: string[], stdin?: string, extraEnv: Record<string, string> = {}) {
  const { SUDO_USER: _sudo, ...env } = process.env;
  const r = spawnSync('perl', ['-T', SCRIPT, ...args], { input: stdin, encoding: 'utf8', env: { ...env, MW_MAILDIR_BASE: base, ...extraEnv } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const bounce = (subject: string) =>
  `Return-Path: <>\nFrom: Mail Delivery System <MAILER-DAEMON@mx3.qq.com>\nSubject: ${subject}\nContent-Type: multipart/report; report-type=delivery-status;\n\tboundary="b"\n\nbody\n`;
const normal = (subject: string) => `Return-Path: <boss@example.com>\nFrom: Boss <boss@example.com>\nSubject: ${subject}\n\nHello\n`;

function put(sub: 'new' | 'cur', name: string, text: string, mtime?: number) {
  const p = path.join(maildir, sub, name);
  writeFileSync(p, text);
  if (mtime) utimesSync(p, mtime, mtime);
}

beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'mw-maildir-'));
  maildir = path.join(base, REL);
  for (const d of ['cur', 'new', 'tmp']) mkdirSync(path.join(maildir, d), { recursive: true });
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('mw-maildir scan', () => {
  it('lists recent bounces only, each with size, time, why and subject', async () => {
    const old = Math.floor(Date.now() / 1000) - 90 * 86400;
    put('cur', '1000.M1P1.mail:2,S', bounce('Old bounce, before the attack'), old);
    put('cur', '1001.M1P1.mail:2,S', normal('Old mail from the boss'), old);
    await new Promise((r) => setTimeout(r, 1100));
    const since = Math.floor(Date.now() / 1000);
    put('new', '2000.M1P1.mail', bounce('Undelivered Mail Returned to Sender'));
    put('new', '2001.M1P1.mail', normal('Lunch today?'));
    put('cur', '2002.M1P1.mail:2,', 'From: MAILER-DAEMON@mx1.163.com\nSubject: failure notice\n\nx\n');
    put('new', '2003.M1P1.mail', 'From: a@b\nContent-Type: multipart/report; report-type=delivery-status\nSubject: =?utf-8?B?6YCA5L+h?=\n\nx\n');

    const r = mw(['scan', REL, String(since)]);
    expect(r.code).toBe(0);
    const scan = parseScanOutput(r.out);
    expect(scan.scanned).toBe(6);
    expect(scan.messages.map((m) => [m.name, m.why]).sort()).toEqual([
      ['cur/2002.M1P1.mail:2,', 'mailer-daemon'],
      ['new/2000.M1P1.mail', 'return-path'],
      ['new/2003.M1P1.mail', 'report'],
    ]);
    const first = scan.messages.find((m) => m.name === 'new/2000.M1P1.mail')!;
    expect(first.subject).toBe('Undelivered Mail Returned to Sender');
    expect(first.size).toBe(Buffer.byteLength(bounce('Undelivered Mail Returned to Sender')));
    expect(Math.abs(first.mtime - since)).toBeLessThan(5);
    // MIME encoded-words are decoded on the console side.
    expect(scan.messages.find((m) => m.name === 'new/2003.M1P1.mail')!.subject).toBe('退信');
  });

  it('refuses Maildir paths that are absolute, climb out, or resolve outside the base', () => {
    for (const bad of ['/etc', '../x', 'example.com/../../etc', 'example.com/./info/Maildir', '']) {
      const r = mw(['scan', bad, '0']);
      expect(r.code, bad).toBe(64);
    }
    symlinkSync('/etc', path.join(base, 'example.com', 'evil'));
    const r = mw(['scan', 'example.com/evil', '0']);
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/outside/);
  });
});

describe('mw-maildir quarantine and restore', () => {
  it('moves the named files into a Maildir++ quarantine folder and back, never touching others', () => {
    put('new', 'a.mail', bounce('one'));
    put('cur', 'b.mail:2,S', bounce('two'));
    put('cur', 'keep.mail:2,S', normal('keep me'));
    writeFileSync(path.join(maildir, 'subscriptions'), 'V\t2\n\nSent\n');
    const folder = '.Quarantine.Mailwarden-20261127T2200Z';

    const q = mw(['quarantine', REL, folder], 'new/a.mail\ncur/b.mail:2,S\nnew/vanished.mail\n');
    expect(q.code).toBe(0);
    expect(parseMoveOutput(q.out)).toEqual({ done: ['new/a.mail', 'cur/b.mail:2,S'], gone: ['new/vanished.mail'], exists: [] });
    expect(readdirSync(path.join(maildir, folder, 'new'))).toEqual(['a.mail']);
    expect(readdirSync(path.join(maildir, folder, 'cur'))).toEqual(['b.mail:2,S']);
    expect(existsSync(path.join(maildir, folder, 'tmp'))).toBe(true);
    expect(existsSync(path.join(maildir, folder, 'maildirfolder'))).toBe(true);
    expect(readdirSync(path.join(maildir, 'cur'))).toEqual(['keep.mail:2,S']);
    expect(readFileSync(path.join(maildir, 'subscriptions'), 'utf8')).toBe('V\t2\n\nSent\nQuarantine\tMailwarden-20261127T2200Z\n');

    const back = mw(['restore', REL, folder], 'new/a.mail\ncur/b.mail:2,S\n');
    expect(parseMoveOutput(back.out).done).toEqual(['new/a.mail', 'cur/b.mail:2,S']);
    expect(readdirSync(path.join(maildir, 'cur')).sort()).toEqual(['b.mail:2,S', 'keep.mail:2,S']);
    expect(readFileSync(path.join(maildir, 'new', 'a.mail'), 'utf8')).toBe(bounce('one'));
    // Emptied, the quarantine folder goes away with its subscription.
    expect(back.out).toContain(`removed\t${folder}`);
    expect(existsSync(path.join(maildir, folder))).toBe(false);
    expect(readFileSync(path.join(maildir, 'subscriptions'), 'utf8')).toBe('V\t2\n\nSent\n');
  });

  it('never overwrites on restore, and reports exactly what moved when it fails half way', () => {
    for (const n of ['1', '2', '3', '4']) put('new', `${n}.mail`, bounce(n));
    const folder = '.Quarantine.Mailwarden-x1';
    const q = mw(['quarantine', REL, folder], 'new/1.mail\nnew/2.mail\nnew/3.mail\nnew/4.mail\n', { MW_MAILDIR_FAIL_AFTER: '2' });
    expect(q.code).toBe(74);
    expect(q.err).toMatch(/after 2 moves/);
    expect(parseMoveOutput(q.out).done).toEqual(['new/1.mail', 'new/2.mail']);
    expect(readdirSync(path.join(maildir, 'new')).sort()).toEqual(['3.mail', '4.mail']);

    put('new', '1.mail', 'a new message that took the old name');
    const back = mw(['restore', REL, folder], 'new/1.mail\nnew/2.mail\n');
    expect(parseMoveOutput(back.out)).toEqual({ done: ['new/2.mail'], gone: [], exists: ['new/1.mail'] });
    expect(readFileSync(path.join(maildir, 'new', '1.mail'), 'utf8')).toBe('a new message that took the old name');
    // The message that could not go back keeps its folder.
    expect(readdirSync(path.join(maildir, folder, 'new'))).toEqual(['1.mail']);
  });

  it('refuses odd folder names and odd message names before moving anything', () => {
    put('new', 'a.mail', bounce('one'));
    expect(mw(['quarantine', REL, '../../etc'], 'new/a.mail\n').code).toBe(64);
    expect(mw(['quarantine', REL, '.Trash'], 'new/a.mail\n').code).toBe(64);
    const r = mw(['quarantine', REL, '.Quarantine.Mailwarden-1'], 'new/a.mail\ncur/../../x\n');
    expect(r.code).toBe(65);
    expect(readdirSync(path.join(maildir, 'new'))).toEqual(['a.mail']);
  });
});
