import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { utils } from 'ssh2';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { unseal } from '@/lib/secrets/seal';
import { publicKeyWords, renderEnrollScript } from './enroll-script';
import { inspectPrivateKey } from './private-key';

// Enrolling a mail host: the console makes the host's key pair (the private
// half is sealed at once and never leaves the console), serves the enroll
// script that carries the public half, and hands out the one command that
// fetches it. That command's token lets anyone who has it download the
// script, nothing more: the script holds no secret, the token only keeps
// host names and settings from being enumerated, and it expires.

export const ENROLL_TOKEN_TTL_MS = 60 * 60_000;
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A new ed25519 key pair in OpenSSH format, made here and nowhere else. */
export function generateHostKey(hostName: string): { privateKey: string; publicKey: string } {
  const pair = utils.generateKeyPairSync('ed25519', { comment: `mailwarden-console:${hostName}` });
  return { privateKey: pair.private, publicKey: pair.public };
}

async function hostRow(name: string) {
  const row = await db().mwHost.findUnique({ where: { name }, select: { name: true, username: true, keyFrom: true, privateKeySealed: true } });
  if (!row) throw new AppError('not_found', `Host "${name}" not found.`);
  return row;
}

/** The enroll script for a host, with the public half of its sealed key. */
export async function enrollScriptFor(name: string, consoleUrl: string | null): Promise<string> {
  const row = await hostRow(name);
  let publicKey: string;
  try {
    publicKey = publicKeyWords(inspectPrivateKey(unseal(row.privateKeySealed, env().MW_SECRET_KEY)).publicKey);
  } catch {
    throw new AppError('conflict', `The key of host "${name}" cannot be read (was MW_SECRET_KEY changed?); give the host a new key first.`);
  }
  return renderEnrollScript({ hostName: row.name, publicKey, sshUser: row.username, keyFrom: row.keyFrom, consoleUrl });
}

/** A new token for the one-line command; an earlier one stops working. */
export async function issueEnrollToken(name: string): Promise<{ token: string; expiresAt: Date }> {
  await hostRow(name);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ENROLL_TOKEN_TTL_MS);
  await db().mwHost.update({ where: { name }, data: { enrollTokenSha256: sha256(token), enrollTokenExpires: expiresAt } });
  return { token, expiresAt };
}

/** The host a live token belongs to, or null (unknown, malformed or expired alike). */
export async function hostOfEnrollToken(token: string): Promise<string | null> {
  if (!TOKEN_RE.test(token)) return null;
  const row = await db().mwHost.findUnique({ where: { enrollTokenSha256: sha256(token) }, select: { name: true, enrollTokenExpires: true } });
  if (!row?.enrollTokenExpires || row.enrollTokenExpires.getTime() < Date.now()) return null;
  return row.name;
}

/** What the admin pastes on the mail host as root. */
export function enrollCommand(origin: string, token: string): string {
  const proto = origin.startsWith('https:') ? ' --proto =https' : '';
  return `curl -fsS${proto} '${origin}/api/enroll/${token}' | sudo bash`;
}
