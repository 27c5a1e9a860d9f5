import { splitRestrictions } from '@/lib/postfix/postconf';

// Mailwarden's own SASL access map, pure parts: its content from the logins
// blocked on a host, and the smtpd_sender_restrictions that consult it first.
// texthash needs no postmap (mw-config writes the file, a reload reads it),
// and a login needs no mailbox row to be in it.

export const BLOCK_MAP = 'mailwarden_sasl_block.cf';
export const BLOCK_REPLY = 'REJECT 5.7.1 sending disabled for this account';

// What mw-postfix lookup accepts as a key, and what a texthash key may hold.
const LOGIN = /^[\x21-\x7e]{1,320}$/;

export const blockMapTable = (configDir: string) => `texthash:${configDir.replace(/\/+$/, '')}/${BLOCK_MAP}`;

export function isBlockableLogin(login: string): boolean {
  return LOGIN.test(login) && !login.includes('#') && !login.includes(':');
}

/** One "login<TAB>REJECT ..." line per blocked login, lower case (Postfix folds the key), sorted. */
export function renderBlockMap(logins: readonly string[]): string {
  const keys = [...new Set(logins.map((l) => l.toLowerCase()))].filter(isBlockableLogin).sort();
  const head = [
    '# Managed by Mailwarden: SASL logins blocked from sending (incident containment).',
    '# Rewritten on every block and unblock; edit in the console, not here.',
  ];
  // An empty texthash file is a valid table; a comment keeps mw-config's "not empty" rule.
  return [...head, ...keys.map((k) => `${k}\t${BLOCK_REPLY}`)].join('\n') + '\n';
}

/**
 * smtpd_sender_restrictions with our check_sasl_access first, or null when it
 * already is first. First, because a permit before it (permit_mynetworks,
 * permit_sasl_authenticated) would end the list before it runs.
 */
export function hookedSenderRestrictions(current: string, table: string): string | null {
  const items = splitRestrictions(current);
  if (items[0]?.name === 'check_sasl_access' && items[0].arg === table) return null;
  const rest = items.filter((i) => !(i.name === 'check_sasl_access' && i.arg === table)).map((i) => (i.arg ? `${i.name} ${i.arg}` : i.name));
  return [`check_sasl_access ${table}`, ...rest].join(', ');
}

/** postmap -q answered our REJECT for the login. */
export function lookupRefuses(stdout: string, login: string): boolean {
  const want = login.toLowerCase();
  return stdout.split('\n').some((line) => {
    const [k, ...v] = line.replace(/\r$/, '').split(/\s+/);
    return k?.toLowerCase() === want && /^REJECT\b/i.test(v.join(' '));
  });
}
