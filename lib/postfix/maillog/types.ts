// Typed events for Postfix log lines. One discriminated union on `kind`;
// every event of a known line also carries the syslog header fields.

import type {
  SaslLogin,
  ClientEvent,
  SaslFailure,
  ConnectEvent,
  DisconnectEvent,
  LostConnection,
  QmgrFrom,
  QmgrExpired,
  Removed,
  Delivery,
  RemoteReplyEvent,
  BounceNotification,
  CleanupEvent,
  PickupEvent,
  PostsuperEvent,
  RejectEvent,
  ContentCheck,
  TlsEvent,
  PostscreenEvent,
  DnsblHit,
  MasterEvent,
  StatisticsEvent,
  LevelEvent,
  TlsProxyEvent,
  CacheCleanup,
  PolicyRuleEvent,
} from './events';

export type * from './events';
export type * from './fields';

export interface MaillogHeader {
  /** Milliseconds since the epoch. For classic stamps the year and zone are assumed (see `timeExact`). */
  time: number;
  /** True for RFC 3339 stamps with an offset; false when year/zone came from options. */
  timeExact: boolean;
  host: string;
  /** The full syslog tag, e.g. `postfix/submission/smtpd`. */
  program: string;
  /** The instance part, e.g. `postfix/submission`, `postfix-out`. */
  syslogName: string;
  /** The daemon, e.g. `smtpd`, `smtp`, `qmgr`. */
  service: string;
  pid?: number;
  /** Everything after `prog[pid]: `. */
  message: string;
}

export type MaillogBody =
  | SaslLogin
  | ClientEvent
  | SaslFailure
  | ConnectEvent
  | DisconnectEvent
  | LostConnection
  | QmgrFrom
  | QmgrExpired
  | Removed
  | Delivery
  | RemoteReplyEvent
  | BounceNotification
  | CleanupEvent
  | PickupEvent
  | PostsuperEvent
  | RejectEvent
  | ContentCheck
  | TlsEvent
  | PostscreenEvent
  | DnsblHit
  | MasterEvent
  | StatisticsEvent
  | LevelEvent
  | TlsProxyEvent
  | CacheCleanup
  | PolicyRuleEvent;

/** A line no parser recognised. `reason` says whether the header or the message was the problem. */
export type UnknownLine = Partial<MaillogHeader> & {
  kind: 'unknown';
  reason: 'bad-header' | 'unrecognised';
  raw: string;
};

export type KnownEvent = MaillogHeader & MaillogBody;
export type MaillogEvent = KnownEvent | UnknownLine;
export type MaillogKind = MaillogEvent['kind'];
