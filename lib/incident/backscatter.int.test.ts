import { chownSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

// The backscatter clean-up over real SSH on the lab: mw-maildir runs as the
// vmail user through sudo, finds the bounces planted in a mailbox that
// nothing else touches (dev@corp.test), moves them into a quarantine folder
// and back, and the console records exactly what moved.

const root = path.resolve(__dirname, '../..');
for (const line of readFileSync(path.join(root, '.env.local'), 'utf8').split('\n')) {
  const m = /^([A-Z_]+)=(.*)$/.exec(line);
  if (m && !process.env[m[1]!]) process.env[m[1]!] = m[2]!;
}
const lab = JSON.parse(readFileSync(path.join(root, '.lab/lab.json'), 'utf8')) as { ssh: { name: string }; vmail: { base: string; uid: number; gid: number } };

const { previewBackscatter, quarantineBackscatter, undoQuarantine } = await import('./backscatter');
const { db } = await import('@/lib/db');

const HOST = lab.ssh.name;
const USER = 'dev@corp.test';
const MAILDIR = path.join(lab.vmail.base, 'corp.test/dev/Maildir');
const admin = { username: 'int-test@extmail.org', role: 'admin' as const, domains: [], sessionId: 'int-test' };
const stamp = Date.now();
const names = [`new/${stamp}.mwtest1.lab`, `new/${stamp}.mwtest2.lab`, `cur/${stamp}.mwtest3.lab:2,S`];
let folder: string | null = null;

function plant(name: string, text: string) {
  const file = path.join(MAILDIR, name);
  writeFileSync(file, text);
  chownSync(file, lab.vmail.uid, lab.vmail.gid);
}

afterAll(() => {
  for (const n of names) rmSync(path.join(MAILDIR, n), { force: true });
  if (folder) rmSync(path.join(MAILDIR, folder), { recursive: true, force: true });
});

describe('backscatter on the lab', () => {
  it('previews, quarantines and restores exactly the planted bounces', async () => {
    for (const d of ['new', 'cur']) expect(existsSync(path.join(MAILDIR, d))).toBe(true);
    const since = Math.floor(Date.now() / 1000) - 1;
    plant(names[0]!, 'Return-Path: <>\nFrom: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n\nx\n');
    plant(names[1]!, 'Return-Path: <boss@corp.test>\nFrom: Boss <boss@corp.test>\nSubject: lunch\n\nhi\n');
    plant(names[2]!, 'From: postmaster@mx.example.net\nContent-Type: multipart/report; report-type=delivery-status\nSubject: failure notice\n\nx\n');

    const preview = await previewBackscatter(HOST, admin, USER, since);
    expect(preview.maildir).toBe(MAILDIR);
    expect(preview.samples.map((s) => s.name).sort()).toEqual([names[0], names[2]].sort());
    expect(preview.count).toBe(2);

    const moved = await quarantineBackscatter(HOST, admin, USER, preview.previewId);
    folder = moved.folder;
    expect(moved).toMatchObject({ requested: 2, moved: 2, gone: 0, error: null });
    expect(readdirSync(path.join(MAILDIR, moved.folder, 'new'))).toEqual([names[0]!.slice(4)]);
    expect(existsSync(path.join(MAILDIR, names[0]!))).toBe(false);
    expect(existsSync(path.join(MAILDIR, names[1]!))).toBe(true);
    const row = await db().mwQuarantine.findUnique({ where: { id: BigInt(moved.quarantineId) } });
    expect(row?.names.split('\n').sort()).toEqual([names[0], names[2]].sort());

    // A preview is used once: a second quarantine from it is refused.
    await expect(quarantineBackscatter(HOST, admin, USER, preview.previewId)).rejects.toThrow(/preview again/);

    const back = await undoQuarantine(HOST, admin, USER, moved.quarantineId);
    expect(back).toMatchObject({ restored: 2, gone: 0, exists: 0, error: null });
    expect(existsSync(path.join(MAILDIR, names[2]!))).toBe(true);
    expect(existsSync(path.join(MAILDIR, moved.folder))).toBe(false);
    expect((await db().mwQuarantine.findUnique({ where: { id: BigInt(moved.quarantineId) } }))?.restoredAt).not.toBeNull();
    await expect(undoQuarantine(HOST, admin, USER, moved.quarantineId)).rejects.toThrow(/already undone/);
  });

  it('refuses a mailbox outside a postmaster’s domains as if it did not exist', async () => {
    const pm = { username: 'pm@example.com', role: 'postmaster' as const, domains: ['example.com'], sessionId: 'x' };
    await expect(previewBackscatter(HOST, pm, USER, 0)).rejects.toThrow(/not found/i);
  });
});
