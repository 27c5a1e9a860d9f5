// npm run bench -- limits [--limit 100] [--spam 150] [--transactions 1000] [--skip-sweep] [--sweep-<option> ...]
// Run it under the lab lock: flock /tmp/mailwarden-e2e.lock npm run bench -- limits
//
// Per-SASL-login sending limits (issue 18) on the lab, through the console's
// own functions (postfwd via mw-policy, main.cf via the hardening safe path):
//  1. the lab's botnet (`scripts/lab attack --spam N`: N sessions as
//     info@example.com from N client IPs, plus the 10 legitimate users) against
//     a limit of --limit messages per hour on that one login: accepted, refused
//     (where, with which reply), the legitimate users' mail counted without the
//     policy service and with it;
//  2. the latency the policy lookup adds to an SMTP transaction: p50/p95/p99 of
//     --transactions transactions (MAIL, RCPT, DATA, end of data) on one
//     authenticated session, without the policy service and with it.
// Then the password-sweep benchmark (scripts/bench/password-sweep.ts), so one
// command prints both issue 18 numbers. Each half gets its own options: the
// ones above are this half's; the sweep's go prefixed with --sweep-
// (`--sweep-mailboxes 1000 --sweep-no-queue` runs `password-sweep --mailboxes
// 1000 --no-queue`); with none it runs on its defaults (the issue's 10,000
// mailboxes). Every option of both halves is checked before anything starts.
// --skip-sweep runs this half only. The lab is left as it was: main.cf rolled
// back, postfwd stopped, every message the bench queued deleted.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkOptions, splitPrefixed } from './bench-args';
import { smtpSession } from './smtp-client';

const loader = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
const serverOnlyStub = path.join(path.dirname(require.resolve('server-only')), 'empty.js');
const resolve = loader._resolveFilename;
loader._resolveFilename = function (req: string, ...rest: unknown[]) {
  return req === 'server-only' ? serverOnlyStub : resolve.call(this, req, ...rest);
};

const ROOT = path.resolve(__dirname, '../..');
const HOST = 'lab';
const VICTIM = 'info@example.com';
const MAILLOG = '/var/log/maillog';
const LATENCY_LOGIN = { username: 'test1@example.com', password: '123456' };
const run = promisify(execFile);
const LIMITS_OPTIONS = { valued: ['limit', 'spam', 'transactions'], flags: ['skip-sweep'] };
const SWEEP_PREFIX = 'sweep-';
const USAGE = [
  'usage: npm run bench -- limits [--limit 100] [--spam 150] [--transactions 1000] [--skip-sweep] [--sweep-<option> ...]',
  '  --sweep-<option> goes to the password-sweep half as --<option>, e.g. --sweep-mailboxes 1000 --sweep-no-queue',
].join('\n');

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}
const logSince = (offset: number) => readFileSync(MAILLOG).subarray(offset).toString('utf8').split('\n');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;

/** Per SASL login: messages queued and messages refused (with the replies), from maillog lines. */
function tally(lines: string[]) {
  const loginOf = new Map<string, string>();
  for (const l of lines) {
    const m = /postfix\/smtpd\[\d+\]: ([0-9A-F]{6,}): client=\S+, sasl_method=\S+, sasl_username=(\S+)/.exec(l);
    if (m) loginOf.set(m[1]!, m[2]!);
  }
  const refused = new Map<string, { stage: string; reply: string }>();
  for (const l of lines) {
    const m = /postfix\/smtpd\[\d+\]: ([0-9A-F]{6,}): reject: (\S+) from \S+: (.*?); from=/.exec(l);
    if (m && loginOf.has(m[1]!)) refused.set(m[1]!, { stage: m[2]!, reply: m[3]! });
  }
  const per = new Map<string, { accepted: number; refused: number; stages: Record<string, number>; replies: Record<string, number> }>();
  for (const [id, login] of loginOf) {
    const p = per.get(login) ?? { accepted: 0, refused: 0, stages: {}, replies: {} };
    per.set(login, p);
    const r = refused.get(id);
    if (!r) p.accepted++;
    else {
      p.refused++;
      p.stages[r.stage] = (p.stages[r.stage] ?? 0) + 1;
      p.replies[r.reply] = (p.replies[r.reply] ?? 0) + 1;
    }
  }
  return { per, ids: [...loginOf.keys()] };
}

/** Sessions that never got as far as a queue id (refused at RCPT, or at MAIL/AUTH). */
const noqueueFor = (lines: string[], login: string) => lines.filter((l) => l.includes('NOQUEUE: reject:') && l.includes(login)).length;

async function attack(spam: number) {
  const offset = statSync(MAILLOG).size;
  await run('bash', ['scripts/lab', 'attack', '--spam', String(spam)], { cwd: ROOT, timeout: 15 * 60_000, maxBuffer: 16 << 20 });
  return logSince(offset);
}

async function latency(transactions: number, queued: string[]) {
  const times = await smtpSession({ port: 25, localAddress: '127.0.0.88', ...LATENCY_LOGIN, to: 'bench-limits@qq.com', transactions, queued });
  const sorted = [...times].sort((a, b) => a - b);
  return {
    transactions: times.length,
    p50Ms: round(pct(sorted, 50)),
    p95Ms: round(pct(sorted, 95)),
    p99Ms: round(pct(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

export async function run_(allArgs: string[]) {
  // This half's options and the sweep's (--sweep-*), both checked now: a typo
  // must not surface, or silently fall back to a default, after the attack runs.
  const { own: args, prefixed: sweepArgs } = splitPrefixed(allArgs, SWEEP_PREFIX);
  checkOptions(args, LIMITS_OPTIONS, USAGE);
  const skipSweep = args.includes('--skip-sweep');
  if (skipSweep && sweepArgs.length) throw new Error(`--skip-sweep with --sweep-* options: which one is meant?\n${USAGE}`);
  // Loaded here, after the server-only stub above is in place.
  const sweep = skipSweep ? null : await import('./password-sweep');
  if (sweep)
    checkOptions(sweepArgs, sweep.SWEEP_OPTIONS, `${USAGE}\n  the sweep's options, each as --sweep-<option>: ${sweep.SWEEP_OPTION_TEXT}`, SWEEP_PREFIX);
  const limit = arg(args, 'limit', 100);
  const spam = arg(args, 'spam', 150);
  const transactions = arg(args, 'transactions', 1000);
  const { applyLimits, removeLimits } = await import('../../lib/limits/apply');
  const { liftLogin, policyStatus, stopPolicyService } = await import('../../lib/limits/host-io');
  const { rollbackTo } = await import('../../lib/hardening/rollback');
  const { NO_LIMITS } = await import('../../lib/limits/schemas');
  const { dropHostConnection } = await import('../../lib/ssh/host-exec');

  const mainBefore = readFileSync('/etc/postfix/main.cf', 'utf8');
  const queued: string[] = [];
  let backupId: string | undefined;
  const out: Record<string, unknown> = { bench: 'limits', host: HOST, login: VICTIM, limitPerHour: limit, botnetSessions: spam };
  try {
    if ((await policyStatus(HOST)).running) await stopPolicyService(HOST);
    await run('bash', ['scripts/lab', 'syslog'], { cwd: ROOT });

    // Without the policy service: latency baseline, and the botnet + legitimate users as Postfix alone treats them.
    const without = await latency(transactions, queued);
    const linesWithout = await attack(spam);
    const t0 = tally(linesWithout);
    queued.push(...t0.ids);

    // A limit on the one login; every other login has none (so the legitimate users are only observed).
    const policy = {
      defaults: NO_LIMITS,
      domains: [],
      exempt: [],
      downAction: 'dunno' as const,
      overrides: [{ login: VICTIM, limits: { ...NO_LIMITS, messagesPerHour: limit } }],
    };
    const applied = await applyLimits(HOST, policy, { actor: 'bench-limits' });
    backupId = applied.backupId;
    if (!applied.ok) throw new Error(`apply failed: ${JSON.stringify(applied.failed)}`);
    await liftLogin(HOST, VICTIM);
    const linesWith = await attack(spam);
    const t1 = tally(linesWith);
    queued.push(...t1.ids);
    const v = t1.per.get(VICTIM) ?? { accepted: 0, refused: 0, stages: {}, replies: {} };
    const legit = (t: ReturnType<typeof tally>) =>
      Object.fromEntries(
        [...t.per]
          .filter(([l]) => l !== VICTIM)
          .sort()
          .map(([l, p]) => [l, { accepted: p.accepted, refused: p.refused }]),
      );

    // The same latency run with the check in smtpd_end_of_data_restrictions and a
    // (never reached) default limit, so every transaction is looked up and counted.
    const withDefault = { ...policy, defaults: { ...NO_LIMITS, messagesPerHour: 10_000_000 } };
    const re = await applyLimits(HOST, withDefault, { actor: 'bench-limits' });
    if (!re.ok) throw new Error(`apply (latency) failed: ${JSON.stringify(re.failed)}`);
    const withPolicy = await latency(transactions, queued);

    out.botnet = {
      withoutPolicyService: { accepted: t0.per.get(VICTIM)?.accepted ?? 0, refused: t0.per.get(VICTIM)?.refused ?? 0 },
      withLimit: {
        accepted: v.accepted,
        refused: v.refused,
        refusedBeforeQueueId: noqueueFor(linesWith, VICTIM),
        inFlightOverLimit: Math.max(0, v.accepted - limit),
        refusedAt: v.stages,
        replies: v.replies,
        everyOtherRefusedWithConfiguredReply:
          v.accepted + v.refused === spam &&
          Object.keys(v.replies).length === 1 &&
          Object.keys(v.replies)[0]!.includes('sending limit reached: messages per hour'),
      },
      note: "postfwd counts at END-OF-MESSAGE (smtpd_end_of_data_restrictions), one message per lookup; a message is accepted when its lookup finds the counter below the limit. inFlightOverLimit counts messages accepted beyond the limit: lookups running concurrently (10 parallel sessions) against the same counter in postfwd2's cache process. Refused messages get 450 4.7.1 at end of data, so the sender keeps them and retries later; none is queued.",
    };
    out.legitimateUsers = { withoutPolicyService: legit(t0), withLimitOnVictim: legit(t1) };
    out.latency = {
      withoutPolicyService: without,
      withPolicyService: withPolicy,
      addedP95Ms: round(withPolicy.p95Ms - without.p95Ms),
      addedP50Ms: round(withPolicy.p50Ms - without.p50Ms),
      note: 'One authenticated session from 127.0.0.88, one recipient per transaction; time from MAIL FROM to the reply after end of data.',
    };
  } finally {
    await removeLimits(HOST, { actor: 'bench-limits', policy: { defaults: NO_LIMITS, domains: [], overrides: [], exempt: [], downAction: 'dunno' } }).catch(
      () => undefined,
    );
    if (backupId) await rollbackTo(HOST, backupId).catch(() => undefined);
    await stopPolicyService(HOST).catch(() => undefined);
    if (queued.length) execFileSync('postsuper', ['-d', '-'], { input: [...new Set(queued)].join('\n') + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
    out.labRestored = {
      mainCfUnchanged: readFileSync('/etc/postfix/main.cf', 'utf8') === mainBefore,
      policyRunning: (await policyStatus(HOST)).running,
      queuedDeleted: new Set(queued).size,
    };
    dropHostConnection?.(HOST);
  }
  console.log(JSON.stringify(out, null, 2));

  // The password sweep's numbers in the same run, with its own options only.
  if (sweep) await sweep.run(sweepArgs);
}

export { run_ as run };
