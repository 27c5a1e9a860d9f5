// GET /api/hosts/{host}/watch — the host's watch rules (with the defaults) and the watcher's status.
// PUT /api/hosts/{host}/watch — new rules for the host ({rules}), or back to the defaults ({reset: true}).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { resetRules, saveRules } from '@/lib/watch/rules';
import { watchPutSchema } from '@/lib/watch/rules-schema';
import { watchView } from '@/lib/watch/rules-view';
import { runningWatcher } from '@/lib/watch/watcher';
import { watchEnv } from '@/lib/watch/watch-env';

export const GET = withAuth(async ({ host }) => Response.json(await watchView(host)), { host: 'registered' });

export const PUT = withAuth(
  async ({ req, principal, host, audit }) => {
    const input = watchPutSchema(watchEnv().minIntervalSeconds).parse(await jsonBody(req));
    if ('reset' in input) await resetRules(host);
    else await saveRules(host, input.rules, principal.username);
    await audit({ action: 'watch.rules', target: host, host, params: input, ok: true });
    // This process's watcher picks the change up now; others within their next refresh (10 s).
    await runningWatcher()
      ?.refresh()
      .catch(() => undefined);
    return Response.json(await watchView(host));
  },
  { role: 'admin', host: 'registered' },
);
