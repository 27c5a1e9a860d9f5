import 'server-only';
import { parseMaillogLine, type KnownEvent, type MaillogEvent } from '@/lib/postfix/maillog';
import { dayClock, newLoginScan, scanSaslLogin, scannedIp, scannedUser } from './fast-login';
import type { LogAggregator } from './aggregator';
import { ScanCache } from './scan-cache';
import { listHostLogs, readLogFile, type HostLogFile, type HostLogs, type ReadSpec } from './host-source';
import { planScan, selectFiles, type FileMark } from './log-files';
import type { ScanInfo, TimeRange } from './schemas';

// Runs an aggregation over the part of a host's maillog a time range needs,
// streaming line by line. The aggregator and how far each file was read are
// cached per (host, view, scope, range): a second view re-lists the files
// (one `find`), and reads nothing if they are unchanged, or only the bytes
// appended since.

// Log lines are not strictly ordered (several daemons, one clock): a line
// this far past `to` means the rest of the file is later still.
const PAST_TO_MS = 10 * 60_000;
// Clock skew allowed before a stamp counts as "after the file was written".
const FUTURE_SLACK_MS = 2 * 86_400_000;

export type LineVisitor = (ev: MaillogEvent, raw: string) => boolean | void;

/** Files of the range, per configured log path, oldest first. */
export function filesFor(logs: HostLogs, range: TimeRange): HostLogFile[] {
  return logs.paths.flatMap(
    (_, i) =>
      selectFiles(
        logs.files.filter((f) => f.pathIndex === i),
        range,
      ) as HostLogFile[],
  );
}

export type WalkResult = { lines: number; marks: FileMark[]; complete: boolean; stopped: boolean };

/** A specialised reader for the commonest line of a view; undefined sends the line to the general parser. */
export type FastParse = (line: string, clock: (line: string) => number | undefined) => KnownEvent | undefined;

/**
 * Feed every line of `files` inside the range to `visit`, in file order.
 * `visit` returning false stops the whole walk. Year-less stamps take their
 * year from the file's mtime (a December line in a file written in January
 * belongs to the year before).
 */
export type LoginVisitor = (time: number, user: string, ip: string) => void;

export type WalkOptions = { resume?: { index: number; offset: number }; fast?: FastParse; login?: LoginVisitor; ignores?: (raw: string) => boolean };

export async function walkFiles(
  host: string,
  logs: HostLogs,
  files: HostLogFile[],
  spec: ReadSpec,
  range: TimeRange,
  visit: LineVisitor,
  wo: WalkOptions = {},
): Promise<WalkResult> {
  const { resume, fast, login, ignores } = wo;
  const scratch = newLoginScan();
  let lines = 0;
  let complete = false;
  const marks: FileMark[] = [];
  let skipPath = -1;
  for (let i = resume?.index ?? 0; i < files.length; i++) {
    const file = files[i]!;
    if (file.pathIndex === skipPath) continue;
    const offset = resume && i === resume.index ? resume.offset : 0;
    const read = readLogFile(host, file, { ...spec, offset });
    // The year of a year-less stamp: the file's, or the one before for lines
    // that would otherwise lie after the file was last written (December
    // lines in a file rotated in January). Fixed per file: cheaper than
    // inferring it line by line.
    const year = new Date(file.mtimeMs + logs.utcOffsetMinutes * 60_000).getUTCFullYear();
    const opts = { year, utcOffsetMinutes: logs.utcOffsetMinutes };
    const before = { year: year - 1, utcOffsetMinutes: logs.utcOffsetMinutes };
    const latest = file.mtimeMs + FUTURE_SLACK_MS;
    const clock = dayClock(opts);
    try {
      batches: for await (const batch of read.lines) {
        for (const raw of batch) {
          lines++;
          let t: number | undefined;
          let ev: MaillogEvent | undefined;
          // Login lines straight into the count, without an event object (the hot path of a login scan).
          const quick = login !== undefined && scanSaslLogin(raw, clock, scratch) && scratch.time <= latest;
          if (quick) {
            t = scratch.time;
          } else {
            if (ignores && ignores(raw)) continue;
            ev = (fast && fast(raw, clock)) || parseMaillogLine(raw, opts);
            if (ev.time !== undefined && ev.time > latest && !ev.timeExact) ev = parseMaillogLine(raw, before);
            t = ev.time;
          }
          if (t !== undefined) {
            if (t < range.from) continue;
            if (range.to !== null && t > range.to) {
              if (t > range.to + PAST_TO_MS) {
                complete = true;
                skipPath = file.pathIndex;
                break batches;
              }
              continue;
            }
          }
          if (quick) login(t!, scannedUser(raw, scratch), scannedIp(raw, scratch));
          else if (visit(ev!, raw) === false) return { lines, marks, complete, stopped: true };
        }
      }
    } finally {
      read.cancel();
    }
    marks.push({ inode: file.inode, size: file.size, readTo: read.readTo() });
  }
  return { lines, marks, complete, stopped: false };
}

type Entry = { agg: LogAggregator<unknown>; marks: FileMark[]; complete: boolean };
const globalForScan = globalThis as unknown as { mailwardenLogScans?: ScanCache<Entry> };
const cache = () => (globalForScan.mailwardenLogScans ??= new ScanCache<Entry>(32));

export type AggregateSpec<R> = {
  host: string;
  /** View, user and scope: together with host and range, the cache key. */
  key: string;
  needles: readonly string[];
  fast?: FastParse;
  make: () => LogAggregator<R>;
  range: TimeRange;
  limit: number;
};

export function scanInfo(files: HostLogFile[], lines: number, started: number, mode: ScanInfo['mode'], range: TimeRange): ScanInfo {
  return {
    files: files.map((f) => ({ path: f.path, size: f.size, gz: f.gz })),
    bytes: files.reduce((n, f) => n + f.size, 0),
    lines,
    ms: Math.round(performance.now() - started),
    cached: mode !== 'full',
    mode,
    range,
    at: Date.now(),
  };
}

export async function aggregateHostLogs<R>(spec: AggregateSpec<R>): Promise<{ result: R; scan: ScanInfo; logs: HostLogs }> {
  const started = performance.now();
  const key = [spec.host, spec.key, spec.range.from, spec.range.to ?? 'open'].join('\0');
  return cache().withLock(key, async () => {
    // Listed inside the lock: a request that waited sees what the scan before it read.
    const logs = await listHostLogs(spec.host);
    const files = filesFor(logs, spec.range);
    const entry = cache().get(key) as { agg: LogAggregator<R>; marks: FileMark[]; complete: boolean } | undefined;
    const plan = planScan(entry?.marks, files, entry?.complete);
    if (plan.mode === 'cache' && entry) return { result: entry.agg.result(spec.limit), scan: scanInfo(files, 0, started, 'cache', spec.range), logs };
    const agg = plan.mode === 'resume' && entry ? entry.agg : spec.make();
    const add = (ev: MaillogEvent, raw: string) => {
      if (ev.kind !== 'unknown') agg.add(ev as KnownEvent, raw);
    };
    cache().delete(key); // a failed read must not leave a half-fed aggregator behind
    const resume = plan.mode === 'resume' ? plan : undefined;
    const login = agg.addLogin ? agg.addLogin.bind(agg) : undefined;
    const ignores = agg.ignores ? agg.ignores.bind(agg) : undefined;
    const walk = await walkFiles(spec.host, logs, files, { needles: spec.needles }, spec.range, add, { resume, fast: spec.fast, login, ignores });
    const marks = resume && entry ? [...entry.marks.slice(0, resume.index), ...walk.marks] : walk.marks;
    cache().set(key, { agg: agg as LogAggregator<unknown>, marks, complete: walk.complete });
    return { result: agg.result(spec.limit), scan: scanInfo(files, walk.lines, started, resume ? 'resume' : 'full', spec.range), logs };
  });
}
