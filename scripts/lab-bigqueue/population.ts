// Who sends what in the generated queue, shaped like the incident: one
// attacker IP and a botnet on the stolen info@ login, our own bounces to
// the forged senders, a second stolen login, and some real users.
import type { SmtpClient } from './queue-file';
import type { Rng } from './random';

export type Kind = 'attacker' | 'botnet' | 'backscatter' | 'legit' | 'second';
export type QueueName = 'deferred' | 'hold';

export interface MessagePlan {
  kind: Kind;
  queue: QueueName;
  arrival: { sec: number; usec: number };
  /** '' for bounces. */
  sender: string;
  sasl: { method: string; username: string } | null;
  client: SmtpClient | null;
  recipients: string[];
  subject: string;
  /** Wanted content size in bytes (the generated size lands close to it). */
  targetSize: number;
}

export const ATTACKER_IP = '127.0.0.66';
export const STOLEN_LOGIN = 'info@example.com';
export const SECOND_LOGIN = 'sales@example.com';

/** Fractions of N; the botnet takes the rest (~80%). */
export const SHARE = { attacker: 0.02, backscatter: 0.08, legit: 0.05, second: 0.05, hold: 0.01 } as const;

const FIRST = [
  'linda',
  'james',
  'robert',
  'mary',
  'john',
  'patricia',
  'michael',
  'jennifer',
  'david',
  'susan',
  'carr',
  'henry',
  'kevin',
  'nancy',
  'aja',
  'blanton',
  'andrew',
  'lisa',
  'paul',
  'karen',
];
const LAST = [
  'watts',
  'robert',
  'smith',
  'jones',
  'brown',
  'miller',
  'davis',
  'wilson',
  'moore',
  'taylor',
  'chee',
  'bny',
  'hsr',
  'goodin',
  'larry',
  'rawson',
  'gra',
  'stine',
  'hall',
  'king',
];
const FORGED_DOMAINS = ['yahoo.com.hk', 'yahoo.com.hk', 'hotmail.com', '163.com', 'aol.com', 'yahoo.com', '126.com', 'sina.com', 'msn.com'];
const VICTIM_DOMAINS = [
  'yahoo.com',
  'yahoo.com',
  'qq.com',
  'verizon.net',
  'bellsouth.net',
  'cox.net',
  'att.net',
  'comcast.net',
  'honeywell.com',
  'gmail.com',
  'hotmail.com',
  'aol.com',
  'sbcglobal.net',
  'earthlink.net',
  '163.com',
];
const SPAM_SUBJECTS = [
  'Replica watches 80% OFF',
  'Your account statement',
  'Re: business proposal',
  'Cheap meds online',
  'You have won USD 1,000,000',
  'Invoice overdue',
  'Re: your order #%d',
  'Urgent reply needed',
  'Lowest mortgage rates',
];
const LEGIT_SUBJECTS = ['weekly report', 'Re: quotation', 'meeting notes', 'Fwd: contract draft', 'invoice %d', 'Re: shipment schedule'];
const BOT_HELOS = ['User', 'localhost', 'ylmf-pc', 'WIN-%X', 'PC-%d', 'home'];

const LEGIT_USERS = [
  { login: 'alice@example.com', ip: '192.0.2.21', helo: 'ws-alice.example.com' },
  { login: 'bob@example.com', ip: '192.0.2.22', helo: 'ws-bob.example.com' },
  { login: 'test1@example.com', ip: '192.0.2.23', helo: 'ws-test1.example.com' },
  { login: 'ceo@corp.test', ip: '198.51.100.10', helo: 'gw.corp.test' },
  { login: 'hr@corp.test', ip: '198.51.100.11', helo: 'gw.corp.test' },
  { login: 'dev@corp.test', ip: '198.51.100.12', helo: 'gw.corp.test' },
];

const fill = (tpl: string, rng: Rng): string =>
  tpl.replace('%d', String(rng.int(100, 99999))).replace('%X', rng.int(0x10000, 0xfffff).toString(16).toUpperCase());

function mailbox(rng: Rng, domains: readonly string[]): string {
  return `${rng.pick(FIRST)}${rng.pick(LAST)}${rng.int(1, 999)}@${rng.pick(domains)}`;
}

function uniqueList(n: number, make: () => string): string[] {
  const seen = new Set<string>();
  for (let guard = 0; seen.size < n && guard < n * 20; guard++) seen.add(make());
  return [...seen];
}

/** Botnet and second-login addresses: RFC 2544 benchmark range and TEST-NET-3. */
function ipPool(rng: Rng, n: number, make: (rng: Rng) => string): string[] {
  return uniqueList(n, () => make(rng));
}

export interface Cast {
  forgedSenders: string[];
  botnetIps: string[];
  secondIps: string[];
}

export function createCast(rng: Rng, n: number): Cast {
  const forgedCount = Math.max(10, Math.min(4000, Math.round(n / 75)));
  return {
    forgedSenders: uniqueList(forgedCount, () => mailbox(rng, FORGED_DOMAINS)),
    botnetIps: ipPool(rng, Math.max(5, Math.min(2000, Math.round(n / 150))), (r) => `198.${r.int(18, 19)}.${r.int(0, 255)}.${r.int(1, 254)}`),
    secondIps: ipPool(rng, 15, (r) => `203.0.113.${r.int(2, 250)}`),
  };
}

/** Exactly the shares of N, in random order. */
export function kindsFor(n: number, rng: Rng): Kind[] {
  const counts: [Kind, number][] = [
    ['attacker', Math.round(n * SHARE.attacker)],
    ['backscatter', Math.round(n * SHARE.backscatter)],
    ['legit', Math.round(n * SHARE.legit)],
    ['second', Math.round(n * SHARE.second)],
  ];
  const kinds: Kind[] = [];
  for (const [kind, count] of counts) for (let i = 0; i < count && kinds.length < n; i++) kinds.push(kind);
  while (kinds.length < n) kinds.push('botnet');
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as Kind, kinds[i] as Kind];
  }
  return kinds;
}

/** Spammers often fill the 50-recipient batch; otherwise skewed to fewer. */
function spamRecipientCount(rng: Rng): number {
  return rng.next() < 0.15 ? 50 : 1 + Math.floor(49 * rng.next() ** 2);
}

/** Mostly 1.5-4 KB like the incident's 2,338-byte spam, some up to 20 KB. */
function spamSize(rng: Rng): number {
  return rng.next() < 0.75 ? rng.int(1500, 4000) : rng.int(4000, 20000);
}

export function planMessage(kind: Kind, cast: Cast, rng: Rng, nowSec: number): MessagePlan {
  // The incident had been running for days: arrivals spread over 72 hours.
  const arrival = { sec: nowSec - rng.int(60, 72 * 3600), usec: rng.int(0, 999_999) };
  const queue = rng.next() < SHARE.hold ? 'hold' : 'deferred';
  const port = rng.int(1025, 65535);
  const spam = (login: string, address: string, helo: string, method = 'LOGIN'): MessagePlan => ({
    kind,
    queue,
    arrival,
    sender: rng.pick(cast.forgedSenders),
    sasl: { method, username: login },
    client: { address, port, name: 'unknown', helo },
    recipients: uniqueList(spamRecipientCount(rng), () => mailbox(rng, VICTIM_DOMAINS)),
    subject: fill(rng.pick(SPAM_SUBJECTS), rng),
    targetSize: spamSize(rng),
  });
  switch (kind) {
    case 'attacker':
      return spam(STOLEN_LOGIN, ATTACKER_IP, 'User');
    case 'botnet': {
      // A few bots do most of the sending.
      const ip = cast.botnetIps[Math.floor(cast.botnetIps.length * rng.next() ** 2)] ?? ATTACKER_IP;
      return spam(STOLEN_LOGIN, ip, fill(rng.pick(BOT_HELOS), rng), rng.next() < 0.8 ? 'LOGIN' : 'PLAIN');
    }
    case 'second':
      return spam(SECOND_LOGIN, rng.pick(cast.secondIps), 'sales-pc');
    case 'legit': {
      const u = rng.pick(LEGIT_USERS);
      return {
        kind,
        queue,
        arrival,
        sender: u.login,
        sasl: { method: 'PLAIN', username: u.login },
        client: { address: u.ip, port, name: 'unknown', helo: u.helo },
        recipients: uniqueList(rng.int(1, 3), () => mailbox(rng, VICTIM_DOMAINS)),
        subject: fill(rng.pick(LEGIT_SUBJECTS), rng),
        targetSize: rng.int(1000, 20000),
      };
    }
    case 'backscatter':
      return {
        kind,
        queue,
        arrival,
        sender: '',
        sasl: null,
        client: null,
        recipients: [rng.pick(cast.forgedSenders)],
        subject: 'Undelivered Mail Returned to Sender',
        targetSize: rng.int(2000, 6000),
      };
  }
}
