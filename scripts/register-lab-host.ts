// Makes the lab known to the console: upserts host "lab" from .lab/lab.json
// (written by `scripts/lab up`) with its private key sealed and its host key
// pinned, as an admin would after accepting the fingerprint.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
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

async function main() {
  const root = path.resolve(__dirname, '..');
  const lab = labSchema.parse(JSON.parse(await readFile(path.join(root, '.lab/lab.json'), 'utf8')));
  const { mailwarden } = consoleDatabaseUrls();
  const { MW_SECRET_KEY } = process.env;
  if (!MW_SECRET_KEY) throw new Error('MW_SECRET_KEY must be set (see .env.local)');
  const key = await readFile(lab.ssh.privateKeyPath, 'utf8');
  const conn = await mysql.createConnection({ uri: mailwarden });
  try {
    // The lab's probes must come from outside mynetworks (127.0.0.0/30).
    await conn.query(
      `INSERT INTO mw_host (name, address, port, username, private_key_sealed, use_sudo, maillog_paths, host_key_sha256, probe_source_ip)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE address = VALUES(address), port = VALUES(port), username = VALUES(username),
         private_key_sealed = VALUES(private_key_sealed), use_sudo = VALUES(use_sudo),
         maillog_paths = VALUES(maillog_paths), host_key_sha256 = VALUES(host_key_sha256), pending_host_key = NULL`,
      [
        lab.ssh.name,
        lab.ssh.host,
        lab.ssh.port,
        lab.ssh.username,
        seal(key, MW_SECRET_KEY),
        lab.ssh.useSudo,
        JSON.stringify(lab.ssh.maillogPaths),
        lab.ssh.hostKeySha256,
        '127.0.0.200',
      ],
    );
    console.log(`host "${lab.ssh.name}" registered (${lab.ssh.host}:${lab.ssh.port}, ${lab.ssh.hostKeySha256})`);
  } finally {
    await conn.end();
  }
}

main().catch((err) => {
  console.error(`register-lab-host: ${err.message}`);
  process.exit(1);
});
