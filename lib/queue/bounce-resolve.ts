import 'server-only';
import { AppError } from '@/lib/errors';
import { parsePostcatAll } from '@/lib/postfix/postcat';
import { isQueueId } from '@/lib/postfix/queue-id';
import { execOnHost } from '@/lib/ssh/host-exec';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import { bounceCandidates, bounceMask, forgedSendersOf, type EnvelopeRecipients, type FilterContext } from './bounce-of';
import { loadSenders, storeSenders } from './forged-senders';
import type { QueueIndex } from './index-store';
import { NONE_VALUE, type QueueFilter } from './schemas';

// Resolves `bounceOf` on a host's index (see bounce-of.ts): the recipients
// of the candidate bounces come from their envelopes (`mw-postfix
// envelopes`, ids on stdin), read once per message and kept; an envelope
// never changes (a cache of this process, read again after a restart). The
// forged senders of a login are stored in MariaDB (forged-senders.ts), so
// the bounces to them are still found after the login's own mail was
// deleted (the incident's Clean step), after a restart, and by every console
// process; the incident report adds those of the maillog.

const IDS_PER_CALL = 2_000;
const MAX_ENVELOPES = 600_000;

const firstLine = (s: string) =>
  s
    .split('\n')
    .find((l) => l.trim())
    ?.trim() ?? '';

const envelopes = new Map<string, Map<string, EnvelopeRecipients>>();

const of = <V>(m: Map<string, V>, key: string, make: () => V): V => {
  let v = m.get(key);
  if (!v) m.set(key, (v = make()));
  return v;
};

/** Forged senders of the login known from elsewhere (the maillog's submissions), for every later bounceOf on this host. */
export async function rememberSenders(host: string, login: string, senders: Iterable<string>): Promise<void> {
  await storeSenders(host, login, senders);
}

/** The login's forged senders: those queued now plus those stored before for this host. */
export async function rememberForgedSenders(host: string, ix: QueueIndex, login: string): Promise<Set<string>> {
  const queued = forgedSendersOf(ix, login);
  await storeSenders(host, login, queued);
  const all = await loadSenders(host, login);
  // Over the bound, what is queued now still counts.
  for (const s of queued) all.add(s);
  return all;
}

export type EnvelopeReader = (ids: string[]) => Promise<{ exitCode: number | null; stdout: string; stderr: string }>;

const hostReader =
  (host: string): EnvelopeReader =>
  (ids) =>
    execOnHost(host, postfixTools.envelopes(), { stdin: `${ids.join('\n')}\n`, timeoutMs: 300_000, maxOutputBytes: 64 * 1024 * 1024 });

/**
 * Reads the envelopes of the messages (id -> the index's arrival) not known
 * yet; a message gone meanwhile is simply not known. The index's arrival is
 * kept with them (postcat prints the host's local time), so a queue id
 * reused later is read again.
 */
export async function readRecipients(cache: Map<string, EnvelopeRecipients>, messages: ReadonlyMap<string, number>, read: EnvelopeReader): Promise<void> {
  let pending = [...messages].filter(([id, arrival]) => cache.get(id)?.arrival !== arrival && isQueueId(id)).map(([id]) => id);
  if (cache.size + pending.length > MAX_ENVELOPES) cache.clear();
  while (pending.length) {
    const batch = pending.slice(0, IDS_PER_CALL);
    const asked = new Set(batch);
    pending = pending.slice(IDS_PER_CALL);
    const r = await read(batch);
    const got = new Set<string>();
    for (const msg of parsePostcatAll(r.stdout)) {
      const env = msg.envelope;
      if (!asked.has(env.queueId)) continue;
      got.add(env.queueId);
      cache.set(env.queueId, { arrival: messages.get(env.queueId)!, recipients: env.recipients.filter((x) => !x.extracted).map((x) => x.address) });
    }
    if (r.exitCode === 0) continue;
    // mw-postfix runs postcat per 200 ids, and each run stops at a message that is gone:
    // the rest is asked again without those.
    const missing = new Set([...r.stderr.matchAll(/open queue file (\S+?):/g)].map((m) => m[1]!).filter((id) => asked.has(id)));
    // Any other failure leaves the bounces unknown: say so rather than count them as none.
    if (missing.size === 0) throw new AppError('host_error', `Reading the bounces' envelopes failed: ${firstLine(r.stderr) || `exit ${r.exitCode}`}`);
    pending = [...batch.filter((id) => !got.has(id) && !missing.has(id)), ...pending];
  }
}

/** The context queryQueue and the action selector need for `filter` on this host's index. */
export async function filterContext(
  host: string,
  ix: QueueIndex,
  filter: Pick<QueueFilter, 'bounceOf' | 'saslUser'>,
  read: EnvelopeReader = hostReader(host),
): Promise<FilterContext> {
  // Whatever looks at or acts on a login's mail (the Clean step's delete among them) notes its forged senders first.
  // Noting is no reason to fail the listing or the action: a database that does not answer fails the next bounceOf instead.
  if (filter.saslUser !== undefined && filter.saslUser !== NONE_VALUE)
    await storeSenders(host, filter.saslUser, forgedSendersOf(ix, filter.saslUser)).catch((err: unknown) =>
      console.error(`forged senders of ${filter.saslUser} on ${host} not stored: ${err instanceof Error ? err.message : String(err)}`),
    );
  if (filter.bounceOf === undefined) return {};
  const senders = await rememberForgedSenders(host, ix, filter.bounceOf);
  const candidates = bounceCandidates(ix, senders);
  const cache = of(envelopes, host, () => new Map<string, EnvelopeRecipients>());
  await readRecipients(cache, new Map(candidates.map((r) => [ix.ids[r]!, ix.arrival[r]!])), read);
  return { bounceOf: bounceMask(ix, candidates, senders, cache) };
}
