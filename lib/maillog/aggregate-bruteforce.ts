import type { AddressScope, LogAggregator } from './aggregator';
import { Buckets, topN } from './buckets';
import type { BruteforceReport, OffenderIpRow, OffenderUserRow } from './schemas';

// SASL password guessing: `warning: name[ip]: SASL LOGIN authentication
// failed: ...[, sasl_username=u]`, by client IP and (when Postfix logged
// it) by user name, over time. Successful logins are read too: a login from
// an IP that was failing against the same user is how a guessed password
// shows in the log. Nothing is blocked here; the report suggests how.

export const BRUTEFORCE_NEEDLES = [' authentication failed', 'sasl_username='] as const;

/** Failures from one IP at or above this count make it into the suggested block list. */
export const OFFENDER_THRESHOLD = 5;

// Our own SASL server failing is not somebody guessing (fail2ban skips these too).
const NOT_A_GUESS = /Connection lost to authentication server/i;

type IpState = { name?: string; failures: number; first: number; last: number; users: Map<string, number>; loginsAfter: number };
type UserState = { username: string; failures: number; first: number; last: number; ips: Set<string>; loggedIn: boolean };

export function bruteforceAggregator(opts: {
  bucketMs: number;
  scope?: AddressScope;
}): LogAggregator<Omit<BruteforceReport, 'scan' | 'suggest'> & { offenders: string[] }> {
  const ips = new Map<string, IpState>();
  const users = new Map<string, UserState>();
  const timeline = new Buckets(opts.bucketMs);
  let failures = 0;
  let withUsername = 0;
  let serverErrors = 0;
  return {
    add(ev) {
      if (ev.kind === 'sasl-failure') {
        if (NOT_A_GUESS.test(ev.reason)) {
          serverErrors++;
          return;
        }
        // Postfix writes `(unavailable)` when the client never sent a name.
        const username = ev.username && ev.username !== '(unavailable)' ? ev.username.toLowerCase() : undefined;
        // Without a user name a failure cannot be placed in a domain: only admins see those.
        if (opts.scope && (!username || !opts.scope(username))) return;
        failures++;
        timeline.add(ev.time);
        const ip = ev.client.ip;
        let s = ips.get(ip);
        if (!s) ips.set(ip, (s = { failures: 0, first: ev.time, last: ev.time, users: new Map(), loginsAfter: 0 }));
        s.failures++;
        if (ev.client.name && ev.client.name !== 'unknown') s.name = ev.client.name;
        if (ev.time < s.first) s.first = ev.time;
        if (ev.time > s.last) s.last = ev.time;
        if (!username) return;
        withUsername++;
        s.users.set(username, (s.users.get(username) ?? 0) + 1);
        let u = users.get(username);
        if (!u) users.set(username, (u = { username, failures: 0, first: ev.time, last: ev.time, ips: new Set(), loggedIn: false }));
        u.failures++;
        u.ips.add(ip);
        if (ev.time < u.first) u.first = ev.time;
        if (ev.time > u.last) u.last = ev.time;
      } else if (ev.kind === 'sasl-login') {
        const username = ev.saslUsername.toLowerCase();
        if (opts.scope && !opts.scope(username)) return;
        const s = ips.get(ev.client.ip);
        if (s) s.loginsAfter++;
        const u = users.get(username);
        if (u && u.ips.has(ev.client.ip)) u.loggedIn = true;
      }
    },
    result(limit) {
      const ipRows: OffenderIpRow[] = topN(
        ips,
        limit,
        ([, s]) => s.failures,
        (a, b) => a[0].localeCompare(b[0]),
      ).map(([ip, s]) => ({
        ip,
        ...(s.name ? { name: s.name } : {}),
        failures: s.failures,
        users: s.users.size,
        topUsers: topN(s.users, 5, ([, n]) => n).map(([u]) => u),
        first: s.first,
        last: s.last,
        loginsAfter: s.loginsAfter,
      }));
      const userRows: OffenderUserRow[] = topN(
        users.values(),
        limit,
        (u) => u.failures,
        (a, b) => a.username.localeCompare(b.username),
      ).map((u) => ({
        username: u.username,
        failures: u.failures,
        ips: u.ips.size,
        first: u.first,
        last: u.last,
        loggedInFromFailingIp: u.loggedIn,
      }));
      const offenders = topN(
        [...ips].filter(([, s]) => s.failures >= OFFENDER_THRESHOLD),
        200,
        ([, s]) => s.failures,
      ).map(([ip]) => ip);
      return {
        failures,
        withUsername,
        serverErrors,
        ips: ipRows,
        totalIps: ips.size,
        users: userRows,
        totalUsers: users.size,
        bucketMs: opts.bucketMs,
        timeline: timeline.points(),
        offenders,
      };
    },
  };
}

/**
 * What to paste: a CIDR table for smtpd (SASL happens on 587/465 too, where
 * postscreen does not run) and a fail2ban jail on the same log. Never applied
 * from here.
 */
export function bruteforceSuggestion(offenders: string[], logPath: string): BruteforceReport['suggest'] {
  const cidr = offenders.map((ip) => `${ip}/${ip.includes(':') ? 128 : 32}`.padEnd(20) + ' REJECT too many SASL failures');
  const cidrTable = [
    '# /etc/postfix/sasl_offenders.cidr (cidr: tables need no postmap)',
    '# main.cf:',
    '#   smtpd_client_restrictions =',
    '#     check_client_access cidr:/etc/postfix/sasl_offenders.cidr, ...',
    '# port 25 with postscreen: list them with "reject" in postscreen_access_list',
    ...cidr,
  ].join('\n');
  const fail2banJail = [
    '# /etc/fail2ban/jail.d/postfix-sasl.local',
    '[postfix-sasl]',
    'enabled  = true',
    'filter   = postfix[mode=auth]',
    'port     = smtp,465,submission',
    `logpath  = ${logPath}`,
    `maxretry = ${OFFENDER_THRESHOLD}`,
    'findtime = 1h',
    'bantime  = 1d',
  ].join('\n');
  return { threshold: OFFENDER_THRESHOLD, ips: offenders, cidrTable, fail2banJail };
}
