import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstDelayReason, parseDeferLog, reasonsByRecipient } from './defer-log';
import { parsePostqueueLine } from './postqueue-json';

const JSONL = path.resolve(__dirname, '../../../shared/corpora/postqueue-j/rseichter-postqf-tests-qdata.postqueue-j.jsonl');

// Writes an entry the way bounce_append_service.c does: a blank line, the
// optional old-style line, then name=value lines, then a blank line.
function entry(rcpt: string, reason: string, extra: string[] = [], oldStyle = false): string {
  return ['', ...(oldStyle ? [`<${rcpt}>: ${reason}`] : []), `recipient=${rcpt}`, ...extra, `reason=${reason}`, ''].join('\n') + '\n';
}

describe('defer logfile', () => {
  it('reads the seed incident style of entry', () => {
    const reason =
      'host gateway-f1.isp.att.net[204.127.217.16] refused to talk to me: 550-124.172.224.76 blocked by ldap:ou=rblmx,dc=att,dc=net 550 Error - Blocked for abuse. See http://att.net/blocks';
    const text = entry('blantonlarry@bellsouth.net', reason, [
      'offset=1182',
      'dsn_orig_rcpt=rfc822;blantonlarry@bellsouth.net',
      'notify_flags=0',
      'status=4.0.0',
      'action=delayed',
      'diag_type=smtp',
      'diag_text=550 Error - Blocked for abuse',
      'mta_type=dns',
      'mta_mname=gateway-f1.isp.att.net',
    ]);
    const out = parseDeferLog(text);
    expect(out.warnings).toEqual([]);
    expect(out.entries).toEqual([
      {
        recipient: 'blantonlarry@bellsouth.net',
        offset: 1182,
        dsnOrigRcpt: 'rfc822;blantonlarry@bellsouth.net',
        notifyFlags: 0,
        status: '4.0.0',
        action: 'delayed',
        diagType: 'smtp',
        diagText: '550 Error - Blocked for abuse',
        mtaType: 'dns',
        mtaName: 'gateway-f1.isp.att.net',
        reason,
      },
    ]);
    expect(firstDelayReason(text)).toBe(reason);
  });

  it('gives the same reasons showq reported for a real message', () => {
    const line = readFileSync(JSONL, 'utf8').split('\n')[0] as string;
    const r = parsePostqueueLine(line);
    if (!r?.ok) throw new Error('corpus line did not parse');
    const withReason = r.row.recipients.filter((x) => x.delayReason);
    expect(withReason.length).toBeGreaterThan(5);
    const log = withReason.map((x, i) => entry(x.address, x.delayReason!, [`offset=${500 + i * 40}`, 'status=4.7.1', 'action=delayed'])).join('');
    const reasons = reasonsByRecipient(parseDeferLog(log).entries);
    expect(reasons.size).toBe(withReason.length);
    for (const x of withReason) expect(reasons.get(x.address)).toBe(x.delayReason);
  });

  it('accepts old-style and mixed entries, newest value winning', () => {
    const text = [
      '<old@example.com>: connect to mx.example.com[192.0.2.1]:25: Connection refused',
      '',
      entry('both@example.com', 'new style reason', ['status=4.4.1'], true),
    ].join('\n');
    const out = parseDeferLog(text, { kind: 'defer' });
    expect(out.entries).toEqual([
      { recipient: 'old@example.com', reason: 'connect to mx.example.com[192.0.2.1]:25: Connection refused', status: '4.0.0', action: 'delayed' },
      { recipient: 'both@example.com', reason: 'new style reason', status: '4.4.1', action: 'delayed' },
    ]);
  });

  it('uses the bounce defaults for bounce logs', () => {
    expect(parseDeferLog(entry('x@example.com', 'user unknown'), { kind: 'bounce' }).entries[0]).toMatchObject({ status: '5.0.0', action: 'failed' });
  });

  it('keeps the latest reason when a recipient appears twice', () => {
    const text = entry('a@example.com', 'first try') + entry('a@example.com', 'second try');
    expect(reasonsByRecipient(parseDeferLog(text).entries).get('a@example.com')).toBe('second try');
    expect(firstDelayReason(text)).toBe('first try');
  });

  it('reports junk without throwing', () => {
    const out = parseDeferLog('recipient=a@b\n= no name\n!!!\nfrobnicate=1\noffset=abc\n');
    expect(out.entries).toEqual([{ recipient: 'a@b' }]);
    expect(out.warnings).toEqual(['malformed line: = no name', 'malformed line: !!!', 'unknown attribute: frobnicate', 'unknown attribute: offset']);
    expect(firstDelayReason('')).toBeNull();
    expect(parseDeferLog('\n\n\n').entries).toEqual([]);
  });
});
