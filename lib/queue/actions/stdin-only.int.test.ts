import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MW_POSTFIX } from '@/lib/ssh/command';
import type { HostCommand } from '@/lib/ssh/host-exec';
import { executeAction } from './execute';
import { hostDeps, refreshIndex } from './host-deps';
import { plantTagged, removeLocally, spoolListing, type Plant } from '@/scripts/lab-bigqueue/plant';
import { actionRequestSchema } from './schemas';

vi.mock('server-only', () => ({}));

// Queue ids reach postsuper on stdin and nowhere else. The canary file is
// what a shell would create if any of these strings were ever interpreted.

const calls: { cmd: HostCommand; stdin: string }[] = [];
vi.mock('@/lib/ssh/host-exec', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/ssh/host-exec')>();
  return {
    ...real,
    execOnHost: (host: string, cmd: HostCommand, opts: { stdin?: string | Buffer } = {}) => {
      calls.push({ cmd, stdin: String(opts.stdin ?? '') });
      return real.execOnHost(host, cmd, opts);
    },
  };
});

const CANARY = '/tmp/mw-canary';
const HOSTILE = ['ABCDEF123; touch /tmp/mw-canary', 'A1B2C3$(touch /tmp/mw-canary)', '`touch /tmp/mw-canary`', 'ABCDEF123\ntouch /tmp/mw-canary'];
let plant: Plant;

beforeAll(async () => {
  rmSync(CANARY, { force: true });
  plant = await plantTagged(3, 77, { holdShare: 0 });
  await refreshIndex('lab');
}, 900_000);

afterAll(() => removeLocally(plant?.messages.map((m) => m.id) ?? []));

describe('ids go to postsuper on stdin only', () => {
  it('refuses hostile ids at the API boundary: the request schema fails, naming the ids', () => {
    for (const id of HOSTILE) {
      const r = actionRequestSchema.safeParse({ action: 'delete', ids: ['ABCDEF0123', id] });
      expect(r.success, id).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['ids', 1]);
    }
  });

  it('even handed straight to the host helper over SSH, hostile lines are refused before postsuper runs', async () => {
    await expect(hostDeps('lab').postsuper('-d', `${HOSTILE.join('\n')}\n`)).rejects.toThrow(/not a queue id on STDIN/);
    expect(existsSync(CANARY)).toBe(false);
  });

  it('deletes a selection with the ids on stdin and a fixed command line', async () => {
    calls.length = 0;
    const ids = plant.messages.map((m) => m.id);
    const out = await executeAction({ action: 'delete', ids, who: { role: 'admin', domains: [] } }, hostDeps('lab'));
    expect(out.result).toMatchObject({ requested: 3, acted: 3, postsuper: { deleted: 3 } });
    const post = calls.filter((c) => c.cmd.program === MW_POSTFIX);
    expect(post).toHaveLength(1);
    expect(post[0]!.cmd.args).toEqual(['delete']);
    expect(post[0]!.stdin.split('\n').filter(Boolean).sort()).toEqual([...ids].sort());
    const spool = await spoolListing();
    expect(ids.filter((id) => spool.has(id))).toEqual([]);
    expect(existsSync(CANARY)).toBe(false);
  }, 600_000);
});
