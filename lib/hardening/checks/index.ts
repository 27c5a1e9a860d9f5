import { BUILTIN_DEFAULTS } from '../params';
import { anonymousSasl } from './anonymous-sasl';
import { brokenSasl } from './broken-sasl';
import { mynetworks } from './mynetworks';
import { notUnderstood } from './not-understood';
import { rateLimits } from './rate-limits';
import { relay } from './relay';
import { saslAccess } from './sasl-access';
import { saslAuth } from './sasl-auth';
import { senderLogin } from './sender-login';
import { tlsAuth } from './tls-auth';

// The registry of hardening checks. A new check is one new file in this
// folder, listed here, plus its `hardening.finding.*` (and `hardening.fix.*`)
// messages in both catalogues — the compiler refuses a key either lacks.
// Everything else is derived: finding keys, fix ids, the parameters the host
// is asked for, the parameters a fix may set.
//
// Order matters: findings of one severity keep this order on the page, and
// fixes are offered in it.

export const CHECKS = [relay, mynetworks, saslAuth, senderLogin, saslAccess, rateLimits, tlsAuth, brokenSasl, anonymousSasl, notUnderstood] as const;

type Check = (typeof CHECKS)[number];
export type FindingKey = Check['findings'][number];
export type FixId = NonNullable<Check['fix']>['id'];

export const FINDING_KEYS: readonly FindingKey[] = CHECKS.flatMap((c): readonly FindingKey[] => c.findings);

export const FIX_IDS = CHECKS.flatMap((c): FixId[] => (c.fix ? [c.fix.id] : [])) as [FixId, ...FixId[]];

export const FIXES = CHECKS.flatMap((c) => (c.fix ? [c.fix] : [])).sort((a, b) => a.order - b.order);

/** The parameters the assessment reads; the host is asked for their effective values. */
export const ASSESSED_PARAMS = [...new Set([...Object.keys(BUILTIN_DEFAULTS), ...CHECKS.flatMap((c) => c.reads), 'virtual_mailbox_maps'])];

/** Parameters whose override in master.cf changes what a service enforces. */
export const SERVICE_PARAMS = new Set(CHECKS.flatMap((c): readonly string[] => c.overrides ?? []));

/** The only main.cf parameters a plan may set. */
export const ALLOWED_PARAMS = new Set(['smtpd_sender_restrictions', ...FIXES.flatMap((f) => f.sets)]);
