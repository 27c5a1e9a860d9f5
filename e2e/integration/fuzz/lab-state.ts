import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { consoleDatabaseUrls } from '../../../scripts/env-local';

// What a refused request must not have changed: the mail queue, every
// mailbox's password hash and flags, main.cf, and the console's hosts and
// tokens. Read around the lab's own tools, not through the console.

const ROOT = path.resolve(__dirname, '../../..');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export function extmanAdminUrl(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, '.lab/lab.json'), 'utf8')) as { db: { extmanUrl: string } }).db.extmanUrl;
}

async function query(uri: string, sql: string): Promise<unknown[]> {
  const conn = await mysql.createConnection({ uri });
  try {
    return (await conn.query(sql))[0] as unknown[];
  } finally {
    await conn.end();
  }
}

export type LabState = { queueIds: string; mailboxes: string; mainCf: string; consoleRows: string };

export async function labState(): Promise<LabState> {
  const queue = execFileSync('postqueue', ['-j'], { maxBuffer: 256 * 1024 * 1024 }).toString();
  const ids = queue
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { queue_id: string; queue_name: string })
    .map((m) => `${m.queue_name}:${m.queue_id}`)
    .sort();
  const configDir = execFileSync('postconf', ['-h', 'config_directory']).toString().trim();
  const mailboxes = await query(extmanAdminUrl(), 'SELECT username, password, active, disablesmtpd, clearpwd FROM mailbox ORDER BY username');
  const consoleRows = await query(
    consoleDatabaseUrls().mailwarden,
    'SELECT (SELECT COUNT(*) FROM mw_host) AS hosts, (SELECT GROUP_CONCAT(id ORDER BY id) FROM mw_api_token) AS tokens, (SELECT COUNT(*) FROM mw_notify_channel) AS channels, (SELECT COUNT(*) FROM mw_quarantine) AS quarantines',
  );
  return {
    queueIds: `${ids.length} messages, sha256 ${sha(ids.join('\n'))}`,
    mailboxes: sha(JSON.stringify(mailboxes)),
    mainCf: sha(readFileSync(path.join(configDir, 'main.cf'), 'utf8')),
    consoleRows: JSON.stringify(consoleRows),
  };
}

export const canaryExists = (canary: string) => existsSync(canary);
