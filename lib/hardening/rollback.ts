import 'server-only';
import { AppError } from '@/lib/errors';
import { restoreAndReload } from './apply';
import type { RollbackResult, Step } from './apply-types';
import { backup, BACKUP_ID, listBackups, postfixCommand, restore } from './host-io';
import { withHostLock } from './lock';

// Rolling back is itself a change: the current main.cf is backed up first
// (so the rollback can be undone), and a restored file that fails
// `postfix check` or reload is put back the way it was.

export type { RollbackResult } from './apply-types';

export async function rollbackTo(host: string, id: string): Promise<RollbackResult> {
  if (!BACKUP_ID.test(id)) throw new AppError('invalid', 'Not a backup id.');
  return withHostLock(host, async () => {
    if (!(await listBackups(host)).some((b) => b.id === id)) throw new AppError('not_found', `Backup ${id} not found on ${host}.`);
    const safety = await backup(host);
    const result: RollbackResult = { ok: false, restored: id, backupId: safety, steps: [{ step: 'backup', ok: true, target: safety }], undone: false };
    const step = (s: Step) => {
      result.steps.push(s);
      if (!s.ok) result.failed ??= s;
      return s.ok;
    };
    try {
      await restore(host, id);
      step({ step: 'restore', ok: true, target: id });
    } catch (err) {
      step({ step: 'restore', ok: false, target: id, detail: (err as Error).message });
      result.undone = await restoreAndReload(host, safety, step);
      return result;
    }
    for (const verb of ['check', 'reload'] as const) {
      const out = await postfixCommand(host, verb).catch((err: Error) => ({ ok: false, output: err.message }));
      if (!step({ step: verb, ok: out.ok, detail: out.output || undefined })) {
        result.undone = await restoreAndReload(host, safety, step);
        return result;
      }
    }
    result.ok = true;
    return result;
  });
}
