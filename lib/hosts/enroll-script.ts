import { readFileSync } from 'node:fs';
import path from 'node:path';

// The enroll script an admin runs as root on a mail host: the host's settings
// in front of scripts/host/mw-enroll.sh, the helpers behind it. It embeds the
// console's public key and settings only, never a secret, so it may be read,
// mailed or copied freely. Used by the console (Add Host) and by the lab,
// which enrolls its own mail host the same way.

export const ENROLL_PAYLOADS = [
  'mw-postfix',
  'mw-config',
  'mw-policy',
  'mw-queue-scan',
  'mw-maildir',
  'mw-queue-scan-fast.c',
  'build-queue-scan-fast.sh',
] as const;

export type EnrollSettings = {
  hostName: string;
  /** "ssh-ed25519 AAAA..." (type and base64 only). */
  publicKey: string;
  sshUser: string;
  /** An authorized_keys from= pattern list (the console's addresses), or null. */
  keyFrom: string | null;
  /** Where the script came from, for the admin reading it. */
  consoleUrl?: string | null;
};

const HOST_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const PUBLIC_KEY = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)) [A-Za-z0-9+/]{40,12000}={0,2}$/;
const SSH_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
// IPv4/IPv6 addresses, CIDRs and sshd's * ? wildcards, comma-separated.
const KEY_FROM = /^[0-9A-Fa-f.:/*?]{1,64}(?:,[0-9A-Fa-f.:/*?]{1,64}){0,15}$/;
const CONSOLE_URL = /^https?:\/\/[A-Za-z0-9.:[\]-]+(?:\/[A-Za-z0-9._~/-]*)?$/;

export class EnrollSettingsError extends Error {}

function check(settings: EnrollSettings): void {
  const bad = (what: string) => {
    throw new EnrollSettingsError(`enroll script: invalid ${what}`);
  };
  if (!HOST_NAME.test(settings.hostName)) bad('host name');
  if (!PUBLIC_KEY.test(settings.publicKey)) bad('public key (expected "ssh-ed25519 AAAA...")');
  if (!SSH_USER.test(settings.sshUser)) bad('SSH user name');
  if (settings.keyFrom !== null && !KEY_FROM.test(settings.keyFrom)) bad('from= address list');
  if (settings.consoleUrl && !CONSOLE_URL.test(settings.consoleUrl)) bad('console URL');
}

const wrap = (b64: string) => b64.replace(/.{1,76}/g, '$&\n');

function payloadFunction(dir: string): string {
  const cases = ENROLL_PAYLOADS.map((name) => {
    const b64 = readFileSync(path.join(dir, name)).toString('base64');
    return `    ${name}) base64 -d <<'MW_PAYLOAD'\n${wrap(b64)}MW_PAYLOAD\n      ;;\n`;
  });
  return `\n# ---- the helpers, as shipped with this console (scripts/host/) ----------------\n\nmw_payload() {\n  case $1 in\n${cases.join('')}    *) die "no payload named $1" ;;\n  esac\n}\n`;
}

/** The whole script. Values are validated first: each is pasted between single quotes. */
export function renderEnrollScript(settings: EnrollSettings, hostDir = path.join(process.cwd(), 'scripts/host')): string {
  check(settings);
  const header = [
    '#!/bin/bash',
    `# Mailwarden: enroll this mail host as "${settings.hostName}"${settings.consoleUrl ? ` for the console at ${settings.consoleUrl}` : ''}.`,
    "# Read it first; it holds the console's public key and settings, no secret. Run as root:",
    '#   bash mailwarden-enroll.sh | --check | --uninstall',
    `MW_HOST_NAME='${settings.hostName}'`,
    `MW_PUBLIC_KEY='${settings.publicKey}'`,
    `MW_KEY_FROM='${settings.keyFrom ?? ''}'`,
    `MW_SSH_USER='${settings.sshUser}'`,
    '',
  ].join('\n');
  const body = readFileSync(path.join(hostDir, 'mw-enroll.sh'), 'utf8');
  return `${header}${body}${payloadFunction(hostDir)}\nmain "$@"\n`;
}

/** The key-type and base64 words of an authorized_keys line. */
export function publicKeyWords(line: string): string {
  return line.trim().split(/\s+/).slice(0, 2).join(' ');
}
