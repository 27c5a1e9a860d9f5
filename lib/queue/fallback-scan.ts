// The slower scan for hosts without mw-queue-scan: `postqueue -j` lists
// every message (queue, id, arrival, size, sender, recipients with delay
// reasons), then `postcat -e -q` in fixed-size batches adds what only the
// envelope holds (SASL login, client, HELO). postcat takes ids only as
// arguments: each one comes from postqueue's output and is checked with
// isQueueId before it is passed.
import { isQueueId } from '@/lib/postfix/queue-id';
import { parsePostcatAll } from '@/lib/postfix/postcat';
import { parsePostqueueLine } from '@/lib/postfix/postqueue-json';
import { domainOf } from '@/lib/auth/principal';
import { type QueueIndex, queueName, type RowInput } from './index-store';
import { linesOf } from './scan-protocol';
import type { ReaderStream } from './scan-run';
import { NONE } from './string-pool';
import type { ScanState } from './types';

export const POSTCAT_BATCH = 100;

export interface FallbackDeps {
  streamPostqueue: () => ReaderStream;
  postcatEnvelopes: (ids: string[]) => Promise<{ exitCode: number | null; stdout: string; stderr: string }>;
}

function domainPairs(ix: QueueIndex, addresses: string[]): number[] {
  const counts = new Map<number, number>();
  for (const a of addresses) {
    const d = ix.pool.intern(domainOf(a));
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .flat();
}

function currentRow(ix: QueueIndex, row: number): RowInput {
  const c = ix.cols;
  return {
    queue: queueName(ix.queue[row]!),
    id: ix.ids[row]!,
    mtime: ix.mtime[row]!,
    arrival: ix.arrival[row]!,
    size: ix.size[row]!,
    sender: c.sender[row]!,
    saslMethod: c.saslMethod[row]!,
    saslUser: c.saslUser[row]!,
    clientIp: c.clientIp[row]!,
    clientName: c.clientName[row]!,
    helo: c.helo[row]!,
    rcpts: ix.rcpts[row]!,
    domains: [...ix.domainPairs(row)],
    reason: c.reason[row]!,
  };
}

// showq prints the null sender as $empty_address_recipient's default,
// MAILER-DAEMON; the index (like the queue file) keeps it as ''.
const nullSender = (s: string) => (s === 'MAILER-DAEMON' ? '' : s);

export async function runFallbackScan(ix: QueueIndex, deps: FallbackDeps, state: ScanState): Promise<void> {
  const s = deps.streamPostqueue();
  const ids: string[] = [];
  for await (const line of linesOf(s.stdout)) {
    const r = parsePostqueueLine(line);
    if (!r) continue;
    if (!r.ok) {
      state.errors++;
      if (state.errorSamples.length < 20) state.errorSamples.push({ queue: '', id: '', reason: r.error });
      continue;
    }
    const m = r.row;
    const reason = m.recipients.find((x) => x.delayReason)?.delayReason;
    ix.upsert({
      queue: m.queueName,
      id: m.queueId,
      mtime: 0,
      arrival: Math.floor(m.arrivalTime.getTime() / 1000),
      size: m.messageSize,
      sender: ix.pool.intern(nullSender(m.sender)),
      saslMethod: NONE,
      saslUser: NONE,
      clientIp: NONE,
      clientName: NONE,
      helo: NONE,
      rcpts: m.recipients.length,
      domains: domainPairs(
        ix,
        m.recipients.map((x) => x.address),
      ),
      reason: reason ? ix.pool.intern(reason) : NONE,
    });
    ids.push(m.queueId);
    state.seen++;
  }
  await s.done;
  state.indexed = ix.live;
  let pending = ids.filter(isQueueId);
  while (pending.length) {
    const batch = pending.slice(0, POSTCAT_BATCH);
    pending = pending.slice(POSTCAT_BATCH);
    const r = await deps.postcatEnvelopes(batch);
    const got = new Set<string>();
    for (const msg of parsePostcatAll(r.stdout)) {
      const env = msg.envelope;
      const row = ix.byId.get(env.queueId);
      if (row === undefined) continue;
      got.add(env.queueId);
      const str = (v: string | undefined) => (v === undefined ? NONE : ix.pool.intern(v));
      ix.upsert({
        ...currentRow(ix, row),
        saslMethod: str(env.saslMethod),
        saslUser: str(env.saslUsername),
        clientIp: str(env.logClientAddress ?? env.clientAddress),
        clientName: str(env.attributes.log_client_name ?? env.clientName),
        helo: str(env.attributes.log_helo_name ?? env.heloName),
      });
      state.parsed++;
    }
    // postcat stops at the first message that is gone; retry the rest of the batch without it.
    if (r.exitCode !== 0) {
      const missing = /open queue file (\S+?):/.exec(r.stderr)?.[1];
      const rest = batch.filter((id) => !got.has(id) && id !== missing);
      if (!missing || !batch.includes(missing)) {
        state.errors += rest.length;
        continue;
      }
      ix.remove(missing);
      pending = [...rest, ...pending];
    }
  }
  state.indexed = ix.live;
}
