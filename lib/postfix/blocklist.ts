// "Who is blocking us": classify what a remote server answered when it
// refused our mail (blocklisted IP, rate limit, spam content, unknown user)
// and name the remote site to group deferrals by. Pure text rules; the
// replies are short (a few hundred characters), so plain regexes are fine.

import type { RemoteReply } from './maillog';

export type ReplyKind = 'blocklist' | 'rate-limit' | 'content' | 'user-unknown' | 'other';

export interface ReplyClass {
  /** The remote side refuses us for reputation or spam reasons (not a mistyped address, not greylisting). */
  blocked: boolean;
  provider?: string;
  /** Provider's own code (`TS03`, `IPBL0100`, `S3140`, `DT:SPM`), else the enhanced status or SMTP code. */
  code?: string;
  kind: ReplyKind;
  /** DNSBL zone or list name, when the reply names one. */
  listName?: string;
  /** First http(s) link in the reply: usually the delisting or help page. */
  link?: string;
}

interface Rule {
  provider?: string;
  kind: ReplyKind;
  re: RegExp;
  /** Capture group (1) → code or list name. */
  code?: (m: RegExpExecArray) => string | undefined;
  list?: (m: RegExpExecArray) => string | undefined;
  /** Extra condition on the whole text (e.g. it is really Google speaking). */
  when?: RegExp;
}

const g1 = (m: RegExpExecArray) => m[1];

// Provider-specific first: their wording would otherwise fall into the generic rules below.
const PROVIDER_RULES: Rule[] = [
  { provider: 'Spamhaus', kind: 'blocklist', re: /\b((?:zen|sbl|xbl|pbl|dbl|sbl-xbl|zrd)\.spamhaus\.org)\b/i, list: g1 },
  { provider: 'Spamhaus', kind: 'blocklist', re: /spamhaus/i },
  { provider: 'SpamCop', kind: 'blocklist', re: /\b(bl\.spamcop\.net)\b/i, list: g1 },
  { provider: 'SpamCop', kind: 'blocklist', re: /spamcop/i },
  { provider: 'SORBS', kind: 'blocklist', re: /\b((?:[a-z0-9-]+\.)*sorbs\.net)\b/i, list: g1 },
  { provider: 'SORBS', kind: 'blocklist', re: /\bSORBS\b/i },
  { provider: 'Barracuda', kind: 'blocklist', re: /\b(b\.barracudacentral\.org)\b/i, list: g1 },
  { provider: 'Barracuda', kind: 'blocklist', re: /barracuda/i },
  { provider: 'Yahoo', kind: 'rate-limit', re: /\[(TSS?04)\]/, code: g1 },
  { provider: 'Yahoo', kind: 'blocklist', re: /\[(TSS?0\d)\]/, code: g1 },
  { provider: 'Cox', kind: 'blocklist', re: /\b(IPBL\d{3,5})\b/, code: g1 },
  { provider: 'AT&T', kind: 'blocklist', re: /Blocked for abuse|att\.net\/blocks|ldap:ou=(rbl\w*),dc=att/i, list: g1 },
  { provider: 'Verizon', kind: 'blocklist', re: /blocked by Verizon/i },
  { provider: 'Microsoft', kind: 'blocklist', re: /\((S3\d{3})\)|\b(S3\d{3})\b/, code: (m) => m[1] ?? m[2] },
  { provider: 'Microsoft', kind: 'blocklist', re: /\b(5\.7\.606|5\.7\.511)\b|banned sending IP/i, code: (m) => m[1] ?? '5.7.606' },
  { provider: 'Microsoft', kind: 'blocklist', re: /\b(SC-00\d|DY-00\d|OU-00\d)\b/, code: g1 },
  { provider: 'Gmail', kind: 'rate-limit', re: /\b421[- ](4\.7\.\d+)\b[\s\S]*unusual rate/, code: g1, when: /google|gmail|gsmtp/i },
  { provider: 'Gmail', kind: 'content', re: /\b(5\.7\.1)\b[\s\S]*unsolicited/, code: g1, when: /google|gmail|gsmtp/i },
  { provider: 'QQ', kind: 'content', re: /Mail content denied/i },
  { provider: 'QQ', kind: 'rate-limit', re: /(?:Ip|Connection|Mail) frequency limited/i },
  { provider: 'NetEase', kind: 'content', re: /\b(DT:SPM)\b/, code: g1 },
  { provider: 'NetEase', kind: 'rate-limit', re: /\b(RP:(?:CEL|QRC|TRC|DRC))\b/, code: g1 },
];

const GENERIC_RULES: Rule[] = [
  // Greylisting is a normal first-contact deferral, whatever else the text says.
  { kind: 'other', re: /greylist|graylist/i },
  { kind: 'blocklist', re: /blocked using ([\w.-]+\.[a-z]{2,})/i, list: g1 },
  { kind: 'blocklist', re: /\blisted (?:in|on|at|by) ([\w.-]+\.[a-z]{2,})/i, list: g1 },
  { kind: 'blocklist', re: /\b(?:black|block|deny)[- ]?list(?:ed)?\b|\bDNSBL\b|\bRBL\b|\bblocked\b|\bbanned\b|\bblacklisted\b|poor reputation|\bis listed\b/i },
  {
    kind: 'rate-limit',
    re: /rate.?limit|too many (?:connections|messages|recipients|concurrent|sessions)|frequency limit|unusual rate|throttl|temporarily deferred|slow down/i,
  },
  {
    kind: 'content',
    re: /\bspam\b|unsolicited|content (?:rejected|denied)|message (?:rejected|refused|blocked) (?:as|due|because)|suspicious|\bvirus\b|phish/i,
  },
  {
    kind: 'user-unknown',
    re: /user unknown|unknown user|no such (?:user|mailbox|recipient)|(?:does not|doesn't) exist|mailbox (?:unavailable|not found|is disabled)|invalid (?:recipient|mailbox|address)|unrouteable|\b5\.1\.1\b/i,
  },
];

const LINK = /https?:\/\/[^\s<>"'()[\]]+/i;

export function firstLink(text: string): string | undefined {
  const m = LINK.exec(text);
  return m ? m[0].replace(/[.,;:!?]+$/, '') : undefined;
}

function leadingCode(text: string): { code?: number; dsn?: string } {
  const m = /^([245]\d\d)(?:[ -]([245]\.\d{1,3}\.\d{1,3}))?/.exec(text.trimStart());
  return m ? { code: Number(m[1]), dsn: m[2] } : {};
}

/**
 * Classify a remote reply: the whole parenthesised delivery detail, the
 * reply text alone, or a parsed RemoteReply (which keeps `refused to talk to me`).
 */
export function classifyRemoteReply(input: string | RemoteReply): ReplyClass {
  const text = typeof input === 'string' ? input : input.text;
  const refused = typeof input === 'string' ? /refused to talk to me/i.test(input) : input.via === 'refused';
  let { code, dsn } = typeof input === 'string' ? leadingCode(text.replace(/^.*?(?:said|refused to talk to me): /s, '')) : input;
  if (typeof input !== 'string' && code === undefined) ({ code, dsn } = leadingCode(text));
  const enhanced = dsn ?? /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1];
  const out: ReplyClass = { blocked: false, kind: 'other' };
  const link = firstLink(text);
  if (link) out.link = link;

  let matched: { rule: Rule; m: RegExpExecArray } | undefined;
  for (const rule of [...PROVIDER_RULES, ...GENERIC_RULES]) {
    const m = rule.re.exec(text);
    if (m && (!rule.when || rule.when.test(text))) {
      matched = { rule, m };
      break;
    }
  }
  if (matched) {
    const { rule, m } = matched;
    out.kind = rule.kind;
    if (rule.provider) out.provider = rule.provider;
    const own = rule.code?.(m);
    if (own) out.code = own;
    const list = rule.list?.(m);
    if (list) out.listName = list.toLowerCase();
  } else if (refused && code !== undefined && code >= 500) {
    // A 5xx banner refusal with no other hint: the site will not talk to our IP at all.
    out.kind = 'blocklist';
  }
  if (!out.code && (enhanced || code)) out.code = enhanced ?? String(code);
  out.blocked =
    out.kind === 'blocklist' ||
    out.kind === 'content' ||
    (out.kind === 'rate-limit' && (out.provider !== undefined || /spam|unsolicited|reputation|complaint/i.test(text)));
  return out;
}

// Second-level labels under country TLDs that are public suffixes (example.co.uk, example.com.cn).
const CC_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'ne', 'or', 'go', 'gob', 'mil', 'ltd', 'plc', 'sch', 'nic', 'gen']);

function isIpLiteral(host: string): boolean {
  return host.includes(':') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/** `mta5.am0.yahoodns.net` → `yahoodns.net`; `mx.example.co.uk` → `example.co.uk`. A heuristic, not the Public Suffix List. */
export function registrableDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (isIpLiteral(h)) return h;
  const labels = h.split('.');
  if (labels.length <= 2) return h;
  const tld = labels[labels.length - 1]!;
  const sld = labels[labels.length - 2]!;
  const keep = tld.length === 2 && CC_SECOND_LEVEL.has(sld) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

export interface SiteSource {
  reply: RemoteReply;
  to?: string;
  relayHost?: string;
  /** Present when relayHost came from `name[addr]`, i.e. it is a real host name. */
  relayAddr?: string;
}

/**
 * The remote site a deferral or bounce is about, for grouping: the domain of
 * the MX host that answered (or of the relay), the IP for IP-literal hosts,
 * else the recipient's domain (DNS failures, `relay=none` without a host).
 */
export function remoteSiteOf(d: SiteSource): string {
  const host = d.reply.host ?? (d.relayAddr !== undefined ? d.relayHost : undefined);
  if (host && host !== 'unknown') return registrableDomain(host);
  const ip = d.reply.ip ?? d.relayAddr;
  const at = d.to?.lastIndexOf('@') ?? -1;
  if (d.to && at >= 0) return d.to.slice(at + 1).toLowerCase();
  return ip ?? d.relayHost ?? 'unknown';
}
