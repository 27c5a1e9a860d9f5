import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { seal } from '@/lib/secrets/seal';
import { clientFor, limiterFor } from './connection';
import { loadHostConfig } from './host-config';
import { dropHostConnection, execOnHost, HostError, streamFromHost } from './host-exec';
import { postfixTools } from './postfix-tools';

// server-only guards the Next bundles; under Vitest there is no bundle to guard.
vi.mock('server-only', () => ({}));

// Against the lab's sshd (127.0.0.1:2222, user mailwarden, sudo for the
// Postfix tools only). Temporary host rows are copies of "lab"; the lab row
// itself is never changed.

const tag = randomBytes(4).toString('hex');
const temp: string[] = [];
let lab: Awaited<ReturnType<typeof labRow>>;

const labRow = () => db().mwHost.findUniqueOrThrow({ where: { name: 'lab' } });

async function tempHost(suffix: string, data: Partial<typeof lab> = {}) {
  const { id: _id, createdAt: _c, updatedAt: _u, maillogPaths, ...copy } = lab;
  const name = `int-${tag}-${suffix}`;
  temp.push(name);
  await db().mwHost.create({ data: { ...copy, maillogPaths: maillogPaths ?? [], pendingHostKey: null, ...data, name } as never });
  return name;
}

async function hostErrorOf(p: Promise<unknown>): Promise<HostError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HostError);
  return err as HostError;
}

// postqueue -j prints one line per message; counted by wc, as a 300k queue's output is too big for one string.
const localQueueCount = () => Number(execFileSync('bash', ['-c', '/usr/sbin/postqueue -j | wc -l'], { encoding: 'utf8' }).trim());

beforeAll(async () => {
  lab = await labRow();
  expect(lab.hostKeySha256).toMatch(/^SHA256:/);
});

afterAll(async () => {
  for (const name of [...temp, 'lab']) dropHostConnection(name);
  await db().mwHost.deleteMany({ where: { name: { in: temp } } });
});

describe('execOnHost on the lab', () => {
  it('runs postconf through sudo and mw-postfix and gets the same version as the local Postfix', async () => {
    const res = await execOnHost('lab', postfixTools.config(['-h'], ['mail_version']));
    expect(res.exitCode).toBe(0);
    expect(res.stdout.trim()).toBe(execFileSync('/usr/sbin/postconf', ['-h', 'mail_version'], { encoding: 'utf8' }).trim());
  });

  it('round-trips 1 MB through cat on stdin', async () => {
    const payload = randomBytes(768 * 1024).toString('base64'); // 1 MiB of text
    const res = await execOnHost('lab', { program: 'cat', args: [] }, { stdin: payload });
    expect(res.exitCode).toBe(0);
    expect(res.stdout.length).toBe(payload.length);
    expect(res.stdout).toBe(payload);
  });

  it('passes hostile arguments literally and runs nothing they contain', async () => {
    const marker = `/tmp/pwned-${tag}`;
    const args = ["'; touch /tmp/pwned #", `'; touch ${marker} #`, `$(touch ${marker})`, `\`touch ${marker}\``, `"; touch ${marker}; "`];
    const pwnedBefore = existsSync('/tmp/pwned');
    const res = await execOnHost('lab', { program: 'perl', args: ['-e', 'print join("\\0", @ARGV)', ...args] });
    expect(res.stdout.split('\0')).toEqual(args);
    expect(existsSync(marker)).toBe(false);
    if (!pwnedBefore) expect(existsSync('/tmp/pwned')).toBe(false);
  });

  it('maps sudo of a program outside the sudoers rule to sudo_refused', async () => {
    const err = await hostErrorOf(execOnHost('lab', { program: 'cat', args: ['/etc/shadow'], sudo: true }));
    expect(err.kind).toBe('sudo_refused');
    expect(err.message).toContain('sudo -n cat /etc/shadow');
  });

  it('stops a command at its time limit and kills it on the host', async () => {
    const started = Date.now();
    const script = `sleep 20; # ${tag}-timeout`;
    const err = await hostErrorOf(execOnHost('lab', { program: 'perl', args: ['-e', script] }, { timeoutMs: 700 }));
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 500));
    const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(`${tag}-timeout`));
    expect(left).toEqual([]);
  });

  it('stops a command whose output passes the cap', async () => {
    const err = await hostErrorOf(execOnHost('lab', { program: 'cat', args: [] }, { stdin: 'x'.repeat(200_000), maxOutputBytes: 10_000 }));
    expect(err.kind).toBe('output_too_large');
  });

  it('queues commands beyond the per-host channel cap and runs them all', async () => {
    const limiter = limiterFor('lab');
    let peak = 0;
    const probe = setInterval(() => (peak = Math.max(peak, limiter.running)), 5);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => execOnHost('lab', { program: 'perl', args: ['-e', 'select(undef, undef, undef, 0.2); print $ARGV[0]', String(i)] })),
    );
    clearInterval(probe);
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(limiter.max);
  });

  it('reconnects after the connection dropped', async () => {
    const client = await clientFor(await loadHostConfig('lab'));
    client.destroy();
    const res = await execOnHost('lab', { program: 'id', args: ['-un'] });
    expect(res.stdout.trim()).toBe('mailwarden');
  });
});

describe('streamFromHost', () => {
  it('streams postqueue -j line by line', async () => {
    const before = localQueueCount();
    const { stdout, done } = streamFromHost('lab', postfixTools.queueJson());
    // Line by line, as the console reads it: a 300k queue's output is larger than one string may be.
    let rest = '';
    let lines = 0;
    let badIds = 0;
    const take = (line: string) => {
      if (!line) return;
      lines++;
      if (!/^[0-9A-Za-z]+$/.test((JSON.parse(line) as { queue_id: string }).queue_id)) badIds++;
    };
    for await (const chunk of stdout) {
      const parts = (rest + String(chunk)).split('\n');
      rest = parts.pop()!;
      parts.forEach(take);
    }
    take(rest);
    const { exitCode } = await done;
    const after = localQueueCount();
    expect(exitCode).toBe(0);
    expect(badIds).toBe(0);
    expect(lines).toBeGreaterThanOrEqual(Math.min(before, after));
    expect(lines).toBeLessThanOrEqual(Math.max(before, after));
    // showq takes ~100 s for a 300k bench queue left on the lab (seconds in CI).
  }, 600_000);

  it('cancels a running stream', async () => {
    const s = streamFromHost('lab', { program: 'perl', args: ['-e', '$| = 1; while (1) { print "y\\n"; select(undef, undef, undef, 0.01) }'] });
    let got = 0;
    for await (const chunk of s.stdout) {
      got += String(chunk).length;
      if (got > 10) s.cancel();
    }
    expect(await s.done).toEqual({ exitCode: null, stderr: '' });
  });
});

describe('connection failures', () => {
  it('refuses a changed host key and keeps the pin', async () => {
    const wrong = 'SHA256:GipTWMaYWKhQF8deMATjD4MbkLqh+7C/ytYuuDYv7hA';
    const name = await tempHost('changed', { hostKeySha256: wrong });
    const err = await hostErrorOf(execOnHost(name, { program: 'id', args: [] }));
    expect(err.kind).toBe('host_key_changed');
    expect(err.message).toContain(`expected ${wrong}, got ${lab.hostKeySha256}`);
    const row = await db().mwHost.findUniqueOrThrow({ where: { name } });
    expect(row.hostKeySha256).toBe(wrong);
    expect(row.pendingHostKey).toBe(lab.hostKeySha256);
  });

  it('refuses an unknown host key and records it for the admin', async () => {
    const name = await tempHost('unknown', { hostKeySha256: null });
    const err = await hostErrorOf(execOnHost(name, { program: 'id', args: [] }));
    expect(err.kind).toBe('host_key_unknown');
    const row = await db().mwHost.findUniqueOrThrow({ where: { name } });
    expect(row.hostKeySha256).toBeNull();
    expect(row.pendingHostKey).toBe(lab.hostKeySha256);
  });

  it('says sshd may be down when nothing listens', async () => {
    const name = await tempHost('refused', { port: 2 });
    const err = await hostErrorOf(execOnHost(name, { program: 'id', args: [] }));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(/cannot reach 127\.0\.0\.1:2: connection refused/);
  });

  it('maps a key sshd does not know to auth_refused', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const name = await tempHost('badkey', { privateKeySealed: seal(privateKey, env().MW_SECRET_KEY) });
    const err = await hostErrorOf(execOnHost(name, { program: 'id', args: [] }));
    expect(err.kind).toBe('auth_refused');
  });

  it('refuses a disallowed program before any network or database work', async () => {
    await expect(execOnHost('no-such-host', { program: 'rm', args: ['-rf', '/'] })).rejects.toThrow(/not allowed/);
    expect(() => streamFromHost('no-such-host', { program: 'sh', args: [] })).toThrow(/not allowed/);
  });
});
