// Builds a queue file the way cleanup(8) of Postfix 3.7 writes one (record
// order copied from files it wrote in the lab), so postcat, postqueue and
// qmgr read it like any other.
import { REC, RecordWriter } from './records';

export interface SmtpClient {
  address: string;
  port: number;
  /** Verified client name; 'unknown' when reverse DNS failed. */
  name: string;
  helo: string;
}

export interface Envelope {
  queueId: string;
  arrival: { sec: number; usec: number };
  /** '' is the null sender of bounces. */
  sender: string;
  sasl: { method: string; username: string } | null;
  /** null for mail Postfix generated itself (bounces). */
  client: SmtpClient | null;
  serverAddress: string;
  recipients: readonly string[];
}

export interface QueueFile {
  bytes: Buffer;
  /** The message_size postqueue reports: content bytes between M and X. */
  size: number;
  /** Offset of each recipient's R record, as the defer logfile cites it. */
  recipientOffsets: number[];
}

// line_length_limit: longer lines are stored as L records plus a final N.
const LINE_LIMIT = 2048;
const SIZE_FIELD = (n: number): string => String(n).padStart(15, ' ');

export function buildQueueFile(env: Envelope, contentLines: readonly string[]): QueueFile {
  const w = new RecordWriter(4096 + contentLines.length * 80 + env.recipients.length * 160);
  const sizeAt = w.put(REC.SIZE, Array(6).fill(SIZE_FIELD(0)).join(' '));
  w.put(REC.TIME, `${env.arrival.sec} ${env.arrival.usec}`);
  w.put(REC.ATTR, `create_time=${env.arrival.sec}`);
  const c = env.client;
  if (c) {
    w.put(REC.ATTR, `log_ident=${env.queueId}`);
    w.put(REC.ATTR, 'rewrite_context=remote');
    if (env.sasl) {
      w.put(REC.ATTR, `sasl_method=${env.sasl.method}`);
      w.put(REC.ATTR, `sasl_username=${env.sasl.username}`);
    }
    w.put(REC.FROM, env.sender);
    w.put(REC.ATTR, `log_client_name=${c.name}`);
    w.put(REC.ATTR, `log_client_address=${c.address}`);
    w.put(REC.ATTR, `log_client_port=${c.port}`);
    w.put(REC.ATTR, `log_message_origin=${c.name}[${c.address}]`);
    w.put(REC.ATTR, `log_helo_name=${c.helo}`);
    w.put(REC.ATTR, 'log_protocol_name=ESMTP');
    w.put(REC.ATTR, `client_name=${c.name}`);
    w.put(REC.ATTR, `reverse_client_name=${c.name}`);
    w.put(REC.ATTR, `client_address=${c.address}`);
    w.put(REC.ATTR, `client_port=${c.port}`);
    w.put(REC.ATTR, `server_address=${env.serverAddress}`);
    w.put(REC.ATTR, 'server_port=25');
    w.put(REC.ATTR, `helo_name=${c.helo}`);
    w.put(REC.ATTR, 'protocol_name=ESMTP');
    w.put(REC.ATTR, 'client_address_type=2');
  } else {
    w.put(REC.ATTR, 'log_message_origin=local');
    w.put(REC.ATTR, 'trace_flags=0');
    w.put(REC.FROM, env.sender);
  }
  const recipientOffsets: number[] = [];
  for (const rcpt of env.recipients) {
    w.put(REC.ATTR, `dsn_orig_rcpt=rfc822;${rcpt}`);
    w.put(REC.ORCP, rcpt);
    recipientOffsets.push(w.put(REC.RCPT, rcpt));
  }
  w.put(REC.MESG);
  const dataOffset = w.offset;
  for (const line of contentLines) {
    let rest = line;
    while (rest.length > LINE_LIMIT) {
      w.put(REC.CONT, rest.slice(0, LINE_LIMIT));
      rest = rest.slice(LINE_LIMIT);
    }
    w.put(REC.NORM, rest);
  }
  const size = w.offset - dataOffset;
  w.put(REC.XTRA);
  w.put(REC.END);
  // data size, data offset, recipients, qmgr flags, content length, smtputf8
  const fields = [size, dataOffset, env.recipients.length, 0, size, 0];
  w.patch(sizeAt + 2, fields.map(SIZE_FIELD).join(' '));
  return { bytes: w.toBuffer(), size, recipientOffsets };
}
