import 'server-only';
import { AppError } from '@/lib/errors';
import { canAccessAddress, domainOf, type Principal } from '@/lib/auth/principal';
import { parseDeferLog, reasonsByRecipient } from '@/lib/postfix/defer-log';
import { parseMessage } from '@/lib/postfix/message-body';
import { parsePostcat } from '@/lib/postfix/postcat';
import { isQueueId } from '@/lib/postfix/queue-id';
import { execOnHost, HostError } from '@/lib/ssh/host-exec';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import { hostQueue } from './host-queues';
import { READER_PATH } from './scan-run';
import type { MessageDetail } from './types';

// One queued message for the message page: `postcat -q ID` parsed into
// envelope, headers and a text body, plus per-recipient delay reasons from
// the message's defer logfile (read by mw-queue-scan --defer-log, the id on
// stdin). The id is validated before it becomes an argument.

const RAW_MAX = 512 * 1024;
const TEXT_MAX = 256 * 1024;

export const VANISHED = 'Already delivered or removed: this message is no longer in the queue.';

async function deferReasons(host: string, id: string): Promise<{ state: MessageDetail['deferLog']; reasons: Map<string, string> }> {
  try {
    const r = await execOnHost(
      host,
      { program: READER_PATH, args: ['--defer-log'], sudo: 'postfix' },
      { stdin: `${id}\n`, timeoutMs: 15_000, maxOutputBytes: 2 * 1024 * 1024 },
    );
    if (r.exitCode === 1) return { state: 'none', reasons: new Map() };
    if (r.exitCode !== 0) return { state: 'unavailable', reasons: new Map() };
    return { state: 'ok', reasons: reasonsByRecipient(parseDeferLog(r.stdout, { kind: 'defer' }).entries) };
  } catch {
    // The page still shows the message; it just says the reasons could not be read.
    return { state: 'unavailable', reasons: new Map() };
  }
}

export async function loadMessage(host: string, id: string, principal: Pick<Principal, 'role' | 'domains'>): Promise<MessageDetail> {
  if (!isQueueId(id)) throw new AppError('invalid', 'Not a Postfix queue ID.');
  const [pc, defer] = await Promise.all([
    execOnHost(host, postfixTools.show(id), { timeoutMs: 30_000, maxOutputBytes: 64 * 1024 * 1024 }),
    deferReasons(host, id),
  ]);
  if (pc.exitCode !== 0) {
    if (/No such file or directory|not found/i.test(pc.stderr)) throw new AppError('not_found', VANISHED);
    throw new HostError('command_failed', `postcat -q ${id} failed: ${pc.stderr.trim().split('\n')[0] ?? `exit ${pc.exitCode}`}`);
  }
  const msg = parsePostcat(pc.stdout, { queueId: id });
  const env = msg.envelope;
  const sasl = env.saslUsername ?? null;
  // Postmasters reach a message through their login or their sender address; anything else does not exist for them.
  if (principal.role !== 'admin' && !((sasl && canAccessAddress(principal, sasl)) || (env.sender && canAccessAddress(principal, env.sender)))) {
    throw new AppError('not_found', VANISHED);
  }
  const ix = hostQueue(host).index;
  const row = ix?.byId.get(id);
  const view = parseMessage(msg.headerLines, msg.body);
  const senderDomain = env.sender ? domainOf(env.sender) : '';
  const text = view.text ?? null;
  return {
    id,
    queue: env.queue ?? null,
    // The index has the epoch arrival; postcat prints the host's local time without a zone.
    arrival: row !== undefined && ix ? ix.arrival[row]! : env.arrivalTime ? Math.floor(env.arrivalTime.getTime() / 1000) : null,
    size: env.size,
    sender: env.sender,
    forged: Boolean(senderDomain && sasl && sasl.includes('@') && domainOf(sasl) !== senderDomain),
    saslUser: sasl,
    saslMethod: env.saslMethod ?? null,
    clientIp: env.logClientAddress ?? env.clientAddress ?? null,
    clientName: env.attributes.log_client_name ?? env.clientName ?? null,
    reverseClientName: env.reverseClientName ?? null,
    helo: env.attributes.log_helo_name ?? env.heloName ?? null,
    protocol: env.protocol ?? null,
    recipients: env.recipients.map((r) => ({
      address: r.address,
      original: r.original ?? null,
      status: r.status ?? null,
      delayReason: defer.reasons.get(r.address) ?? null,
    })),
    deferLog: defer.state,
    headers: view.headers,
    subject: view.subject ?? null,
    from: view.from ?? null,
    contentType: view.contentType,
    parts: view.parts,
    text: text && text.length > TEXT_MAX ? text.slice(0, TEXT_MAX) : text,
    textTruncated: Boolean(text && text.length > TEXT_MAX),
    raw: pc.stdout.length > RAW_MAX ? pc.stdout.slice(0, RAW_MAX) : pc.stdout,
    rawTruncated: pc.stdout.length > RAW_MAX,
  };
}
