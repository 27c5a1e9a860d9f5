import 'server-only';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { notFound } from '@/lib/errors';
import { db } from '@/lib/db';
import { execOnHost, HostError, streamFromHost, type HostCommand } from '@/lib/ssh/host-exec';
import { splitGrepOffsetLines, splitLines } from './line-splitter';
import { FIND_PRINTF, isSafeLogPath, parseFindListing, splitLogPath, type LogFile } from './log-files';

// A host's maillog over SSH: which files exist (find), and each file's lines
// streamed (grep/cat/tail, or the .gz bytes gunzipped here). Paths come from
// the host row only; request values (user names, queue ids, search text)
// reach the host as grep patterns on stdin, never on the command line.

export type HostLogFile = LogFile & { pathIndex: number };
export type HostLogs = { host: string; paths: string[]; files: HostLogFile[]; utcOffsetMinutes: number; warnings: string[] };

const pathsSchema = z.array(z.string()).catch([]);

export async function hostLogPaths(host: string): Promise<string[]> {
  const row = await db().mwHost.findUnique({ where: { name: host }, select: { maillogPaths: true } });
  if (!row) throw notFound(`Host "${host}"`);
  return pathsSchema.parse(row.maillogPaths).filter(isSafeLogPath);
}

/** `+0800` → 480. */
export function parseUtcOffset(text: string): number {
  const m = /^([+-])(\d\d)(\d\d)$/.exec(text.trim());
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

// A host's UTC offset changes twice a year at most: ask again after ten minutes, not on every view.
const OFFSET_TTL_MS = 10 * 60_000;
const offsets = new Map<string, { minutes: number; at: number }>();

async function utcOffsetOf(host: string): Promise<number> {
  const known = offsets.get(host);
  if (known && Date.now() - known.at < OFFSET_TTL_MS) return known.minutes;
  const res = await execOnHost(host, { program: 'date', args: ['+%z'] }, { timeoutMs: 15_000 });
  const minutes = parseUtcOffset(res.stdout);
  offsets.set(host, { minutes, at: Date.now() });
  return minutes;
}

export async function listHostLogs(host: string): Promise<HostLogs> {
  const paths = await hostLogPaths(host);
  const warnings: string[] = [];
  const [utcOffsetMinutes, ...listings] = await Promise.all([
    utcOffsetOf(host),
    ...paths.map((p) => {
      const { dir, base } = splitLogPath(p);
      return execOnHost(
        host,
        { program: 'find', args: [dir, '-maxdepth', '1', '-type', 'f', '-name', `${base}*`, '-printf', FIND_PRINTF] },
        { timeoutMs: 15_000 },
      );
    }),
  ]);
  const files: HostLogFile[] = [];
  listings.forEach((res, pathIndex) => {
    const found = parseFindListing(res.stdout, paths[pathIndex]!);
    if (res.exitCode !== 0 && found.length === 0) warnings.push(`${paths[pathIndex]}: ${res.stderr.trim().split('\n')[0] ?? 'not found'}`);
    for (const f of found) files.push({ ...f, pathIndex });
  });
  return { host, paths, files, utcOffsetMinutes, warnings };
}

export type ReadSpec = {
  /** Fixed substrings chosen by code; they may go on the command line. */
  needles?: readonly string[];
  /** Substrings from a request (queue id, search text): sent on stdin, never as arguments. */
  patterns?: readonly string[];
  ignoreCase?: boolean;
  /** Continue a live file from this byte. */
  offset?: number;
};

export type FileRead = {
  /** Lines in batches (one per chunk received). */
  lines: AsyncIterable<string[]>;
  /** After the lines are consumed: the byte offset of the first line not read. */
  readTo(): number;
  cancel(): void;
};

function grepCommand(file: LogFile, spec: ReadSpec): { cmd: HostCommand; stdin?: string } {
  const args = ['-a', '-F', '-b'];
  if (spec.ignoreCase) args.push('-i');
  if (spec.patterns) return { cmd: { program: 'grep', args: [...args, '-f', '-', '--', file.path] }, stdin: spec.patterns.join('\n') + '\n' };
  for (const n of spec.needles ?? []) args.push('-e', n);
  return { cmd: { program: 'grep', args: [...args, '--', file.path] } };
}

function failure(file: LogFile, what: string, res: { exitCode: number | null; stderr: string }, okCodes: number[]): HostError | null {
  if (res.exitCode === null || okCodes.includes(res.exitCode)) return null;
  const why = res.stderr.trim().split('\n')[0] || `exit code ${res.exitCode}`;
  const hint = /Permission denied/i.test(why) ? ' — the SSH user needs read access (group adm on Debian, or a sudoers rule)' : '';
  return new HostError('command_failed', `${what} ${file.path} failed: ${why}${hint}`.slice(0, 500));
}

/**
 * One file's lines. Plain files are filtered on the host by grep (with byte
 * offsets, so a later read can resume exactly); a resumed read takes the new
 * bytes with `tail -c`; .gz files come compressed and are inflated here,
 * which moves a tenth of the bytes over the link.
 */
export function readLogFile(host: string, file: LogFile, spec: ReadSpec): FileRead {
  const filterInNode = (line: string) => {
    const hay = spec.ignoreCase ? line.toLowerCase() : line;
    return spec.patterns!.some((p) => hay.includes(spec.ignoreCase ? p.toLowerCase() : p));
  };
  const nodeFilter = spec.patterns ? { filter: filterInNode } : spec.needles?.length ? { needles: spec.needles } : {};

  if (file.gz || (spec.offset ?? 0) > 0 || (!spec.patterns && !spec.needles?.length)) {
    const start = file.gz ? 0 : (spec.offset ?? 0);
    const cmd: HostCommand = start > 0 ? { program: 'tail', args: ['-c', `+${start + 1}`, '--', file.path] } : { program: 'cat', args: ['--', file.path] };
    const s = streamFromHost(host, cmd, { timeoutMs: 30 * 60_000 });
    const stats = { consumed: 0 };
    const source = file.gz ? s.stdout.pipe(createGunzip()) : s.stdout;
    if (file.gz) source.on('error', () => s.cancel());
    const lines = (async function* () {
      try {
        yield* splitLines(source as AsyncIterable<Buffer>, { ...nodeFilter, partial: file.gz ? 'yield' : 'keep', stats });
      } catch (err) {
        if (file.gz) throw new HostError('command_failed', `${file.path} is not a readable gzip file: ${(err as Error).message}`);
        throw err;
      }
      const err = failure(file, cmd.program, await s.done, [0]);
      if (err) throw err;
    })();
    return { lines, readTo: () => (file.gz ? file.size : start + stats.consumed), cancel: () => s.cancel() };
  }

  const { cmd, stdin } = grepCommand(file, spec);
  const s = streamFromHost(host, cmd, { stdin, timeoutMs: 30 * 60_000 });
  // grep reads past the size `find` saw when the file grows meanwhile: those
  // lines are left for the next (resumed) read, so nothing is counted twice.
  let readTo = file.size;
  const lines = (async function* () {
    for await (const batch of splitGrepOffsetLines(s.stdout as AsyncIterable<Buffer>)) {
      const texts: string[] = [];
      for (const l of batch) {
        if (l.offset >= file.size) continue;
        if (l.end > readTo) readTo = l.end;
        texts.push(l.text);
      }
      if (texts.length) yield texts;
    }
    const err = failure(file, 'grep', await s.done, [0, 1]);
    if (err) throw err;
  })();
  return { lines, readTo: () => readTo, cancel: () => s.cancel() };
}
