import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

// Unblocking a mailbox lifts Contain's access-map block too (issue 16): on the
// lab, a login is blocked through the incident's real path (map rewritten,
// Postfix reloaded, postmap proving the refusal), then liftMapBlocks takes it
// out host by host: the map no longer refuses it, its row is gone, the
// unblock is audited, and main.cf is as the block left it.

const root = path.resolve(__dirname, '../..');
for (const line of readFileSync(path.join(root, '.env.local'), 'utf8').split('\n')) {
  const m = /^([A-Z_]+)=(.*)$/.exec(line);
  if (m && !process.env[m[1]!]) process.env[m[1]!] = m[2]!;
}
const lab = JSON.parse(readFileSync(path.join(root, '.lab/lab.json'), 'utf8')) as { ssh: { name: string } };

const { enforceBlock, isBlockedOn, lookupLogin } = await import('./enforcement');
const { blockMapTable } = await import('./block-map');
const { liftMapBlocks, mapBlocksOf } = await import('./unblock');
const { db } = await import('@/lib/db');
const { rollbackTo } = await import('@/lib/hardening/rollback');

const HOST = lab.ssh.name;
// No mailbox row: the map is the only thing refusing it, and no other test uses it.
const LOGIN = `unblock-${process.pid}@example.com`;
const TABLE = blockMapTable('/etc/postfix');
const mainSha = () => createHash('sha256').update(readFileSync('/etc/postfix/main.cf')).digest('hex');
const original = mainSha();
// The block's backup: on a lab without the hook, blocking installs check_sasl_access in main.cf, which the lab must not keep.
let blockBackup: string | null = null;

afterAll(async () => {
  if (await isBlockedOn(HOST, LOGIN)) await enforceBlock(HOST, { block: false, login: LOGIN, actor: 'unblock.int.test' });
  await db().mwIncident.deleteMany({ where: { host: HOST, username: LOGIN } });
  if (blockBackup && mainSha() !== original) {
    const rb = await rollbackTo(HOST, blockBackup);
    expect(rb.ok, JSON.stringify(rb.steps)).toBe(true);
  }
  // Other tests (hardening, mailboxes) start from the lab's own main.cf.
  expect(mainSha()).toBe(original);
});

describe('unblocking a mailbox lifts the access-map block', () => {
  it('blocks through the incident path, then lifts it host by host, audited', async () => {
    const blocked = await enforceBlock(HOST, { block: true, login: LOGIN, actor: 'unblock.int.test' });
    expect(blocked.ok, JSON.stringify(blocked.steps)).toBe(true);
    blockBackup = blocked.backupId;
    expect(await lookupLogin(HOST, TABLE, LOGIN)).toBe(true);
    expect(await mapBlocksOf(LOGIN.toUpperCase())).toEqual([HOST]);
    const afterBlock = mainSha();

    const audited: { action: string; host?: string | null; ok: boolean }[] = [];
    const lifted = await liftMapBlocks(LOGIN, 'unblock.int.test', async (e) => void audited.push(e));
    expect(lifted).toEqual([{ host: HOST, ok: true, error: null }]);
    expect(await lookupLogin(HOST, TABLE, LOGIN)).toBe(false);
    expect(await mapBlocksOf(LOGIN)).toEqual([]);
    expect(audited).toEqual([expect.objectContaining({ action: 'incident.unblock', host: HOST, ok: true })]);
    // Lifting never changes main.cf: the map has one login fewer.
    expect(mainSha()).toBe(afterBlock);
    // Nothing left to lift: a second unblock does nothing on the host.
    expect(await liftMapBlocks(LOGIN, 'unblock.int.test', async (e) => void audited.push(e))).toEqual([]);
    expect(audited).toHaveLength(1);
  });
});
