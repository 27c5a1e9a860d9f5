// Parser for the per-message logfiles under defer/ and bounce/
// (src/bounce/bounce_append_service.c writes them, src/global/bounce_log.c
// reads them). Entries are separated by blank lines; new-style lines are
// `name=value`, old-style ones `<recipient>: reason`, and one entry may mix
// both. Missing status/action get the same defaults bounce_log.c uses.

export interface DeferLogEntry {
  recipient: string;
  originalRecipient?: string;
  /** Offset of the recipient record in the queue file. */
  offset?: number;
  dsnOrigRcpt?: string;
  notifyFlags?: number;
  /** Enhanced status code, e.g. "4.4.1". */
  status?: string;
  /** delayed, failed, delivered, ... */
  action?: string;
  diagType?: string;
  diagText?: string;
  mtaType?: string;
  mtaName?: string;
  reason?: string;
}

export interface DeferLogParse {
  entries: DeferLogEntry[];
  warnings: string[];
}

export interface DeferLogOptions {
  /** Which directory the file came from; fills in the compat status/action. */
  kind?: 'defer' | 'bounce';
}

const TEXT_FIELDS: Record<string, keyof DeferLogEntry> = {
  recipient: 'recipient',
  original_recipient: 'originalRecipient',
  dsn_orig_rcpt: 'dsnOrigRcpt',
  status: 'status',
  action: 'action',
  diag_type: 'diagType',
  diag_text: 'diagText',
  mta_type: 'mtaType',
  mta_mname: 'mtaName',
  reason: 'reason',
};

const COMPAT = { defer: { status: '4.0.0', action: 'delayed' }, bounce: { status: '5.0.0', action: 'failed' } };

export function parseDeferLog(text: string, opts: DeferLogOptions = {}): DeferLogParse {
  const out: DeferLogParse = { entries: [], warnings: [] };
  let cur: Partial<DeferLogEntry> | null = null;
  const flush = () => {
    if (!cur) return;
    const e: DeferLogEntry = { ...cur, recipient: cur.recipient ?? '' };
    if (opts.kind) {
      e.status ??= COMPAT[opts.kind].status;
      e.action ??= COMPAT[opts.kind].action;
    }
    out.entries.push(e);
    cur = null;
  };
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (raw.trim() === '') {
      flush();
      continue;
    }
    cur ??= {};
    if (/^[A-Za-z0-9]/.test(raw)) {
      const eq = raw.indexOf('=');
      if (eq <= 0) {
        out.warnings.push(`malformed line: ${raw.slice(0, 200)}`);
        continue;
      }
      const name = raw.slice(0, eq).trim();
      const value = raw.slice(eq + 1).trim();
      const field = TEXT_FIELDS[name];
      if (field) (cur as Record<string, unknown>)[field] = value;
      else if (name === 'offset' && /^\d+$/.test(value)) cur.offset = Number(value);
      else if (name === 'notify_flags' && /^\d+$/.test(value)) cur.notifyFlags = Number(value);
      else out.warnings.push(`unknown attribute: ${name}`);
      continue;
    }
    // Old style, still written first when oldlog_compat is on.
    const old = /^<([^>]*)>: ?(.*)$/.exec(raw);
    if (old) {
      cur.recipient ??= old[1] as string;
      cur.reason ??= (old[2] as string).trim();
      continue;
    }
    out.warnings.push(`malformed line: ${raw.slice(0, 200)}`);
  }
  flush();
  return out;
}

/** The latest reason per recipient address (showq shows one reason per recipient). */
export function reasonsByRecipient(entries: DeferLogEntry[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of entries) if (e.reason !== undefined) m.set(e.recipient, e.reason);
  return m;
}

/** The first recorded reason: a one-line answer to "why is this message stuck?". */
export function firstDelayReason(input: string | DeferLogEntry[]): string | null {
  const entries = typeof input === 'string' ? parseDeferLog(input).entries : input;
  return entries.find((e) => e.reason)?.reason ?? null;
}
