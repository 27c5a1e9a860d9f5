import 'server-only';
import { loadRules } from './rules';
import { defaultRules } from './rules-schema';
import { watchStatus } from './state';
import { watchEnv } from './watch-env';

/** What GET and PUT /api/hosts/{host}/watch answer: the host's rules, the defaults and the watcher's status. */
export async function watchView(host: string) {
  const { minIntervalSeconds, enabled } = watchEnv();
  const [rules, status] = await Promise.all([loadRules(host), watchStatus(host)]);
  return { host, ...rules, defaults: defaultRules(minIntervalSeconds), minIntervalSeconds, watcherEnabled: enabled, status };
}
