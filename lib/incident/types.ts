// Shapes the incident API returns; shared by the routes and the pages (no
// server code here).
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
  /** extman's disablesmtpd (null: no mailbox row, or no such column). */
  blocked: boolean | null;
  mailbox: boolean;
  /** Where the burst started in the log (ms), else the first queued arrival: the incident's start. */
  since: number | null;
};
