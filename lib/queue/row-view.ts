// One index row as the API returns it.
import type { QueueName } from '@/lib/postfix/envelope';
import { FLAG_FORGED, queueName, type QueueIndex } from './index-store';

export interface QueueRowView {
  id: string;
  queue: QueueName;
  arrival: number;
  size: number;
  /** '' for the null sender. */
  sender: string;
  forged: boolean;
  saslUser: string | null;
  saslMethod: string | null;
  clientIp: string | null;
  clientName: string | null;
  helo: string | null;
  recipients: number;
  recipientDomains: { domain: string; count: number }[];
  reason: string | null;
}

export function rowView(ix: QueueIndex, row: number): QueueRowView {
  const pairs = ix.domainPairs(row);
  const recipientDomains: QueueRowView['recipientDomains'] = [];
  for (let i = 0; i < pairs.length; i += 2) recipientDomains.push({ domain: ix.pool.get(pairs[i]!) ?? '', count: pairs[i + 1]! });
  return {
    id: ix.ids[row]!,
    queue: queueName(ix.queue[row]!),
    arrival: ix.arrival[row]!,
    size: ix.size[row]!,
    sender: ix.str('sender', row) ?? '',
    forged: (ix.flags[row]! & FLAG_FORGED) !== 0,
    saslUser: ix.str('saslUser', row),
    saslMethod: ix.str('saslMethod', row),
    clientIp: ix.str('clientIp', row),
    clientName: ix.str('clientName', row),
    helo: ix.str('helo', row),
    recipients: ix.rcpts[row]!,
    recipientDomains,
    reason: ix.str('reason', row),
  };
}
