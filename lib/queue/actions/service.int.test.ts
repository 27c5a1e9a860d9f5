import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditInput } from '@/lib/api/with-auth';
import { recordAudit } from '@/lib/audit/record';
import type { Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import { refreshIndex } from './host-deps';
import { loadActionIds } from './id-store';
import { plantTagged, removeLocally, spoolListing, type Plant } from '@/scripts/lab-bigqueue/plant';
import { actionRequestSchema } from './schemas';
import { findJob } from './job-store';
import { LONG_ACTION_IDS, previewQueueAction, runQueueAction } from './service';

vi.mock('server-only', () => ({}));

// The console path on the lab: preview, a refused confirmation, a confirmed
// hold (audited, ids stored), then "release what that hold held" from its
// audit entry. One login sends everything planted, so the hold is above
// the confirmation threshold.

const HOST = 'lab';
const admin: Principal = { username: 'int-test@extmail.org', role: 'admin', domains: [], sessionId: 'int-test' };
const audit = (e: AuditInput) => recordAudit({ ...e, actor: admin.username, role: admin.role, clientIp: null });
let plant: Plant;
let big: Plant;

beforeAll(async () => {
  plant = await plantTagged(150, 4242, { holdShare: 0, logins: 1 });
  big = await plantTagged(LONG_ACTION_IDS + 200, 4343, { holdShare: 0, logins: 1 });
  await refreshIndex(HOST);
}, 900_000);

afterAll(() => removeLocally([...(plant?.messages ?? []), ...(big?.messages ?? [])].map((m) => m.id)));

const queueOf = async (ids: string[]) => {
  const spool = await spoolListing();
  return ids.map((id) => spool.get(id));
};

describe('queue actions through the console service', () => {
  it('previews, refuses without the confirmation, holds with it, and releases from the audit entry', async () => {
    const login = plant.logins[0]!;
    const mine = plant.messages.filter((m) => m.saslUser === login).map((m) => m.id);
    expect(mine.length).toBeGreaterThan(100);
    const req = (body: object) => actionRequestSchema.parse(body);

    const preview = await previewQueueAction(HOST, req({ action: 'hold', filter: { saslUser: login }, dryRun: true }), admin);
    expect(preview.total).toBe(mine.length);
    expect(preview.byQueue).toEqual({ deferred: mine.length });
    expect(preview.legitLooking).toBe(plant.messages.filter((m) => m.sender === login).length);
    expect(preview.confirmation).toEqual({ required: true, expected: login, kind: 'value' });
    expect(preview.sample).toHaveLength(10);
    expect(preview.advice).toContain('delete-held');

    await expect(runQueueAction(HOST, req({ action: 'hold', filter: { saslUser: login }, previewId: preview.previewId }), admin, audit)).rejects.toMatchObject({
      code: 'invalid',
    });
    expect(new Set(await queueOf(mine))).toEqual(new Set(['deferred']));

    const held = await runQueueAction(
      HOST,
      req({ action: 'hold', filter: { saslUser: login }, confirm: login.toUpperCase(), previewId: preview.previewId }),
      admin,
      audit,
    );
    expect(held.status).toBe(200);
    if (held.body.kind !== 'result') throw new Error('expected a result');
    expect(held.body.result).toMatchObject({ requested: mine.length, acted: mine.length, postsuper: { held: mine.length }, arrivedSincePreview: 0, gone: 0 });
    expect(new Set(await queueOf(mine))).toEqual(new Set(['hold']));

    const row = await db().mwAudit.findFirst({ where: { action: 'queue.hold', actor: admin.username }, orderBy: { id: 'desc' } });
    expect(row?.ok).toBe(true);
    expect((row?.result as { actionId: string }).actionId).toBe(held.body.result.actionId);
    expect(row?.domains).toEqual([login.split('@')[1]]);
    expect((await loadActionIds(held.body.result.actionId, 'passed'))?.sort()).toEqual([...mine].sort());

    // One of them is deleted meanwhile: the release reports it gone.
    removeLocally([mine[0]!]);
    const released = await runQueueAction(HOST, req({ action: 'release', fromAudit: String(row!.id), confirm: String(mine.length - 1) }), admin, audit);
    if (released.body.kind !== 'result') throw new Error('expected a result');
    expect(released.body.result).toMatchObject({ requested: mine.length - 1, acted: mine.length - 1, gone: 1, postsuper: { released: mine.length - 1 } });
    expect(new Set(await queueOf(mine.slice(1)))).toEqual(new Set(['deferred']));
  }, 600_000);

  it('answers a long action at once with a job, whose progress ends in the result', async () => {
    const ids = big.messages.map((m) => m.id);
    const res = await runQueueAction(HOST, actionRequestSchema.parse({ action: 'hold', ids, confirm: String(ids.length) }), admin, audit);
    expect(res.status).toBe(202);
    if (res.body.kind !== 'job') throw new Error('expected a job');
    const phases = new Set<string>();
    let view = (await findJob(res.body.job.id))!;
    while (!['done', 'failed', 'interrupted'].includes(view.phase)) {
      phases.add(view.phase);
      await new Promise((r) => setTimeout(r, 20));
      view = (await findJob(res.body.job.id))!;
    }
    expect(view.error).toBeNull();
    expect(view.result).toMatchObject({ requested: ids.length, acted: ids.length, postsuper: { held: ids.length } });
    expect(view.total).toBe(ids.length);
    expect([...phases].some((p) => p === 'execute' || p === 'update')).toBe(true);
    expect(new Set(await queueOf(ids))).toEqual(new Set(['hold']));
  }, 600_000);
});
