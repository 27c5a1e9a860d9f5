// One interface per event kind; the union lives in ./types.

import type { CommandCounters, Delays, Peer, RemoteReply } from './fields';

export interface SaslLogin {
  kind: 'sasl-login';
  queueId: string;
  client: Peer;
  saslMethod?: string;
  saslUsername: string;
  saslSender?: string;
}

/** `QUEUEID: client=name[ip]` without SASL (an unauthenticated or mynetworks session). */
export interface ClientEvent {
  kind: 'client';
  queueId: string;
  client: Peer;
  origClient?: Peer;
}

export interface SaslFailure {
  kind: 'sasl-failure';
  client: Peer;
  mechanism: string;
  reason: string;
  /** Newer Postfix (3.x) appends `, sasl_username=...` when the client sent one. */
  username?: string;
}

export interface ConnectEvent {
  kind: 'connect';
  client: Peer;
}

export interface DisconnectEvent {
  kind: 'disconnect';
  client: Peer;
  counters?: CommandCounters;
}

/** `lost connection after X`, `timeout after X`, `too many errors after X`, `SSL_accept error`, ... */
export interface LostConnection {
  kind: 'lost-connection';
  reason: string;
  stage?: string;
  client: Peer;
  detail?: string;
}

export interface QmgrFrom {
  kind: 'qmgr-from';
  queueId: string;
  from: string;
  size: number;
  nrcpt: number;
}

export interface QmgrExpired {
  kind: 'qmgr-expired';
  queueId: string;
  from: string;
  status: string;
}

export interface Removed {
  kind: 'removed';
  queueId: string;
}

export interface Delivery {
  kind: 'delivery';
  queueId: string;
  to: string;
  origTo?: string;
  /** Raw relay field: `mx.example.com[1.2.3.4]:25`, `none`, `local`, `dovecot`. */
  relay: string;
  relayHost?: string;
  /** Bracket content of the relay: an IP, or a socket path like `private/dovecot-lmtp`. */
  relayAddr?: string;
  relayPort?: number;
  delay?: number;
  delays?: Delays;
  dsn?: string;
  status: string;
  /** The parenthesised text after the status, unchanged. */
  detail: string;
  reply: RemoteReply;
  tls?: string;
}

/** smtp/lmtp lines about a remote site without a recipient: `QUEUEID: host X[ip] said: ...`, `connect to ...`. */
export interface RemoteReplyEvent {
  kind: 'remote-reply';
  queueId?: string;
  reply: RemoteReply;
}

export interface BounceNotification {
  kind: 'bounce-notification';
  queueId: string;
  newQueueId: string;
  /** `sender` or `postmaster`. */
  recipient: string;
  /** `non-delivery`, `delay`, `delivery status`, `success`. */
  notification: string;
}

export interface CleanupEvent {
  kind: 'cleanup';
  queueId: string;
  messageId: string;
}

export interface PickupEvent {
  kind: 'pickup';
  queueId: string;
  uid: number;
  from: string;
}

export interface PostsuperEvent {
  kind: 'postsuper';
  action: 'removed' | 'held' | 'released' | 'requeued';
  /** Set for per-message lines. */
  queueId?: string;
  /** Set for the summary line `Deleted: 115 messages`. */
  count?: number;
}

export interface RejectEvent {
  kind: 'reject';
  /** Absent for `NOQUEUE`. */
  queueId?: string;
  /** reject, reject_warning, milter-reject, discard, filter, hold, redirect, proxy-reject, ... */
  action: string;
  /** RCPT, MAIL, EHLO, CONNECT, DATA, END-OF-MESSAGE, VRFY, BDAT, ... */
  stage: string;
  client?: Peer;
  code?: number;
  dsn?: string;
  /** The `<x>` the reply is about (recipient, sender or HELO name). */
  target?: string;
  reason: string;
  /** DNSBL zone from `blocked using zen.spamhaus.org`. */
  blockedUsing?: string;
  from?: string;
  to?: string;
  proto?: string;
  helo?: string;
}

/** cleanup(8) header_checks/body_checks and milter header actions: `QUEUEID: warning: header Subject: x from c[ip]; from=<a> to=<b> ...`. */
export interface ContentCheck {
  kind: 'content-check';
  queueId: string;
  /** reject, warning, info, hold, discard, redirect, filter, prepend, replace, milter-header-redirect, ... */
  action: string;
  part: 'header' | 'body';
  /** The matched header line or body text. */
  text: string;
  /** `local` for locally submitted mail, otherwise the SMTP client. */
  client?: Peer;
  from?: string;
  to?: string;
  proto?: string;
  helo?: string;
  /** What follows the envelope: the reject text, or the redirect/prepend argument. */
  result?: string;
}

export interface TlsEvent {
  kind: 'tls';
  direction: 'in' | 'out';
  /** Anonymous, Untrusted, Trusted, Verified. */
  trust: string;
  peer: Peer;
  protocol: string;
  cipher: string;
  bits?: string;
}

export interface PostscreenEvent {
  kind: 'postscreen';
  /** CONNECT, DISCONNECT, PASS NEW, PASS OLD, DNSBL, PREGREET, HANGUP, COMMAND TIME LIMIT, ... */
  action: string;
  client: Peer;
  /** SMTP command after which a limit hit: `COMMAND TIME LIMIT from [ip]:port after RCPT`. */
  stage?: string;
  detail?: string;
}

export interface DnsblHit {
  kind: 'dnsbl-hit';
  ip: string;
  domain: string;
  result: string;
}

export interface MasterEvent {
  kind: 'master';
  action: 'started' | 'reload' | 'terminating';
  version?: string;
  signal?: number;
}

export interface StatisticsEvent {
  kind: 'statistics';
  text: string;
}

export interface LevelEvent {
  kind: 'warning' | 'error' | 'fatal' | 'panic';
  queueId?: string;
  text: string;
}

/** tlsproxy(8): postscreen's TLS sessions. `established` lines come back as TlsEvent. */
export interface TlsProxyEvent {
  kind: 'tlsproxy';
  action: 'connect' | 'disconnect' | 'handshake-failed';
  client: Peer;
  /** `service=smtpd` of a failed handshake. */
  tlsService?: string;
}

/** postscreen/verify: `cache btree:/var/lib/postfix/postscreen_cache full cleanup: retained=12 dropped=3 entries`. */
export interface CacheCleanup {
  kind: 'cache-cleanup';
  table: string;
  retained: number;
  dropped: number;
}

/** A postfwd rule match (the sending-limit policy service); `limitHit` when a rate()/rcpt() limit refused it. */
export interface PolicyRuleEvent {
  kind: 'policy-rule';
  ruleId: string;
  client: Peer;
  queueId?: string;
  saslUsername?: string;
  sender?: string;
  recipient?: string;
  /** RCPT, END-OF-MESSAGE, ... */
  state?: string;
  limitHit: boolean;
  rateType?: 'rate' | 'rcpt' | 'size';
  /** The counter's value that went over the limit. */
  rateCount?: number;
  /** What postfwd answered Postfix: DUNNO, or the reply of the limit. */
  action: string;
}
