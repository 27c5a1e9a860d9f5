// The Postfix source's own test queue files, read two independent ways: our
// binary decoder on the file, and our postcat parser on Postfix's reference
// `postcat -ov` output (*.ref). The .ref shows the file after its .in edit
// script ran, so the expected recipients are the decoded ones with the edit
// script replayed. When a real `postcat` is installed it is a third reader.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QueueRecipient } from '@/lib/postfix/envelope';
import { parsePostcat } from '@/lib/postfix/postcat';
import { parseQueueEnvelope, parseQueueFile } from './queue-file';

const DIR = path.resolve(__dirname, '../../../shared/corpora/queue-files/postfix-src-cleanup-testdata');
const files = readdirSync(DIR);
const binaries = files.filter((f) => /^test-queue-file|^bug\d\.file(\.ref)?$/.test(f));
// -ov references name the edited copy in their first line.
const refs = files
  .filter((f) => /\.ref\d*[a-z]?\d?$/.test(f) && !f.endsWith('.file.ref'))
  .map((f) => ({ f, text: readFileSync(path.join(DIR, f), 'utf8') }))
  .filter(({ text }) => text.startsWith('*** ENVELOPE RECORDS '));

function sourceOf(text: string): string {
  const tmp = /^\*\*\* ENVELOPE RECORDS (\S+)\.tmp \*\*\*/.exec(text)?.[1] ?? '';
  // The Makefile copies e.g. test-queue-file14 to test-queue-file14a.tmp.
  return existsSync(path.join(DIR, tmp)) ? tmp : tmp.replace(/[a-z]$/, '');
}

function scriptOf(ref: string): string[] {
  const base = ref.startsWith('bug')
    ? ref.replace(/(\.text)?\.ref$/, '.in')
    : 'cleanup_milter.in' + ref.replace(/^cleanup_milter\.ref/, '').replace(/^(\d+[a-z])[12]$/, '$1');
  const file = [base, base + 'a'].find((n) => existsSync(path.join(DIR, n)));
  if (!file) throw new Error(`no edit script for ${ref}`);
  return readFileSync(path.join(DIR, file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

// Replays the recipient edits of cleanup_milter's test driver: adds append,
// a repeated identical add is dropped until a delete, deletes cancel by
// original address, and sender_bcc_maps adds its BCC once on chg_from.
function replay(rcpts: QueueRecipient[], script: string[]): string[] {
  const out = rcpts.map((r) => ({ address: r.address, original: r.original ?? r.address, status: r.status }));
  const added = new Set<string>();
  let bcc: string | null = null;
  for (const line of script) {
    const [cmd, arg = '', ...rest] = line.split(/\s+/);
    const key = [arg, ...rest].join(' ');
    if (cmd === 'add_rcpt' || cmd === 'add_rcpt_par') {
      if (!added.has(key)) out.push({ address: arg, original: arg, status: 'pending' });
      added.add(key);
    } else if (cmd === 'del_rcpt') {
      for (const r of out) if (r.status === 'pending' && r.original === arg) r.status = 'canceled';
      for (const k of added) if (k.split(' ')[0] === arg) added.delete(k);
    } else if (cmd === 'sender_bcc_maps') {
      bcc = arg.replace(/^static:/, '');
    } else if (cmd === 'chg_from' && bcc && !added.has(bcc)) {
      out.push({ address: bcc, original: bcc, status: 'pending' });
      added.add(bcc);
    }
  }
  return out.map((r) => `${r.address}:${r.status}`).sort();
}

const rcptKeys = (rs: QueueRecipient[]) => rs.map((r) => `${r.address}:${r.status}`).sort();

describe('queue files from the Postfix source', () => {
  it('finds the corpus', () => {
    expect(binaries.length).toBeGreaterThanOrEqual(30);
    expect(refs.length).toBeGreaterThanOrEqual(60);
  });

  it.each(binaries)('%s decodes completely, and the envelope-only pass agrees', (f) => {
    const buf = readFileSync(path.join(DIR, f));
    const full = parseQueueFile(buf, { content: true });
    expect(full.errors).toEqual([]);
    expect(full.ok).toBe(true);
    expect(full.envelope.recipients.length).toBeGreaterThan(0);
    expect(full.envelope.arrivalTime).toBeInstanceOf(Date);
    expect(full.body).toBeDefined();
    expect(parseQueueEnvelope(buf).envelope).toEqual(full.envelope);
  });

  it.each(refs.map((r) => [r.f, r.text]))('%s agrees with the decoded source file', (f, text) => {
    const ref = parsePostcat(text, { timeZone: 'America/New_York' });
    expect(ref.warnings).toEqual([]);
    expect(ref.sections).toMatchObject({ envelope: true, content: true, end: true });
    const bin = parseQueueFile(readFileSync(path.join(DIR, sourceOf(text))));
    expect(bin.ok).toBe(true);
    const script = scriptOf(f);
    const a = ref.envelope;
    const b = bin.envelope;
    // Wietse's machine ran in US Eastern time; postcat printed local time.
    expect(a.arrivalTime?.getTime()).toBe(Math.floor(b.arrivalTime!.getTime() / 1000) * 1000);
    expect(a.createTime?.getTime()).toBe(b.createTime?.getTime());
    const chgFrom = script.filter((l) => l.startsWith('chg_from '));
    expect(a.sender).toBe(chgFrom.length ? chgFrom[chgFrom.length - 1]!.split(/\s+/)[1] : b.sender);
    // chg_from with ESMTP parameters adds envid/ret attributes; all others must survive.
    if (chgFrom.some((l) => l.split(/\s+/).length > 2)) expect(a.attributes).toMatchObject(b.attributes);
    else expect(a.attributes).toEqual(b.attributes);
    if (script.some((l) => l.startsWith('header_checks'))) {
      // header_checks maps are not in the corpus; their BCC actions cannot be replayed.
      expect(rcptKeys(a.recipients)).toEqual(expect.arrayContaining(rcptKeys(b.recipients)));
    } else {
      expect(rcptKeys(a.recipients)).toEqual(replay(b.recipients, script));
    }
  });
});

const runPostcat = (args: string[]) => execFileSync('postcat', args, { env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString();

// Only where a working postcat is installed (the lab machines); skipped elsewhere.
const hasPostcat = (() => {
  try {
    return runPostcat(['-e', path.join(DIR, 'test-queue-file')]).startsWith('*** ENVELOPE RECORDS');
  } catch {
    return false;
  }
})();

describe.skipIf(!hasPostcat)('against the installed postcat', () => {
  const run = runPostcat;

  it.each(binaries)('%s: postcat, postcat -o and postcat -ov all read like the decoder', (f) => {
    const file = path.join(DIR, f);
    const bin = parseQueueFile(readFileSync(file), { content: true });
    for (const flags of [[], ['-o'], ['-ov']]) {
      const pc = parsePostcat(run([...flags, file]), { timeZone: 'UTC' });
      expect(pc.warnings).toEqual([]);
      const { queueId: _q, queue: _n, ...want } = bin.envelope;
      const { queueId: _q2, queue: _n2, ...got } = pc.envelope;
      expect({ ...got, arrivalTime: null }).toEqual({ ...want, arrivalTime: null });
      expect(pc.envelope.arrivalTime?.getTime()).toBe(Math.floor(bin.envelope.arrivalTime!.getTime() / 1000) * 1000);
      expect(pc.headerLines).toEqual(bin.headerLines);
      expect(pc.body).toEqual(bin.body);
    }
  });
});
