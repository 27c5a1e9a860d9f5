import 'server-only';
import { AppError } from '@/lib/errors';
import { filterContext } from '@/lib/queue/bounce-resolve';
import { hostQueue } from '@/lib/queue/host-queues';
import { scanSettled, scanState, startScan } from '@/lib/queue/scan';
import { execOnHost } from '@/lib/ssh/host-exec';
import { postfixTools, type QueueVerb } from '@/lib/ssh/postfix-tools';
import type { ExecuteDeps } from './execute';
import type { PostsuperFlag } from '@/lib/postfix/postsuper';

// What an action needs from a mail host, through lib/ssh: a refresh of the
// index by the queue module's own incremental scan, postsuper with the ids
// on stdin (the only place they go), and postqueue -f.

const POSTSUPER_TIMEOUT_MS = 30 * 60_000;
const QUEUE_VERB: Record<PostsuperFlag, QueueVerb> = { '-d': 'delete', '-h': 'hold', '-H': 'release', '-r': 'requeue' };

const firstLine = (s: string) =>
  s
    .split('\n')
    .find((l) => l.trim())
    ?.trim() ?? '';

export async function refreshIndex(host: string) {
  // A scan already running may have listed the queue before this request; wait for it, then read again.
  await scanSettled(host);
  const { joined } = startScan(host, { mode: 'refresh' });
  await scanSettled(host);
  if (joined) {
    startScan(host, { mode: 'refresh' });
    await scanSettled(host);
  }
  const state = scanState(host);
  const ix = hostQueue(host).index;
  if (state.status !== 'done' || !ix) {
    throw new AppError('host_error', `Reading the queue again before acting failed, so nothing was done: ${state.error?.message ?? 'no index'}`);
  }
  return ix;
}

export function hostDeps(host: string): Pick<ExecuteDeps, 'refresh' | 'filterContext' | 'postsuper' | 'flushAll'> {
  return {
    refresh: () => refreshIndex(host),
    filterContext: (ix, filter) => filterContext(host, ix, filter),
    async postsuper(flag, stdin) {
      // Program and flag are fixed here; ids never reach a command line.
      const res = await execOnHost(host, postfixTools.queue(QUEUE_VERB[flag]), { stdin, timeoutMs: POSTSUPER_TIMEOUT_MS });
      if (res.exitCode !== 0) throw new AppError('host_error', `postsuper ${flag} - failed: ${firstLine(res.stderr) || `exit ${res.exitCode}`}`);
      return { stderr: res.stderr };
    },
    async flushAll() {
      const res = await execOnHost(host, postfixTools.flush(), { timeoutMs: 120_000 });
      if (res.exitCode !== 0) throw new AppError('host_error', `postqueue -f failed: ${firstLine(res.stderr) || `exit ${res.exitCode}`}`);
    },
  };
}
