import { z } from 'zod';

// The sending limits an admin sets for one mail host, shared by the API
// route, the Hardening page's form and the ruleset builder. A limit of null
// means "no limit of this kind".

const count = z.number().int().min(1).max(10_000_000).nullable();
export const limitSetSchema = z.strictObject({
  messagesPerHour: count,
  messagesPerDay: count,
  recipientsPerHour: count,
  recipientsPerDay: count,
});
export type LimitSet = z.infer<typeof limitSetSchema>;

// Lower-case, as postfwd keys its counters; no characters the ruleset's
// grammar (scripts/host/mw-policy) would refuse.
export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._+-]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'Expected a login like user@example.com.')
  .max(255);
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'Expected a domain like example.com.')
  .max(190);

/** What Postfix does while the policy service does not answer. */
export const DOWN_ACTIONS = ['dunno', 'defer'] as const;
export type DownAction = (typeof DOWN_ACTIONS)[number];

export const limitPolicySchema = z.strictObject({
  defaults: limitSetSchema,
  domains: z.array(z.strictObject({ domain: domainSchema, limits: limitSetSchema })).max(500),
  overrides: z.array(z.strictObject({ login: loginSchema, limits: limitSetSchema })).max(2000),
  exempt: z.array(loginSchema).max(2000),
  // Letting mail through is the default: a crashed policy daemon must not stop
  // a mail server; deferring is for admins who would rather queue than risk a thief.
  downAction: z.enum(DOWN_ACTIONS).default('dunno'),
});
export type LimitPolicy = z.infer<typeof limitPolicySchema>;

export const applyLimitsBodySchema = z.strictObject({ policy: limitPolicySchema, dryRun: z.boolean().default(false) });
export const liftBodySchema = z.strictObject({ login: loginSchema });

export const NO_LIMITS: LimitSet = { messagesPerHour: null, messagesPerDay: null, recipientsPerHour: null, recipientsPerDay: null };
export const EMPTY_POLICY: LimitPolicy = { defaults: NO_LIMITS, domains: [], overrides: [], exempt: [], downAction: 'dunno' };
