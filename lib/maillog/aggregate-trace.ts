import type { KnownEvent, MaillogEvent } from '@/lib/postfix/maillog';
import type { TraceLine, TraceMessage } from './schemas';

// Every line of one queue id, and what they add up to: who submitted it,
// the envelope, each recipient's last status. A `sender non-delivery
// notification: NEWID` line links the message to its bounce (and a bounce's
// trace finds the original the same way, from the other side).

const MAX_LINES = 5000;

/** The queue id a line is about, if the parser found one. */
export function queueIdOf(ev: MaillogEvent): string | undefined {
  return 'queueId' in ev && typeof ev.queueId === 'string' ? ev.queueId : undefined;
}

export type TraceCollector = {
  add(ev: MaillogEvent, raw: string): void;
  /** Queue ids linked to the traced ones (bounces, originals) and not traced yet. */
  links(): { queueId: string; relation: 'bounce' | 'original' }[];
  /** Follow one more queue id: its lines are collected from now on. */
  track(queueId: string, relation: TraceMessage['relation']): void;
  result(): TraceMessage[];
};

export function traceCollector(queueId: string): TraceCollector {
  const messages = new Map<string, TraceMessage>();
  const links = new Map<string, 'bounce' | 'original'>();
  // A second pass for a linked id sees the linking line again.
  const seen = new Set<string>();
  const track = (id: string, relation: TraceMessage['relation']) => {
    if (!messages.has(id)) messages.set(id, { queueId: id, relation, recipients: [], removed: false, lines: [] });
  };
  track(queueId, 'self');

  const onEvent = (m: TraceMessage, ev: KnownEvent) => {
    switch (ev.kind) {
      case 'sasl-login':
        m.saslUser = ev.saslUsername;
        m.client = `${ev.client.name ?? 'unknown'}[${ev.client.ip}]`;
        break;
      case 'client':
        m.client = `${ev.client.name ?? 'unknown'}[${ev.client.ip}]`;
        break;
      case 'pickup':
        m.client ??= `local uid ${ev.uid}`;
        break;
      case 'qmgr-from':
        m.from = ev.from;
        m.size = ev.size;
        m.nrcpt = ev.nrcpt;
        break;
      case 'cleanup':
        m.messageId = ev.messageId;
        break;
      case 'delivery': {
        const r = { to: ev.to, status: ev.status, relay: ev.relay, detail: ev.detail, time: ev.time };
        const i = m.recipients.findIndex((x) => x.to === ev.to);
        if (i < 0) m.recipients.push(r);
        else if (m.recipients[i]!.time <= ev.time) m.recipients[i] = r;
        break;
      }
      case 'removed':
        m.removed = true;
        break;
      case 'postsuper':
        if (ev.action === 'removed') m.removed = true;
        break;
      case 'bounce-notification':
        if (!messages.has(ev.newQueueId)) links.set(ev.newQueueId, 'bounce');
        break;
    }
  };

  return {
    add(ev, raw) {
      // The notification line also names the bounce: seen from the bounce, it leads to the original.
      if (ev.kind === 'bounce-notification' && messages.has(ev.newQueueId) && !messages.has(ev.queueId)) links.set(ev.queueId, 'original');
      const id = queueIdOf(ev);
      const m = id ? messages.get(id) : undefined;
      if (!m || seen.has(raw)) return;
      seen.add(raw);
      if (m.lines.length < MAX_LINES) m.lines.push({ time: ev.time ?? 0, raw, kind: ev.kind, ...(id ? { queueId: id } : {}) } satisfies TraceLine);
      if (ev.kind !== 'unknown') onEvent(m, ev);
    },
    links() {
      return [...links].filter(([id]) => !messages.has(id)).map(([id, relation]) => ({ queueId: id, relation }));
    },
    track,
    result() {
      return [...messages.values()].filter((m) => m.relation === 'self' || m.lines.length > 0);
    },
  };
}
