// POST   /api/mailboxes/weak-passwords/sweep — start a sweep, or resume the last one ({resume: true}) (admin, audited).
// DELETE /api/mailboxes/weak-passwords/sweep — cancel the running sweep, in whichever console process it runs (admin, audited).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { sweepStartSchema } from '@/lib/passwords/schemas';
import { cancelSweep, startSweep } from '@/lib/passwords/sweep-runner';

export const POST = withAuth(
  async ({ req, principal, audit }) => {
    const { resume } = sweepStartSchema.parse(await jsonBody(req));
    try {
      const row = await startSweep(principal.username, resume);
      await audit({
        action: resume ? 'mailbox.password.sweep.resume' : 'mailbox.password.sweep.start',
        target: row.id,
        params: { resume, from: row.cursor || null },
        ok: true,
      });
      return Response.json({ id: row.id, status: row.status }, { status: 202 });
    } catch (err) {
      await audit({ action: 'mailbox.password.sweep.start', params: { resume }, ok: false, error: err instanceof Error ? err.message : String(err) }).catch(
        () => undefined,
      );
      throw err;
    }
  },
  { role: 'admin' },
);

export const DELETE = withAuth(
  async ({ audit }) => {
    const cancelled = await cancelSweep();
    await audit({ action: 'mailbox.password.sweep.cancel', result: { cancelled }, ok: true });
    return Response.json({ cancelled });
  },
  { role: 'admin' },
);
