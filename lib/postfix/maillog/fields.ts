// The parts several events share (a peer, counters, delays, a remote reply).
// Their own module, so ./events and the union in ./types do not import each other.

/** `name[ip]:port` as Postfix logs a peer; name is absent for postscreen's `[ip]:port`. */
export interface Peer {
  name?: string;
  ip: string;
  port?: number;
}

/** Per-command counters of `disconnect from ...` (Postfix ≥ 3.0): `rcpt=0/1` → accepted 0 of 1. */
export type CommandCounters = Record<string, { accepted: number; total: number }>;

/** The four parts of `delays=a/b/c/d`, in seconds. */
export interface Delays {
  beforeQmgr: number;
  inQmgr: number;
  connSetup: number;
  transmission: number;
}

/** What a remote server (or the local delivery agent) answered, split out of the log text. */
export interface RemoteReply {
  /**
   * said: `host X[ip] said: ...`; refused: `host X[ip] refused to talk to me: ...`;
   * lost: `lost connection with X[ip] while ...`; timeout: `conversation with X[ip] timed out while ...`;
   * connect: `connect to X[ip]:25: Connection refused`; tls: `SSL_connect error to X[ip]:25: ...`,
   * `certificate verification failed for X[ip]:25: ...`; other: anything else (local agents, DNS errors).
   */
  via: 'said' | 'refused' | 'lost' | 'timeout' | 'connect' | 'tls' | 'other';
  /** Set when Postfix prefixed `delivery temporarily suspended: ` (a cached site failure, no new attempt). */
  suspended: boolean;
  host?: string;
  ip?: string;
  port?: number;
  /** SMTP reply code (550) and enhanced status (5.7.1) when the text starts with them. */
  code?: number;
  dsn?: string;
  /** Reply text with the host prefix and the `(in reply to ...)` suffix removed. */
  text: string;
  /** `end of DATA`, `RCPT TO` for said; `sending RCPT TO`, `receiving the initial server greeting` for lost/timeout. */
  stage?: string;
}
