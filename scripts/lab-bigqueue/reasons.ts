// Why each recipient is deferred: what the providers of the incident said
// (shared/seed), keyed by recipient domain; everyone else meets the lab's
// smtp-sink and its Spamhaus refusal.
import type { DeferEntry } from './defer-log';
import type { Rng } from './random';

const OUR_IP = '127.0.0.1';

interface Provider {
  host: string;
  status: string;
  reply: string;
}

const SINK: Provider = {
  host: '127.0.0.1[127.0.0.1]',
  status: '4.7.1',
  reply: `554 5.7.1 Service unavailable; Client host [${OUR_IP}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/${OUR_IP}`,
};

const YAHOO: Provider = {
  host: 'mta5.am0.yahoodns.net[66.94.237.139]',
  status: '4.7.1',
  reply: `421 4.7.1 [TS03] All messages from ${OUR_IP} will be permanently deferred; Retrying will NOT succeed. See http://postmaster.yahoo.com/421-ts03.html`,
};

const ATT: Provider = {
  host: 'gateway-f1.isp.att.net[204.127.217.16]',
  status: '4.0.0',
  reply: `550-${OUR_IP} blocked by ldap:ou=rblmx,dc=att,dc=net 550 Error - Blocked for abuse. See http://att.net/blocks`,
};

const PROVIDERS: Record<string, Provider> = {
  'yahoo.com': YAHOO,
  'yahoo.com.hk': YAHOO,
  'ymail.com': YAHOO,
  'att.net': ATT,
  'bellsouth.net': ATT,
  'sbcglobal.net': ATT,
  'verizon.net': {
    host: 'relay.verizon.net[206.46.232.11]',
    status: '4.0.0',
    reply: `571 Email from ${OUR_IP} is currently blocked by Verizon Online's anti-spam system. The email sender or Email Service Provider may visit http://www.verizon.net/whitelist and request removal of the block. 121022`,
  },
  'cox.net': {
    host: 'mx.west.cox.net[68.6.19.3]',
    status: '4.0.0',
    reply: `554 fed1rmimpi210 cox ${OUR_IP} blocked.  Error Code: IPBL0100 - Refer to Error Codes section at http://postmaster.cox.net/confluence/display/postmaster/Error&#43;Codes for more information.`,
  },
  'honeywell.com': { host: 'mail2.honeywell.com[199.61.24.28]', status: '4.0.0', reply: '554 mail2.honeywell.com' },
};

/** One defer entry for `recipient`; some say "delivery temporarily suspended" like qmgr's dead-site cache. */
export function deferEntry(recipient: string, offset: number, rng: Rng): DeferEntry {
  const domain = recipient.slice(recipient.lastIndexOf('@') + 1).toLowerCase();
  const p = PROVIDERS[domain] ?? SINK;
  const said = `host ${p.host} refused to talk to me: ${p.reply}`;
  if (rng.next() < 0.3) {
    return { recipient, offset, status: p.status, reason: `delivery temporarily suspended: ${said}` };
  }
  const mtaHost = p.host.slice(0, p.host.indexOf('['));
  return { recipient, offset, status: p.status, reason: said, remote: { mtaHost, diagText: p.reply } };
}
