import { describe, expect, it } from 'vitest';
import { formatDeferLog, type DeferEntry } from './defer-log';

const entries: DeferEntry[] = [
  {
    recipient: 'bhaitov@yahoo.com',
    offset: 701,
    status: '4.7.1',
    reason: 'host mta5.am0.yahoodns.net[66.94.237.139] refused to talk to me: 421 4.7.1 [TS03] All messages will be permanently deferred',
    remote: { mtaHost: 'mta5.am0.yahoodns.net', diagText: '421 4.7.1 [TS03] All messages will be permanently deferred' },
  },
  {
    recipient: 'altoact@verizon.net',
    offset: 795,
    status: '4.0.0',
    reason: 'delivery temporarily suspended: host relay.verizon.net[206.46.232.11] refused to talk to me: 571 blocked',
  },
];

// Reads the logfile back the way showq/bounce_log do: blank-line separated
// groups of name=value lines, the "<rcpt>: reason" line being old-style.
function parse(text: string): Record<string, string>[] {
  return text
    .split('\n\n')
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const attrs: Record<string, string> = {};
      for (const line of block.split('\n')) {
        const eq = line.indexOf('=');
        if (line.startsWith('<')) attrs.oldstyle = line;
        else if (eq > 0) attrs[line.slice(0, eq)] = line.slice(eq + 1);
      }
      return attrs;
    });
}

describe('formatDeferLog', () => {
  const parsed = parse(formatDeferLog(entries));

  it('writes one attribute group per recipient with offset, status and reason', () => {
    expect(parsed).toHaveLength(2);
    parsed.forEach((p, i) => {
      const e = entries[i] as DeferEntry;
      expect(p.recipient).toBe(e.recipient);
      expect(Number(p.offset)).toBe(e.offset);
      expect(p.status).toBe(e.status);
      expect(p.action).toBe('delayed');
      expect(p.reason).toBe(e.reason);
      expect(p.oldstyle).toBe(`<${e.recipient}>: ${e.reason}`);
      expect(p.dsn_orig_rcpt).toBe(`rfc822;${e.recipient}`);
    });
  });

  it('adds the remote diagnostics only when a server answered', () => {
    expect(parsed[0]?.diag_text).toBe(entries[0]?.remote?.diagText);
    expect(parsed[0]?.mta_mname).toBe('mta5.am0.yahoodns.net');
    expect(parsed[1]?.diag_text).toBeUndefined();
  });

  it('starts each entry with a blank line and ends it with one, like bounce(8)', () => {
    const text = formatDeferLog(entries.slice(0, 1));
    expect(text.startsWith('\n<bhaitov@yahoo.com>: ')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(true);
  });
});
