import { delistingChecklist, type DelistingId } from './delisting';

// What is still open when the report is read: the other suspects of the
// host, our null-sender bounces still queued (most go to the forged senders
// and bounce again), the providers still refusing us per the log, and the
// hardening findings without their fix. Pure: what report-load gathered in,
// the section out. A null part could not be read (the queue not indexed, the
// log unreadable, hardening not an admin's to see); the page says so.

export type OpenSuspect = { user: string; score: number; queued: number; forged: number };
export type Refusal = { site: string; reply: string; count: number; provider: string | null; blocked: boolean; last: number };
export type OpenItems = {
  otherSuspects: OpenSuspect[] | null;
  bounces: { count: number } | null;
  refusing: Refusal[] | null;
  fixesMissing: string[] | null;
  delisting: { id: DelistingId; sites: string[]; sample: string }[];
};

/** Refusals newer than this are "still refusing": the latest log, not last week's. */
export const STILL_REFUSING_MS = 24 * 3_600_000;

export function openItems(input: {
  username: string;
  suspects: OpenSuspect[] | null;
  bounces: number | null;
  refusals: Refusal[] | null;
  findings: { key: string; fix?: string }[] | null;
  now: number;
}): OpenItems {
  const me = input.username.toLowerCase();
  const refusing = input.refusals?.filter((r) => r.last >= input.now - STILL_REFUSING_MS).sort((a, b) => b.count - a.count) ?? null;
  return {
    otherSuspects: input.suspects?.filter((s) => s.user.toLowerCase() !== me) ?? null,
    bounces: input.bounces === null ? null : { count: input.bounces },
    refusing,
    fixesMissing: input.findings ? [...new Set(input.findings.filter((f) => f.fix).map((f) => f.fix!))] : null,
    delisting: delistingChecklist(refusing ?? []).map((d) => ({ id: d.entry.id, sites: d.sites, sample: d.sample })),
  };
}

/** Anything left to do? (The page shows "nothing open" otherwise.) */
export const anythingOpen = (o: OpenItems) =>
  (o.otherSuspects?.length ?? 0) > 0 || (o.bounces?.count ?? 0) > 0 || (o.refusing?.length ?? 0) > 0 || (o.fixesMissing?.length ?? 0) > 0;
