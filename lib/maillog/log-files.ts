// Which files make up a host's maillog, in what order, and which of them a
// time range needs. Pure: the `find -printf` listing in, typed files out.

export type LogFile = {
  path: string;
  inode: number;
  size: number;
  mtimeMs: number;
  gz: boolean;
};

/** The `find` output format these functions read: inode, size, mtime (s.frac), path. */
export const FIND_PRINTF = '%i\\t%s\\t%T@\\t%p\\n';

/** Log paths come from the host row; still, only plain absolute paths may reach a command line. */
export function isSafeLogPath(p: string): boolean {
  return /^\/[A-Za-z0-9._/-]+$/.test(p) && !p.endsWith('/') && !p.split('/').includes('..');
}

export function splitLogPath(p: string): { dir: string; base: string } {
  const slash = p.lastIndexOf('/');
  return { dir: slash === 0 ? '/' : p.slice(0, slash), base: p.slice(slash + 1) };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rotation rank of a file name: 0 for the live file, larger for older ones.
 * `maillog.1`, `maillog.2.gz` (logrotate numbers), `maillog-20261127[.gz]`
 * (dateext); anything else that merely starts with the name is not a log.
 */
export function rotationRank(base: string, name: string): number | null {
  const m = new RegExp(`^${escapeRe(base)}(?:\\.(\\d{1,4})|-(\\d{8,10}))?(\\.gz)?$`).exec(name);
  if (!m) return null;
  if (m[1] !== undefined) return Number(m[1]);
  if (m[2] !== undefined) return 1e12 - Number(m[2].slice(0, 8)); // older date → higher rank
  return m[3] ? null : 0;
}

/** Parse `find DIR -maxdepth 1 -name 'BASE*' -type f -printf FIND_PRINTF` output; oldest first, the live file last. */
export function parseFindListing(text: string, logPath: string): LogFile[] {
  const { base } = splitLogPath(logPath);
  const files: (LogFile & { rank: number })[] = [];
  for (const line of text.split('\n')) {
    const parts = line.split('\t');
    if (parts.length !== 4) continue;
    const [inode, size, mtime, path] = parts as [string, string, string, string];
    const name = path.slice(path.lastIndexOf('/') + 1);
    const rank = rotationRank(base, name);
    const mtimeMs = Math.round(Number(mtime) * 1000);
    if (rank === null || !Number.isFinite(mtimeMs) || !/^\d+$/.test(inode) || !/^\d+$/.test(size)) continue;
    files.push({ path, inode: Number(inode), size: Number(size), mtimeMs, gz: name.endsWith('.gz'), rank });
  }
  // mtime is the real order (a copied-back file keeps its rank); the rank breaks ties.
  files.sort((a, b) => a.mtimeMs - b.mtimeMs || b.rank - a.rank);
  return files.map(({ rank: _rank, ...f }) => f);
}

// Lines are written a little before the file's mtime moves; rotation can lag.
const SLACK_MS = 5 * 60_000;

/**
 * The files a range needs. A file last written before `from` holds nothing
 * newer; a file whose predecessor was already written after `to` starts
 * after `to` (rotation happens after the previous file's last line).
 */
export function selectFiles(files: LogFile[], range: { from: number; to: number | null }): LogFile[] {
  return files.filter((f, i) => {
    if (f.mtimeMs + SLACK_MS < range.from) return false;
    const prev = files[i - 1];
    if (range.to !== null && prev && prev.mtimeMs - SLACK_MS > range.to) return false;
    return true;
  });
}

/** How far a previous scan got in one file: byte offset of the next unread line. */
export type FileMark = { inode: number; size: number; readTo: number };

export type ScanPlan =
  | { mode: 'cache' }
  | { mode: 'full' }
  /** Continue file `index` from byte `offset`, then read the files after it in full. */
  | { mode: 'resume'; index: number; offset: number };

/**
 * Can an earlier scan's state be reused? Only when the files it read are
 * still there in the same order (same inode; the last one may have grown,
 * and may have been renamed by rotation) and nothing older appeared.
 */
export function planScan(previous: FileMark[] | undefined, current: LogFile[], complete = false): ScanPlan {
  if (!previous) return { mode: 'full' };
  if (previous.length === 0) return current.length === 0 ? { mode: 'cache' } : { mode: 'full' };
  if (current.length < previous.length) return { mode: 'full' };
  const lastIndex = previous.length - 1;
  for (let i = 0; i < previous.length; i++) {
    const p = previous[i]!;
    const c = current[i]!;
    if (p.inode !== c.inode) return { mode: 'full' };
    if (i < lastIndex && c.size !== p.size) return { mode: 'full' };
    if (i === lastIndex && c.size < p.readTo) return { mode: 'full' }; // truncated (copytruncate rotation)
  }
  const last = previous[lastIndex]!;
  const grew = current[lastIndex]!.size > last.readTo || current.length > previous.length;
  // A scan that already passed `to` cannot learn anything from newer lines.
  if (!grew || complete) return { mode: 'cache' };
  return { mode: 'resume', index: lastIndex, offset: last.readTo };
}
