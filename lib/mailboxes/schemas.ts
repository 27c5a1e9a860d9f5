import { z } from 'zod';
import { extmanText, hasAstral, intString } from '@/lib/zod/strict';

// One set of schemas for the mailbox API, its forms and its hooks.

export const DISABLE_FLAGS = ['disablesmtpd', 'disablesmtp', 'disablewebmail', 'disablenetdisk', 'disableimap', 'disablepop3'] as const;
export type DisableFlag = (typeof DISABLE_FLAGS)[number];

export const SORT_FIELDS = ['username', 'name', 'domain', 'createdate', 'expiredate', 'quota'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

// Only the shape of an address: quotes, % and shell characters are allowed
// through on purpose, because a username is only ever a bound SQL parameter
// or a line on stdin, and an odd one must simply not be found.
export const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(255)
  .regex(/^[^\s@]+@[^\s@]+$/, 'not a mailbox address')
  .refine((s) => !hasAstral(s), 'contains characters the mail database cannot hold');

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const mailboxListQuerySchema = z.strictObject({
  q: z.preprocess(blankToUndefined, extmanText(z.string().trim().max(255)).optional()),
  domain: z.preprocess(blankToUndefined, extmanText(z.string().trim().toLowerCase().max(255)).optional()),
  status: z.preprocess(blankToUndefined, z.enum(['active', 'inactive']).optional()),
  flag: z.preprocess(blankToUndefined, z.enum(DISABLE_FLAGS).optional()),
  expired: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(SORT_FIELDS).default('username')),
  order: z.preprocess(blankToUndefined, z.enum(['asc', 'desc']).default('asc')),
  page: intString(1, 1_000_000).default(1),
  pageSize: intString(1, 500).default(50),
});
export type MailboxListQuery = z.infer<typeof mailboxListQuerySchema>;

// Either a generated password or a typed one, never both.
export const passwordResetSchema = z.union([z.strictObject({ generate: z.literal(true) }), z.strictObject({ password: z.string().max(256) })]);
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;

export const sendingSchema = z.strictObject({ blocked: z.boolean() });
export type SendingInput = z.infer<typeof sendingSchema>;

/** A flag as extman stores it: 1 / 0, or NULL when never set (or the column is missing). */
export type FlagValue = boolean | null;

export type MailboxDate = { raw: string | null; iso: string | null; isZero: boolean };

export type MailboxRow = {
  username: string;
  name: string;
  domain: string;
  active: boolean;
  quota: string;
  createdate: MailboxDate;
  expiredate: MailboxDate;
  expired: boolean;
  flags: Partial<Record<DisableFlag, FlagValue>>;
};

export type MailboxList = { total: number; rows: MailboxRow[] };

export type MailboxDetail = MailboxRow & {
  uid: string;
  maildir: string;
  homedir: string;
  mailhost: string | null;
  netdiskquota: string;
  uidnumber: number;
  gidnumber: number;
  disablepwdchange: FlagValue;
  /** extmail webmail's clear-text copy of the password is non-empty (null: no such column). */
  clearpwdStored: boolean | null;
  /** Which optional columns this database has at all (old extman lacks some). */
  columns: { clearpwd: boolean; mailhost: boolean; flags: DisableFlag[] };
  domainInfo: {
    domain: string;
    description: string;
    active: boolean;
    flags: Partial<Record<DisableFlag, FlagValue>>;
  } | null;
  aliases: { address: string; active: boolean; goto: string[] }[];
};

export type Enforcement = { enforced: true; evidence: string } | { enforced: false; reason: string } | { enforced: 'unknown'; reason: string };

export type HostEnforcement = Enforcement & { host: string };
export type EnforcementReport = Enforcement & { hosts: HostEnforcement[] };

/** One host's Mailwarden access-map block, lifted (or not) by an unblock. */
export type MapBlockLift = { host: string; ok: boolean; error: string | null };
/** mapBlocks: the hosts whose Mailwarden access map still blocks the login (Contain puts it there). */
export type SendingResult = { blocked: boolean; enforcement: EnforcementReport; mapBlocks: string[]; lifted: MapBlockLift[] };
export type PasswordResetResult = { password?: string; clearpwdErased: boolean; scheme: string };
