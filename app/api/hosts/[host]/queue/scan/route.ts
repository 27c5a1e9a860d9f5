// POST /api/hosts/{host}/queue/scan — start (or join) a scan of the host's queue (admin); answers at once with its state.
// GET  /api/hosts/{host}/queue/scan — progress of the current or last scan (and the last one by any console process).
import { withAuth } from '@/lib/api/with-auth';
import { registeredHost } from '@/lib/hosts/registered';
import { lastScan, scanState, startScan } from '@/lib/queue/scan';
import { scanRequestSchema } from '@/lib/queue/schemas';

type P = { host: string };

// An empty body means the default (an incremental refresh once indexed).
async function optionalJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const POST = withAuth<P>(
  async ({ req, params, audit }) => {
    const { mode } = scanRequestSchema.parse(await optionalJson(req));
    // Validated first: a bad mode is a 422 whatever the host.
    const host = await registeredHost(params.host);
    const { state, joined } = startScan(host, {
      mode,
      onFinish: (s) => {
        void audit({
          action: 'queue.scan',
          target: host,
          host,
          params: { mode },
          result: { mode: s.mode, method: s.method, indexed: s.indexed, seen: s.seen, errors: s.errors, changes: s.changes, durationMs: s.durationMs },
          ok: s.status === 'done',
          error: s.error?.message ?? null,
        }).catch(() => undefined);
      },
    });
    if (joined) await audit({ action: 'queue.scan', target: host, host, params: { mode }, result: { joined: true }, ok: true });
    return Response.json({ scan: state, joined }, { status: joined ? 200 : 202 });
    // A scan reads the whole host's queue: an administrator's to start (issue 16), a postmaster gets 403.
  },
  { role: 'admin' },
);

// scan: this process's index; lastScan: the last finished scan by any console process.
export const GET = withAuth(async ({ host }) => Response.json({ scan: scanState(host), lastScan: await lastScan(host) }), { host: 'registered' });
