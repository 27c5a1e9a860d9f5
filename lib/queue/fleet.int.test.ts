import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditInput } from '@/lib/api/with-auth';
import { recordAudit } from '@/lib/audit/record';
import type { Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import { postconfEffective } from '@/lib/hardening/host-io';
import { MW_QUEUE_SCAN } from '@/lib/ssh/command';
import { execOnHost } from '@/lib/ssh/host-exec';
import { refreshIndex } from './actions/host-deps';
import { actionRequestSchema } from './actions/schemas';
import { previewQueueAction, runQueueAction } from './actions/service';
import { plantTagged, queueDirectoryOf, removeLocally, spoolListing, type Plant } from '@/scripts/lab-bigqueue/plant';
import { fleetConfigDir, fleetHost, registerFleet, unregisterFleet } from '@/test/fleet/lab-fleet';

vi.mock('server-only', () => ({}));

// Two Postfix instances of the lab (scripts/lab fleet 2), each a host of the
// console with its own config directory: each host's index holds its own
// queue and nothing else, postconf answers for its instance, and a hold
// through one host moves mail in that instance's queue only.

const admin: Principal = { username: 'int-test@extmail.org', role: 'admin', domains: [], sessionId: 'int-test' };
const audit = (e: AuditInput) => recordAudit({ ...e, actor: admin.username, role: admin.role, clientIp: null });
const [ONE, TWO] = [fleetHost(1), fleetHost(2)];
const [DIR_ONE, DIR_TWO] = [fleetConfigDir(1), fleetConfigDir(2)];
const BOGUS = 'lab-fleet-bogus';
let one: Plant | undefined;
let two: Plant | undefined;

const ids = (p: Plant | undefined) => (p?.messages ?? []).map((m) => m.id);
const queuesIn = async (configDir: string, wanted: string[]) => {
  const spool = await spoolListing(queueDirectoryOf(configDir));
  return new Set(wanted.map((id) => spool.get(id)));
};

beforeAll(() => {
  registerFleet(2);
}, 300_000);

afterAll(async () => {
  try {
    removeLocally(ids(one), DIR_ONE);
    removeLocally(ids(two), DIR_TWO);
    await db().mwHost.deleteMany({ where: { name: BOGUS } });
  } finally {
    unregisterFleet(2);
  }
}, 300_000);

describe('a fleet of Postfix instances as console hosts', () => {
  it("indexes each host's own queue, and none of it under host lab", async () => {
    one = await plantTagged(40, 1901, { holdShare: 0, logins: 1, configDir: DIR_ONE });
    two = await plantTagged(30, 1902, { holdShare: 0, logins: 1, configDir: DIR_TWO });
    const [ix1, ix2, ixLab] = [await refreshIndex(ONE), await refreshIndex(TWO), await refreshIndex('lab')];
    for (const id of ids(one)) expect(ix1.byId.has(id)).toBe(true);
    for (const id of ids(two)) expect(ix2.byId.has(id)).toBe(true);
    for (const id of ids(two)) expect(ix1.byId.has(id)).toBe(false);
    for (const id of ids(one)) expect(ix2.byId.has(id)).toBe(false);
    for (const id of [...ids(one), ...ids(two)]) expect(ixLab.byId.has(id)).toBe(false);
  });

  it('reads postconf of the instance, not of the default one', async () => {
    const conf = await postconfEffective(ONE, ['config_directory', 'queue_directory', 'myhostname']);
    expect(Object.fromEntries(conf)).toEqual({ config_directory: DIR_ONE, queue_directory: '/var/spool/postfix-fleet-1', myhostname: 'fleet-1.example.com' });
  });

  it('holds on instance 1 only', async () => {
    const login = one!.logins[0]!;
    const mine = one!.messages.filter((m) => m.saslUser === login).map((m) => m.id);
    expect(mine.length).toBeGreaterThan(20);
    const req = (body: object) => actionRequestSchema.parse(body);
    const preview = await previewQueueAction(ONE, req({ action: 'hold', filter: { saslUser: login }, dryRun: true }), admin);
    expect(preview.total).toBe(mine.length);
    const held = await runQueueAction(ONE, req({ action: 'hold', filter: { saslUser: login }, confirm: login, previewId: preview.previewId }), admin, audit);
    if (held.body.kind !== 'result') throw new Error('expected a result');
    expect(held.body.result).toMatchObject({ requested: mine.length, acted: mine.length, postsuper: { held: mine.length } });
    expect(await queuesIn(DIR_ONE, mine)).toEqual(new Set(['hold']));
    expect(await queuesIn(DIR_TWO, ids(two))).toEqual(new Set(['deferred']));
    const ix2 = await refreshIndex(TWO);
    expect(ids(two).every((id) => ix2.byId.has(id))).toBe(true);
  });

  it('refuses a config directory the default instance does not name: the reader never reads a queue it is pointed at', async () => {
    const lab = await db().mwHost.findUniqueOrThrow({ where: { name: 'lab' } });
    const { id: _id, createdAt: _c, updatedAt: _u, enrollTokenSha256: _t, ...copy } = lab;
    await db().mwHost.create({ data: { ...copy, maillogPaths: copy.maillogPaths ?? [], name: BOGUS, postfixConfigDir: '/etc/postfix-not-an-instance' } });
    await expect(refreshIndex(BOGUS)).rejects.toThrow(/Reading the queue again before acting failed/);
    const reader = await execOnHost(BOGUS, { program: MW_QUEUE_SCAN, args: ['--count'], sudo: 'postfix' });
    expect(reader).toMatchObject({ exitCode: 77, stdout: '', stderr: expect.stringMatching(/not a Postfix config directory known to \/etc\/postfix/) });
  });
});
