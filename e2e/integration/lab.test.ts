// The lab itself, checked end to end: scripts/lab up && scripts/lab attack
// must have left a real, exploitable, observable mail server behind.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAB_JSON = path.join(ROOT, '.lab/lab.json');
const UPSTREAM_INIT = path.join(ROOT, '../shared/extmail/upstream-extman-1.1/init.sql');
const MW_POSTFIX = '/usr/local/lib/mailwarden/mw-postfix';
const QUEUE_ID = /^[0-9A-F]{6,}$/;
const HELPER = /^\/usr\/local\/lib\/mailwarden\/[a-z0-9-]+$/;

const Lab = z.object({
  db: z.object({ url: z.string() }),
  ssh: z.object({
    host: z.string(),
    port: z.number(),
    username: z.string(),
    privateKeyPath: z.string(),
    hostKeySha256: z.string().startsWith('SHA256:'),
    hostKeys: z.array(z.string()).min(1),
    useSudo: z.literal(true),
    maillogPaths: z.array(z.string()).min(1),
  }),
  smtp: z.object({ host: z.string(), port: z.number() }),
  attacker: z.object({ saslUser: z.string(), clientIp: z.string() }),
  users: z.record(z.string(), z.string()),
});

function loadLab(): z.infer<typeof Lab> {
  if (!existsSync(LAB_JSON)) throw new Error(`${LAB_JSON} is missing: run scripts/lab up first (then scripts/lab attack)`);
  return Lab.parse(JSON.parse(readFileSync(LAB_JSON, 'utf8')));
}

const lab = loadLab();
const execFileP = promisify(execFile);
const fingerprint = (key: Buffer): string => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

function sshConnect(pinned = lab.ssh.hostKeySha256): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.on('ready', () => resolve(c))
      .on('error', reject)
      .connect({
        host: lab.ssh.host,
        port: lab.ssh.port,
        username: lab.ssh.username,
        privateKey: readFileSync(lab.ssh.privateKeyPath),
        algorithms: { serverHostKey: ['ssh-ed25519'] },
        hostVerifier: (key: Buffer) => fingerprint(key) === pinned,
        readyTimeout: 10_000,
      });
  });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(c: Client, command: string, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    c.exec(command, (err, stream) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      stream.on('data', (d: Buffer) => (stdout += d.toString()));
      stream.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      stream.on('close', (code: number | null) => resolve({ code, stdout, stderr }));
      stream.end(stdin);
    });
  });
}

/** Queue ids are checked before they go near a command line. */
function postcat(c: Client, id: string): Promise<Run> {
  if (!QUEUE_ID.test(id)) throw new Error(`not a queue id: ${id}`);
  return run(c, `sudo -n ${MW_POSTFIX} show ${id}`);
}

interface Queued {
  queue_name: string;
  sender: string;
  message_size: number;
  arrival_time: number;
  recipients: { address: string; delay_reason?: string }[];
}

async function queue(c: Client): Promise<Map<string, Queued>> {
  const r = await run(c, `sudo -n ${MW_POSTFIX} queue-json`);
  expect(r.code, r.stderr).toBe(0);
  return new Map(
    r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .map((m) => [m.queue_id, m]),
  );
}

/** Splits an SQL VALUES list: quoted strings (with '' or \' escapes) or bare tokens. */
function sqlValues(line: string): string[] {
  const inner = /VALUES \((.*)\);/.exec(line)?.[1] ?? '';
  return [...inner.matchAll(/'((?:[^'\\]|\\.|'')*)'|([^,]+)/g)].map((m) => m[1] ?? (m[2] ?? '').trim());
}

async function withDb<T>(fn: (db: mysql.Connection) => Promise<T>): Promise<T> {
  const db = await mysql.createConnection(lab.db.url);
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

let ssh: Client;
beforeAll(async () => {
  ssh = await sshConnect();
});
afterAll(() => ssh?.end());

describe('extmail database', () => {
  it('round-trips the upstream sample rows, zero dates included, through mysql2', async () => {
    const init = readFileSync(UPSTREAM_INIT, 'utf8').split('\n');
    const mailbox = sqlValues(init.find((l) => l.startsWith('INSERT INTO `mailbox`')) ?? '');
    const manager = sqlValues(init.find((l) => l.startsWith('INSERT INTO `manager`')) ?? '');
    await withDb(async (db) => {
      const [mb] = await db.query<mysql.RowDataPacket[]>(
        'SELECT username, password, maildir, CAST(createdate AS CHAR) AS c, CAST(expiredate AS CHAR) AS e FROM mailbox WHERE username = ?',
        [mailbox[0]],
      );
      expect(mb[0]).toEqual({ username: mailbox[0], password: mailbox[2], maildir: mailbox[6], c: mailbox[13], e: mailbox[14] });
      const [mg] = await db.query<mysql.RowDataPacket[]>(
        'SELECT username, password, type, CAST(createdate AS CHAR) AS c, CAST(expiredate AS CHAR) AS e FROM manager WHERE username = ?',
        [manager[0]],
      );
      expect(mg[0]).toEqual({ username: manager[0], password: manager[1], type: manager[2], c: manager[8], e: manager[9] });
      const [zero] = await db.query<mysql.RowDataPacket[]>(
        "SELECT CAST(createdate AS CHAR) AS c, CAST(expiredate AS CHAR) AS e FROM mailbox WHERE username = 'info@example.com'",
      );
      expect(zero[0]?.e).toBe('0000-00-00');
      const [zeros] = await db.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS n FROM mailbox WHERE createdate = '0000-00-00 00:00:00'");
      expect(Number(zeros[0]?.n)).toBeGreaterThan(0);
    });
  });

  it('stores for every lab.json user the md5-crypt hash of the listed password', async () => {
    await withDb(async (db) => {
      for (const [username, password] of Object.entries(lab.users)) {
        const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT password FROM mailbox WHERE username = ?', [username]);
        const hash = String(rows[0]?.password ?? '');
        const salt = /^\$1\$([^$]+)\$/.exec(hash)?.[1];
        expect(salt, username).toBeDefined();
        const { stdout } = await execFileP('openssl', ['passwd', '-1', '-salt', salt ?? '', password]);
        expect(stdout.trim(), username).toBe(hash);
      }
    });
  });

  it('gives the console account the printed grants: SELECT on extman, UPDATE of three mailbox columns and the manager’s password, nothing else', async () => {
    await withDb(async (db) => {
      const [grants] = await db.query<mysql.RowDataPacket[]>('SHOW GRANTS');
      const text = grants.map((g) => Object.values(g).join('')).join('\n');
      expect(text).toMatch(/GRANT ALL PRIVILEGES ON `mailwarden`\.\*/);
      expect(text).not.toMatch(/ON `extmail`\.\*/);
      expect(text).toMatch(
        /GRANT SELECT, UPDATE \(`(password|clearpwd|disablesmtpd)`, `(password|clearpwd|disablesmtpd)`, `(password|clearpwd|disablesmtpd)`\) ON `extmail`\.`mailbox`/,
      );
      // Refused at prepare time, so WHERE 1 = 0 changes nothing either way.
      await db.query('UPDATE mailbox SET disablesmtpd = disablesmtpd, password = password, clearpwd = clearpwd WHERE 1 = 0');
      await expect(db.query('UPDATE mailbox SET maildir = maildir WHERE 1 = 0')).rejects.toThrow(/denied/i);
      await db.query('UPDATE manager SET password = password WHERE 1 = 0');
      await expect(db.query('UPDATE manager SET active = active WHERE 1 = 0')).rejects.toThrow(/denied/i);
      await expect(db.query('DELETE FROM alias WHERE 1 = 0')).rejects.toThrow(/denied/i);
      await expect(db.query('CREATE TABLE mw_probe (id INT)')).rejects.toThrow(/denied/i);
      await expect(db.query('SELECT User FROM mysql.user')).rejects.toThrow(/denied/i);
      // The console's own tables are in their own database.
      const [mw] = await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM mailwarden.mw_schema_migrations');
      expect(Number(mw[0]?.n)).toBeGreaterThan(0);
    });
  });
});

describe('ssh and sudo', () => {
  it('refuses a host whose key does not match the pinned fingerprint', async () => {
    await expect(sshConnect('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).rejects.toThrow();
  });

  it('runs the Postfix tools through mw-postfix but refuses anything else', async () => {
    expect((await run(ssh, `sudo -n ${MW_POSTFIX} queue-json`)).code).toBe(0);
    expect((await run(ssh, 'sudo -n /usr/sbin/postqueue -j')).code).not.toBe(0);
    const shadow = await run(ssh, 'sudo -n /bin/cat /etc/shadow');
    expect(shadow.code).not.toBe(0);
    expect(shadow.stdout).not.toMatch(/^root:/m);
    const sh = await run(ssh, 'sudo -n /bin/sh -c id');
    expect(sh.code).not.toBe(0);
    expect(sh.stdout).not.toContain('uid=0');
  });

  it('lists only root-owned mailwarden helpers in sudo -l, no Postfix tool', async () => {
    const r = await run(ssh, 'sudo -n -l');
    expect(r.code).toBe(0);
    const rules = r.stdout.split(/may run the following commands[^\n]*\n/)[1] ?? '';
    const commands = rules
      .split('\n')
      .flatMap((l) => l.replace(/^\s*\([^)]*\)\s*(NOPASSWD:\s*)?/, '').split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    expect(commands).toContain(MW_POSTFIX);
    // Each command is a fixed helper the SSH user cannot rewrite.
    for (const helper of commands) {
      expect(helper).toMatch(HELPER);
      expect((await run(ssh, `test -w ${helper} || test -w $(dirname ${helper})`)).code, helper).not.toBe(0);
    }
  });
});

describe('the incident, replayed', () => {
  it('queued attack mail that postcat shows with the stolen login and the attacker IP', async () => {
    const who = `client=unknown[${lab.attacker.clientIp}], sasl_method=LOGIN, sasl_username=${lab.attacker.saslUser}`;
    const log = await run(ssh, `grep -F '${who}' ${lab.ssh.maillogPaths[0]}`);
    const logged = [...log.stdout.matchAll(/: ([0-9A-F]+): client=/g)].map((m) => m[1] ?? '');
    const queued = await queue(ssh);
    const id = logged.find((i) => queued.has(i));
    expect(id, 'no attack message from the attacker IP is still queued: run scripts/lab attack').toBeDefined();
    const pc = await postcat(ssh, id ?? '');
    expect(pc.stdout).toContain(`sasl_username=${lab.attacker.saslUser}`);
    expect(pc.stdout).toContain(`client_address=${lab.attacker.clientIp}`);
  });

  it('accepts a forged sender after AUTH and queues it (the hole is open)', async () => {
    const password = lab.users['test1@example.com'] ?? '';
    const { stdout } = await execFileP('swaks', [
      '--server',
      lab.smtp.host,
      '--port',
      String(lab.smtp.port),
      '-li',
      '127.0.0.77',
      '--auth',
      'LOGIN',
      '--auth-user',
      'test1@example.com',
      '--auth-password',
      password,
      '--from',
      'test@yahoo.com',
      '--to',
      `lab-test-${Date.now()}@qq.com`,
    ]);
    const lines = stdout.split('\n');
    const mailFrom = lines.findIndex((l) => l.includes('MAIL FROM:<test@yahoo.com>'));
    expect(lines.slice(mailFrom + 1).find((l) => /^<[-~*]* *\d{3}/.test(l))).toMatch(/^<- +250 /);
    const id = /queued as ([0-9A-F]+)/.exec(stdout)?.[1] ?? '';
    const pc = await postcat(ssh, id);
    expect(pc.stdout).toMatch(/^sender: test@yahoo\.com$/m);
    expect(pc.stdout).toContain('sasl_username=test1@example.com');
    expect(pc.stdout).toContain('client_address=127.0.0.77');
  });

  it('left deferrals and SASL failures in a maillog the SSH user reads without root', async () => {
    const log = lab.ssh.maillogPaths[0];
    const refused = await run(ssh, `grep -c 'status=deferred (.*refused to talk to me' ${log}`);
    expect(Number(refused.stdout)).toBeGreaterThan(0);
    const failed = await run(ssh, `grep -c 'SASL LOGIN authentication failed: .*sasl_username=[a-z]' ${log}`);
    expect(Number(failed.stdout)).toBeGreaterThan(0);
  });
});

describe('bigqueue', () => {
  const manifestPath = path.join(mkdtempSync(path.join(tmpdir(), 'mw-bigqueue-')), 'manifest.jsonl');
  type Entry = {
    id: string;
    queue: string;
    kind: string;
    sender: string;
    saslUser: string | null;
    clientIp: string | null;
    recipients: string[];
    size: number;
    arrival: number;
  };
  let manifest: Entry[] = [];

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('the bigqueue test writes queue files and must run as root');
    await execFileP('npx', ['--no-install', 'tsx', 'scripts/lab-bigqueue.ts', '300', '--manifest', manifestPath, '--seed', '4242'], { cwd: ROOT });
    manifest = readFileSync(manifestPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  });
  afterAll(async () => {
    const ids = manifest.map((m) => m.id).filter((id) => QUEUE_ID.test(id));
    if (ids.length > 0) await run(ssh, `sudo -n ${MW_POSTFIX} delete`, `${ids.join('\n')}\n`);
    rmSync(path.dirname(manifestPath), { recursive: true, force: true });
  });

  it('writes files postqueue -j reads exactly as the manifest says', async () => {
    expect(manifest).toHaveLength(300);
    const q = await queue(ssh);
    for (const m of manifest) {
      const got = q.get(m.id);
      expect(got, m.id).toBeDefined();
      expect(got?.queue_name).toBe(m.queue);
      expect(got?.sender).toBe(m.sender === '' ? 'MAILER-DAEMON' : m.sender);
      expect(got?.message_size).toBe(m.size);
      expect(got?.arrival_time).toBe(m.arrival);
      expect(got?.recipients.map((r) => r.address)).toEqual(m.recipients);
      expect(got?.recipients.every((r) => (r.delay_reason ?? '').includes('refused to talk to me'))).toBe(true);
    }
  });

  it('writes envelopes postcat reads, with retry times in the future', async () => {
    const m = manifest.find((x) => x.kind === 'attacker' && x.queue === 'deferred') ?? manifest[0];
    const pc = await postcat(ssh, m?.id ?? '');
    expect(pc.stdout).toContain(`sasl_username=${m?.saslUser}`);
    expect(pc.stdout).toContain(`client_address=${m?.clientIp}`);
    expect(pc.stdout).toMatch(new RegExp(`^message_size: +${m?.size} `, 'm'));
    const file = /\*\*\* ENVELOPE RECORDS (\S+) \*\*\*/.exec(pc.stdout)?.[1] ?? '';
    expect(statSync(path.join('/var/spool/postfix', file)).mtimeMs).toBeGreaterThan(Date.now() + 3600_000);
  });

  it('lets postsuper -d remove a generated message and its defer log', async () => {
    const id = manifest.find((x) => x.queue === 'deferred')?.id ?? '';
    const del = await run(ssh, `sudo -n ${MW_POSTFIX} delete`, `${id}\n`);
    expect(del.stderr).toContain(`${id}: removed`);
    expect((await postcat(ssh, id)).code).not.toBe(0);
    expect(existsSync(`/var/spool/postfix/defer/${id.charAt(0)}/${id}`)).toBe(false);
  });
});
