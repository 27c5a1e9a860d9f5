// Makes the lab known to the console: upserts host "lab" from .lab/lab.json
// (written by `scripts/lab up`) with its private key sealed and its host key
// pinned, as an admin would after accepting the fingerprint.
// `--name N --config-dir DIR [--maillog FILE]`: another Postfix instance of
// the lab (scripts/lab fleet) as host N, same SSH target and key.
// `--name N --remove`: forgets host N again (the instance stays).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { z } from 'zod';
import { seal } from '../lib/secrets/seal';
import { consoleDatabaseUrls } from './env-local';

const labSchema = z.object({
  ssh: z.object({
    name: z.string().default('lab'),
    host: z.string(),
    port: z.number().int(),
    username: z.string(),
    privateKeyPath: z.string(),
    hostKeySha256: z.string().startsWith('SHA256:'),
    useSudo: z.boolean().default(true),
    maillogPaths: z.array(z.string()).default(['/var/log/maillog']),
  }),
  attacker: z.object({ clientIp: z.string() }).partial().optional(),
});

const instanceSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
  'config-dir': z
    .string()
    .regex(/^\/[A-Za-z0-9_.+/-]+$/)
    .optional(),
  maillog: z
    .string()
    .regex(/^\/[A-Za-z0-9_.+/-]+$/)
    .optional(),
});

async function main() {
  const root = path.resolve(__dirname, '..');
  const lab = labSchema.parse(JSON.parse(await readFile(path.join(root, '.lab/lab.json'), 'utf8')));
  const { values } = parseArgs({
    options: { name: { type: 'string' }, 'config-dir': { type: 'string' }, maillog: { type: 'string' }, remove: { type: 'boolean' } },
  });
  const instance = instanceSchema.parse(values);
  if (values.remove) return removeHost(instance.name);
  if (!instance.name !== !instance['config-dir']) throw new Error('--name and --config-dir go together');
  const name = instance.name ?? lab.ssh.name;
  const configDir = instance['config-dir'] ?? null;
  const maillogPaths = instance.maillog ? [instance.maillog] : lab.ssh.maillogPaths;
  const { mailwarden } = consoleDatabaseUrls();
  const { MW_SECRET_KEY } = process.env;
  if (!MW_SECRET_KEY) throw new Error('MW_SECRET_KEY must be set (see .env.local)');
  const key = await readFile(lab.ssh.privateKeyPath, 'utf8');
  const conn = await mysql.createConnection({ uri: mailwarden });
  try {
    // The lab's probes must come from outside mynetworks (127.0.0.0/30).
    await conn.query(
      `INSERT INTO mw_host (name, address, port, username, private_key_sealed, use_sudo, maillog_paths, host_key_sha256, probe_source_ip, postfix_config_dir)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE address = VALUES(address), port = VALUES(port), username = VALUES(username),
         private_key_sealed = VALUES(private_key_sealed), use_sudo = VALUES(use_sudo), postfix_config_dir = VALUES(postfix_config_dir),
         maillog_paths = VALUES(maillog_paths), host_key_sha256 = VALUES(host_key_sha256), pending_host_key = NULL`,
      [
        name,
        lab.ssh.host,
        lab.ssh.port,
        lab.ssh.username,
        seal(key, MW_SECRET_KEY),
        lab.ssh.useSudo,
        JSON.stringify(maillogPaths),
        lab.ssh.hostKeySha256,
        '127.0.0.200',
        configDir,
      ],
    );
    console.log(`host "${name}" registered (${lab.ssh.host}:${lab.ssh.port}, ${lab.ssh.hostKeySha256}${configDir ? `, Postfix ${configDir}` : ''})`);
  } finally {
    await conn.end();
  }
}

async function removeHost(name: string | undefined): Promise<void> {
  if (!name || name === 'lab') throw new Error('--remove needs --name of a fleet host (host "lab" stays)');
  const conn = await mysql.createConnection({ uri: consoleDatabaseUrls().mailwarden });
  try {
    await conn.query('DELETE FROM mw_host WHERE name = ?', [name]);
    console.log(`host "${name}" removed`);
  } finally {
    await conn.end();
  }
}

main().catch((err) => {
  console.error(`register-lab-host: ${err.message}`);
  process.exit(1);
});
