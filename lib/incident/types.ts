// Shapes the incident API returns; shared by the routes and the pages (no
// server code here).
import type { QuarantineRow } from './backscatter';
import type { IncidentRecord } from './record-types';
import type { Reason } from './score';

export type Suspect = {
  host: string;
  user: string;
  score: number;
  reasons: Reason[];
  queued: number;
  forged: number;
  held: number;
  ips: { ip: string; messages: number }[];
  /** Distinct client IPs of its queued mail (ips holds the top 20). */
  ipCount: number;
  /** extman's disablesmtpd (null: no mailbox row, or no such column). */
  blocked: boolean | null;
  mailbox: boolean;
  /** What the last 7 days of maillog say (null: the log does not name this login): submissions, distinct client IPs, failed logins. */
  log: { messages: number; ips: number; failures: number } | null;
  /** Where the burst started in the log (ms), else the first queued arrival: the incident's start. */
  since: number | null;
};

export type IncidentIp = { ip: string; logins: number; first: number; last: number; isNew: boolean };

export type IncidentDetail = {
  host: string;
  username: string;
  suspect: Suspect | null;
  log: {
    ok: boolean;
    error: string | null;
    ips: IncidentIp[];
    firstLogin: number | null;
    firstForged: { time: number; from: string; ip: string; queueId: string } | null;
    failures: number;
    recentMessages: number;
  };
  queue: { indexed: boolean; scanning: boolean };
  /** exists: extman has a mailbox row; blocked: in Mailwarden's access map or extman's disablesmtpd. */
  mailbox: { exists: boolean; blocked: boolean; active: boolean; domain: string; maildir: string };
  /** The open incident record of this login, if any. */
  record: IncidentRecord | null;
  progress: { contained: boolean; cleaned: boolean; hardened: boolean; verified: boolean };
  /** When the response began (first containment action), ms; null before it. */
  containedAt: number | null;
  quarantines: QuarantineRow[];
};
