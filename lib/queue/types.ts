// Shapes the queue API returns; shared by the routes and the screens (no
// server code here).
import type { MessagePart } from '@/lib/postfix/message-body';
import type { QueueName } from '@/lib/postfix/envelope';
import type { FacetName, FacetValue, QueueRowView } from './query';

export type ScanMethod = 'reader' | 'postqueue';

export interface ScanState {
  status: 'never' | 'running' | 'done' | 'failed';
  mode: 'full' | 'refresh' | null;
  /** reader = mw-queue-scan on the host; postqueue = the slower fallback. */
  method: ScanMethod | null;
  /** Which on-host reader did a reader scan: the compiled one where the host
   * has it (mw-queue-scan-fast), else the Perl one, about 3x slower. */
  reader: 'compiled' | 'perl' | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Queue files looked at so far in this scan. */
  seen: number;
  parsed: number;
  errors: number;
  errorSamples: { queue: string; id: string; reason: string }[];
  /** Messages in the index (after the last completed scan, or so far). */
  indexed: number;
  changes: { added: number; updated: number; moved: number; gone: number } | null;
  error: { kind: string | null; message: string } | null;
  /** Why the slower method was used, when it was. */
  note: string | null;
}

export interface QueueListResponse {
  total: number;
  rows: QueueRowView[];
  facets: Record<FacetName, FacetValue[]>;
  scan: ScanState;
}

export interface MessageRecipientView {
  address: string;
  original: string | null;
  status: 'pending' | 'done' | 'canceled' | null;
  delayReason: string | null;
}

export interface MessageDetail {
  id: string;
  queue: QueueName | null;
  arrival: number | null;
  size: number;
  sender: string;
  forged: boolean;
  saslUser: string | null;
  saslMethod: string | null;
  clientIp: string | null;
  clientName: string | null;
  reverseClientName: string | null;
  helo: string | null;
  protocol: string | null;
  recipients: MessageRecipientView[];
  /** ok: reasons read from the defer log; none: the message has none; unavailable: could not read it. */
  deferLog: 'ok' | 'none' | 'unavailable';
  headers: { name: string; value: string }[];
  subject: string | null;
  from: string | null;
  contentType: string;
  parts: MessagePart[];
  /** Plain text to show (HTML reduced to text); the browser escapes it. */
  text: string | null;
  textTruncated: boolean;
  raw: string;
  rawTruncated: boolean;
}
