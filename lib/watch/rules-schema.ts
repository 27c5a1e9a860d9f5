import { z } from 'zod';

// What the watcher checks on a host, with the defaults an admin can change
// per host. Shared by the API, the settings form and the watcher. A threshold
// of 0 turns its rule off; windows and intervals are never zero.

export const DEFAULT_MIN_INTERVAL_S = 30;
/** The floor MW_WATCH_MIN_INTERVAL_S may lower the minimum to (tests use 5 s). */
export const ABSOLUTE_MIN_INTERVAL_S = 5;

const threshold = (d: number) => z.number().int().min(0, 'must not be negative').max(100_000_000).default(d);
const minutes = (d: number, max = 1440) => z.number().int().min(1, 'must be at least 1').max(max).default(d);

export function watchRulesSchema(minIntervalSeconds = DEFAULT_MIN_INTERVAL_S) {
  return z.strictObject({
    enabled: z.boolean().default(true),
    intervalSeconds: z
      .number()
      .int()
      .min(minIntervalSeconds, `must be at least ${minIntervalSeconds} seconds`)
      .max(3600)
      .default(Math.max(60, minIntervalSeconds)),
    queue: z
      .strictObject({
        totalAbove: threshold(1000),
        growthPerMinute: threshold(200),
        // Counting stops here: postqueue -j reads every queue file (about 0.3 ms
        // and, for spam with 20 recipients, 5 kB of output per message).
        countCap: z.number().int().min(100).max(1_000_000).default(5000),
      })
      .prefault({}),
    saslUser: z
      .strictObject({
        messagesPerHour: threshold(100),
        recipientsPerHour: threshold(1000),
        baselineFactor: threshold(10),
        // Below this many messages an hour, "10× the usual" is not news.
        baselineMinMessages: threshold(20),
        ipsPerHour: threshold(5),
        newIp: z.boolean().default(true),
        // New-IP alerts wait until the watcher has known the host this long.
        learningHours: z
          .number()
          .int()
          .min(0)
          .max(24 * 30)
          .default(24),
      })
      .prefault({}),
    saslFailures: z.strictObject({ perIp: threshold(20), windowMinutes: minutes(10, 60) }).prefault({}),
    remoteBlocks: z.strictObject({ count: threshold(5), windowMinutes: minutes(10, 60) }).prefault({}),
    alerting: z
      .strictObject({
        // An alert resolves once its condition has been gone this long.
        recoveryMinutes: minutes(10),
        // A condition that returns within this time reopens its alert without a new notification.
        cooldownMinutes: z.number().int().min(0).max(1440).default(60),
      })
      .prefault({}),
    containment: z
      .strictObject({
        enabled: z.boolean().default(false),
        messagesPerHour: z.number().int().min(1, 'must be at least 1').max(100_000_000).default(500),
      })
      .prefault({}),
  });
}

export type WatchRules = z.infer<ReturnType<typeof watchRulesSchema>>;

export const defaultRules = (minIntervalSeconds = DEFAULT_MIN_INTERVAL_S): WatchRules => watchRulesSchema(minIntervalSeconds).parse({});

/** PUT /api/hosts/{host}/watch: new rules for the host, or back to the defaults. */
export function watchPutSchema(minIntervalSeconds = DEFAULT_MIN_INTERVAL_S) {
  return z.union([z.strictObject({ rules: watchRulesSchema(minIntervalSeconds) }), z.strictObject({ reset: z.literal(true) })]);
}

/** The console-wide floor for intervals: MW_WATCH_MIN_INTERVAL_S, never below 5 s. */
export function minIntervalFromEnv(value: string | undefined): number {
  const n = Number(value);
  if (!value || !Number.isInteger(n)) return DEFAULT_MIN_INTERVAL_S;
  return Math.max(ABSOLUTE_MIN_INTERVAL_S, Math.min(n, 3600));
}
