// Shapes the dashboard API returns; shared by the route and the screen (no
// server code here).
import type { Suspect } from '@/lib/incident/types';
import type { QueueOverview } from '@/lib/incident/queue-evidence';
import type { FacetValue } from '@/lib/queue/query';
import type { ScanState } from '@/lib/queue/types';

export type QueuePoint = { at: string; total: number; incoming: number; active: number; deferred: number; hold: number; complete: boolean };

export type HostOverview = {
  host: string;
  /** canScan: whole-host scans are an administrator's. For a postmaster every figure (scan.indexed included) counts his domains only. */
  queue: { scan: ScanState; indexed: boolean; canScan: boolean; overview: QueueOverview | null; topUsers: FacetValue[]; topIps: FacetValue[] };
  /** watcher: mw_watch_sample rows; console: samples this console took when the dashboard was open. */
  history: { source: 'watcher' | 'console' | 'none'; points: QueuePoint[]; note: string | null };
  blocks:
    | {
        ok: true;
        deferred: number;
        bounced: number;
        blockedSites: string[];
        groups: { site: string; reply: string; count: number; blocked: boolean; provider: string | null }[];
      }
    | { ok: false; error: string };
};

export type DashboardResponse = { hosts: string[]; selected: string; overviews: HostOverview[] };

export type SuspectsResponse = {
  /** Logins at or above the threshold: the count on the dashboard is this list's length. */
  suspects: Suspect[];
  /** Logins with some points below the threshold: shown folded, without a response. */
  others: Suspect[];
  threshold: number;
  hosts: { host: string; indexed: boolean; scan: ScanState; log: { ok: boolean; error?: string } }[];
};
