import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hostQueue } from './host-queues';
import { loadMessage, VANISHED } from './message';
import { queryQueue, rowView } from './query';
import { scanSettled, scanState, startScan } from './scan';
import { queueQuerySchema } from './schemas';

// server-only guards the Next bundles; under Vitest there is no bundle to guard.
vi.mock('server-only', () => ({}));

// Against the lab (scripts/lab up): messages shaped like the incident are
// written straight into the queue by `scripts/lab bigqueue` (SMTP would
// depend on whatever restrictions other tests left in main.cf), then host
// "lab" is scanned through lib/ssh. Needs the console env (.env.local).

type Planted = { id: string; queue: string; sender: string; saslUser: string | null; clientIp: string | null; recipients: string[]; arrival: number };

const admin = { role: 'admin' as const, domains: [] };
const planted: Planted[] = [];

function plant(n: number): Planted[] {
  const file = join(mkdtempSync(join(tmpdir(), 'mw-plant-')), 'manifest.jsonl');
  execFileSync('bash', ['scripts/lab', 'bigqueue', String(n), '--manifest', file], { stdio: 'ignore' });
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Planted);
  planted.push(...rows);
  return rows;
}

const remove = (ids: string[]) => execFileSync('postsuper', ['-d', '-'], { input: ids.join('\n') + '\n', stdio: ['pipe', 'ignore', 'ignore'] });

beforeAll(() => {
  plant(40);
});

afterAll(() => {
  if (planted.length) remove(planted.map((p) => p.id));
});

describe('queue scan on the lab', () => {
  it('indexes every planted message with login, client IP, recipients and forged flag', async () => {
    startScan('lab', { mode: 'full' });
    // A second request joins the running scan.
    expect(startScan('lab', { mode: 'refresh' }).joined).toBe(true);
    await scanSettled('lab');
    const state = scanState('lab');
    expect(state.status, state.error?.message).toBe('done');
    console.info(`[queue] scan method ${state.method}${state.note ? ` (${state.note})` : ''}`);
    const ix = hostQueue('lab').index!;
    for (const p of planted) {
      const row = ix.byId.get(p.id);
      expect(row, p.id).toBeDefined();
      const v = rowView(ix, row!);
      expect(v).toMatchObject({
        queue: p.queue,
        sender: p.sender,
        saslUser: p.saslUser,
        clientIp: p.clientIp,
        recipients: p.recipients.length,
        arrival: p.arrival,
      });
      expect(v.forged).toBe(Boolean(p.sender && p.saslUser && p.sender.split('@')[1] !== p.saslUser.split('@')[1]));
    }
    const spam = planted.find((p) => p.saslUser === 'info@example.com' && p.clientIp)!;
    const r = queryQueue(ix, queueQuerySchema.parse({ saslUser: 'info@example.com', clientIp: spam.clientIp!, pageSize: '500' }), admin);
    expect(r.rows.map((x) => x.id)).toContain(spam.id);
  }, 600_000);

  it('refreshes incrementally: new messages in, deleted ones out', async () => {
    const added = plant(3);
    const [gone] = planted.splice(0, 1);
    remove([gone!.id]);
    startScan('lab', { mode: 'refresh' });
    await scanSettled('lab');
    const s = scanState('lab');
    expect(s.status, s.error?.message).toBe('done');
    const ix = hostQueue('lab').index!;
    for (const p of added) expect(ix.byId.has(p.id)).toBe(true);
    expect(ix.byId.has(gone!.id)).toBe(false);
    if (s.method === 'reader') expect(s.changes).toMatchObject({ added: 3, gone: 1 });
  }, 600_000);

  it('loads one message with per-recipient delay reasons, scoped for postmasters', async () => {
    const p = planted.find((x) => x.saslUser === 'info@example.com')!;
    const m = await loadMessage('lab', p.id, admin);
    expect(m).toMatchObject({ saslUser: p.saslUser, clientIp: p.clientIp, sender: p.sender, forged: true });
    expect(m.recipients.map((r) => r.address).sort()).toEqual([...p.recipients].sort());
    if (m.deferLog === 'ok') expect(m.recipients.every((r) => r.delayReason)).toBe(true);
    expect(m.headers.length).toBeGreaterThan(2);
    expect(m.raw).toContain('*** ENVELOPE RECORDS');
    await expect(loadMessage('lab', p.id, { role: 'postmaster', domains: ['corp.test'] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(loadMessage('lab', p.id, { role: 'postmaster', domains: ['example.com'] })).resolves.toMatchObject({ id: p.id });
  });

  it('says "already delivered or removed" for a message that is gone', async () => {
    await expect(loadMessage('lab', 'ABCDEF0123', admin)).rejects.toMatchObject({ code: 'not_found', message: VANISHED });
    await expect(loadMessage('lab', '../etc', admin)).rejects.toMatchObject({ code: 'invalid' });
  });
});
