// The per-message logfile under defer/ that bounce(8) appends to after each
// failed attempt; showq reads it for the "(reason)" of mailq/postqueue -j.
// Entry layout copied from Postfix 3.7's own files: a blank line, the
// old-style "<rcpt>: reason" line, attributes, a blank line.

export interface DeferEntry {
  recipient: string;
  /** Offset of the recipient's R record in the queue file. */
  offset: number;
  /** e.g. 4.7.1 */
  status: string;
  reason: string;
  /** Present when a remote server answered (smtp); absent for "delivery temporarily suspended". */
  remote?: { mtaHost: string; diagText: string };
}

export function formatDeferEntry(e: DeferEntry): string {
  let out = `\n<${e.recipient}>: ${e.reason}\nrecipient=${e.recipient}\noffset=${e.offset}\n`;
  out += `dsn_orig_rcpt=rfc822;${e.recipient}\nstatus=${e.status}\naction=delayed\n`;
  if (e.remote) {
    out += `diag_type=smtp\ndiag_text=${e.remote.diagText}\nmta_type=dns\nmta_mname=${e.remote.mtaHost}\n`;
  }
  return `${out}reason=${e.reason}\n\n`;
}

export function formatDeferLog(entries: readonly DeferEntry[]): string {
  return entries.map(formatDeferEntry).join('');
}
