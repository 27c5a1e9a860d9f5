// GET /api/hosts/{host}/watch — the host's watch rules (with the defaults) and the watcher's status.
// PUT /api/hosts/{host}/watch — new rules for the host ({rules}), or back to the defaults ({reset: true}).
import { notFound } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { db } from '@/lib/db';
import { hostParam } from '@/lib/hosts/route-params';
import { loadRules, resetRules, saveRules } from '@/lib/watch/rules';
import { defaultRules, watchPutSchema } from '@/lib/watch/rules-schema';
import { watchStatus } from '@/lib/watch/state';
import { runningWatcher } from '@/lib/watch/watcher';
import { watchEnv } from '@/lib/watch/watch-env';

type P = { host: string };

async function existing(name: string) {
  const row = await db().mwHost.findUnique({ where: { name }, select: { name: true } });
  if (!row) throw notFound('Host');
  return row.name;
}

async function body(host: string) {
  const { minIntervalSeconds, enabled } = watchEnv();
  const [rules, status] = await Promise.all([loadRules(host), watchStatus(host)]);
  return { host, ...rules, defaults: defaultRules(minIntervalSeconds), minIntervalSeconds, watcherEnabled: enabled, status };
}

export const GET = withAuth<P>(async ({ params }) => Response.json(await body(await existing(hostParam(params.host)))));

export const PUT = withAuth<P>(
  async ({ req, principal, params, audit }) => {
    const host = await existing(hostParam(params.host));
    const input = watchPutSchema(watchEnv().minIntervalSeconds).parse(await jsonBody(req));
    if ('reset' in input) await resetRules(host);
    else await saveRules(host, input.rules, principal.username);
    await audit({ action: 'watch.rules', target: host, host, params: input, ok: true });
    // This process's watcher picks the change up now; others within their next refresh (10 s).
    await runningWatcher()?.refresh().catch(() => undefined);
    return Response.json(await body(host));
  },
  { role: 'admin' },
);
