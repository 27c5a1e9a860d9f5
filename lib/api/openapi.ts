import { z } from 'zod';
import { loginSchema } from '@/lib/auth/schemas';
import { totpActionSchema } from '@/lib/auth/totp-schemas';
import { ownPasswordSchema } from '@/lib/auth/own-password-schema';
import { tokenCreateSchema } from '@/lib/auth/token-schemas';
import { auditQuerySchema } from '@/lib/audit/query-schema';
import { acceptKeySchema, hostCreateSchema, hostPatchSchema } from '@/lib/hosts/schemas';
import { mailboxListQuerySchema, passwordResetSchema, sendingSchema } from '@/lib/mailboxes/schemas';
import { activityQuerySchema } from '@/lib/mailboxes/activity-schema';
import { applySchema, previewSchema, sweepStartSchema } from '@/lib/passwords/schemas';
import { settingsSchema } from '@/lib/settings-schema';
import { loginsQuerySchema, logsRangeSchema, searchQuerySchema, tailQuerySchema } from '@/lib/maillog/schemas';
import { applyBodySchema, rollbackBodySchema } from '@/lib/hardening/schemas';
import { probesBodySchema } from '@/lib/probes/schemas';
import { applyLimitsBodySchema, liftBodySchema } from '@/lib/limits/schemas';
import { queueQuerySchema, scanRequestSchema } from '@/lib/queue/schemas';
import { actionRequestSchema, jobQuerySchema } from '@/lib/queue/actions/schemas';
import { channelCreateSchema, channelPatchSchema } from '@/lib/notify/channel-schema';
import { alertsQuerySchema, muteSchema, samplesQuerySchema } from '@/lib/watch/schemas';
import { watchPutSchema } from '@/lib/watch/rules-schema';
import { incidentChangeSchema, incidentListQuerySchema } from '@/lib/incident/record-types';
import {
  backscatterBodySchema,
  cleanBodySchema,
  containBodySchema,
  hardenBodySchema,
  hostOrAllQuerySchema,
  hostQuerySchema,
  reportQuerySchema,
  verifyBodySchema,
} from '@/lib/incident/schemas';

// The API description served at /api/openapi.json. Each route adds its entry
// here; a unit test checks that every route file under app/api is described.

type Operation = {
  summary: string;
  tags: string[];
  public?: boolean;
  adminOnly?: boolean;
  body?: z.ZodType;
  query?: z.ZodObject;
};

export const operations: Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>> = {
  '/api/health': { get: { summary: 'Readiness: both databases up and the console schema current (503 otherwise)', tags: ['system'], public: true } },
  '/api/openapi.json': { get: { summary: 'This description', tags: ['system'], public: true } },
  '/api/auth/login': {
    post: { summary: 'Sign in with an extman manager account; sets the session cookie', tags: ['auth'], public: true, body: loginSchema },
  },
  '/api/auth/logout': { post: { summary: 'End the current session', tags: ['auth'] } },
  '/api/auth/me': { get: { summary: 'The signed-in manager, role and domains', tags: ['auth'] } },
  '/api/auth/password': {
    post: {
      summary: 'Change my own extman manager password (current one required); ends my other sessions. Session only',
      tags: ['auth'],
      body: ownPasswordSchema,
    },
  },
  '/api/auth/totp': {
    get: { summary: 'Whether TOTP two-factor sign-in is on for the signed-in manager', tags: ['auth'] },
    post: { summary: 'Start (secret + recovery codes, shown once), confirm or disable TOTP', tags: ['auth'], body: totpActionSchema },
  },
  '/api/auth/tokens': {
    get: { summary: 'My personal API tokens: name, prefix, scope, expiry, last use (time and IP), revoked; never the tokens themselves', tags: ['auth'] },
    post: {
      summary:
        'Make a personal API token {name, scope: read (GET only) | act (what my role can do), expiresInDays (1-3650, null: never)} → {token, view}; the token is in this answer only. Session only: a token cannot make tokens',
      tags: ['auth'],
      body: tokenCreateSchema,
    },
  },
  '/api/auth/tokens/[id]': { delete: { summary: 'Revoke one of my API tokens; it is answered 401 from then on. Session only', tags: ['auth'] } },
  '/api/settings': {
    get: { summary: 'Console-wide settings', tags: ['settings'], adminOnly: true },
    patch: { summary: 'Change console-wide settings', tags: ['settings'], adminOnly: true, body: settingsSchema.partial() },
  },
  '/api/audit': { get: { summary: 'Audit log entries (postmasters: their domains only); format=json|csv', tags: ['audit'], query: auditQuerySchema } },
  // mailboxes (postmasters: their domains only; a mailbox outside them is a 404)
  '/api/mailboxes': { get: { summary: 'Search, filter, sort and page mailboxes → {total, rows}', tags: ['mailboxes'], query: mailboxListQuerySchema } },
  '/api/mailboxes/activity': {
    get: {
      summary: 'Queued messages (last scan of every host) and last SMTP login per mailbox, for up to 100 addresses (?u=...&u=...)',
      tags: ['mailboxes'],
      query: activityQuerySchema,
    },
  },
  '/api/mailboxes/[username]': { get: { summary: 'One mailbox: flags, quotas, dates, domain, aliases that deliver to it', tags: ['mailboxes'] } },
  '/api/mailboxes/[username]/password': {
    post: {
      summary: 'Reset the password: {generate: true} (returned once) or {password} (strength-checked); blanks clearpwd',
      tags: ['mailboxes'],
      body: passwordResetSchema,
    },
  },
  '/api/mailboxes/[username]/sending': {
    get: {
      summary:
        'Whether sending is blocked (disablesmtpd), whether Postfix enforces it (checked over SSH), and the hosts whose Mailwarden access map blocks the login → {blocked, enforcement, mapBlocks}',
      tags: ['mailboxes'],
    },
    post: {
      summary:
        "Block or unblock sending (disablesmtpd), then check enforcement; an administrator's unblock also lifts Mailwarden's access-map blocks (audited as incident.unblock) → {blocked, enforcement, mapBlocks, lifted}",
      tags: ['mailboxes'],
      body: sendingSchema,
    },
  },
  '/api/mailboxes/weak-passwords': {
    get: {
      summary:
        'The weak-password sweep: last sweep progress and the flagged mailboxes, each with the pattern or list rank that matched (never the password), clearpwd and clear-text storage',
      tags: ['mailboxes'],
      adminOnly: true,
    },
  },
  '/api/mailboxes/weak-passwords/sweep': {
    post: {
      summary:
        'Start a sweep in the background (niced child process, one per installation by a named lock), or resume the last one {resume: true} → 202 {id, status}; 409 when one runs',
      tags: ['mailboxes'],
      adminOnly: true,
      body: sweepStartSchema,
    },
    delete: { summary: 'Cancel the running sweep (any console process); it can be resumed', tags: ['mailboxes'], adminOnly: true },
  },
  '/api/mailboxes/weak-passwords/preview': {
    post: {
      summary: 'How many of these mailboxes are flagged now and would be reset or required to change → {count, usernames, skipped}',
      tags: ['mailboxes'],
      adminOnly: true,
      body: previewSchema,
    },
  },
  '/api/mailboxes/weak-passwords/apply': {
    post: {
      summary:
        'Reset (generated passwords, in this answer only) or require a change (SMTP AUTH blocked until the password changes) for the previewed count {action, usernames, expectCount}; 409 if the count changed',
      tags: ['mailboxes'],
      adminOnly: true,
      body: applySchema,
    },
  },
  // mail hosts reached over SSH (administrators only)
  '/api/hosts': {
    get: {
      summary: 'The mail hosts: address, SSH user, host key state, client public key, last test (never the private key)',
      tags: ['hosts'],
      adminOnly: true,
    },
    post: { summary: 'Add a mail host; the private key is checked, sealed and never returned', tags: ['hosts'], adminOnly: true, body: hostCreateSchema },
  },
  '/api/hosts/[host]': {
    get: { summary: 'One mail host, without secrets', tags: ['hosts'], adminOnly: true },
    patch: {
      summary: 'Change a host (a new privateKey replaces the old; forgetHostKey clears the pin)',
      tags: ['hosts'],
      adminOnly: true,
      body: hostPatchSchema,
    },
    delete: { summary: 'Forget a mail host', tags: ['hosts'], adminOnly: true },
  },
  '/api/hosts/[host]/test': {
    post: {
      summary: 'Connect and report Postfix version, directories, status, queue counts, sudo rights, perl and the host key',
      tags: ['hosts'],
      adminOnly: true,
    },
  },
  '/api/hosts/[host]/enroll': {
    post: {
      summary: 'A new one-line enroll command for the mail host (curl ... | sudo bash; its token works for an hour, an earlier one stops)',
      tags: ['hosts'],
      adminOnly: true,
    },
  },
  '/api/hosts/[host]/enroll-script': {
    get: {
      summary:
        'The enroll script (text/x-shellscript) to read before running it as root on the mail host: user, restricted key, helpers, sudoers; --check, --uninstall',
      tags: ['hosts'],
      adminOnly: true,
    },
  },
  '/api/enroll/[token]': {
    get: {
      summary: 'The enroll script for the one-line command on a mail host; no login, the token (from POST /api/hosts/{host}/enroll) is the key',
      tags: ['hosts'],
      public: true,
    },
  },
  '/api/hosts/[host]/accept-key': {
    post: { summary: 'Pin the host key the host offered (must equal the pending fingerprint)', tags: ['hosts'], adminOnly: true, body: acceptKeySchema },
  },
  // hardening and live probes (issue 7; administrators only)
  '/api/hosts/[host]/hardening': {
    get: {
      summary:
        'Assess postconf -n and master.cf overrides → findings with severity and evidence, fixable ids, backups (with the apply that made each), interrupted-apply warning',
      tags: ['hardening'],
      adminOnly: true,
    },
  },
  '/api/hosts/[host]/hardening/apply': {
    post: {
      summary:
        'Preview (dryRun: main.cf diff, map files with the password masked) or apply fixes: backup, write maps, postconf -e, postfix check, reload, probes; restores the backup on any failure',
      tags: ['hardening'],
      adminOnly: true,
      body: applyBodySchema,
    },
  },
  '/api/hosts/[host]/hardening/rollback': {
    post: {
      summary: 'Restore an earlier backup of main.cf/master.cf (the current files are backed up first), postfix check, reload',
      tags: ['hardening'],
      adminOnly: true,
      body: rollbackBodySchema,
    },
  },
  '/api/hosts/[host]/probes': {
    post: {
      summary: 'Live SMTP probes from the probe source address (relay, forged-sender, own-sender, blocked-login); never DATA; AUTH masked in transcripts',
      tags: ['hardening'],
      adminOnly: true,
      body: probesBodySchema,
    },
  },
  // sending limits per SASL login (issue 18; postfwd on the mail host through mw-policy)
  '/api/hosts/[host]/limits': {
    get: {
      summary:
        'Sending limits: the policy (admins), whether the policy service runs, counters per login against its limits and who is refused now (postmasters: their domains)',
      tags: ['hardening'],
    },
    post: {
      summary:
        'Preview (dryRun: postfwd ruleset and the main.cf change) or apply a policy: install/ruleset/start or reload (counters kept), then backup, postconf -e, postfix check, reload; restores the backup on failure',
      tags: ['hardening'],
      adminOnly: true,
      body: applyLimitsBodySchema,
    },
    delete: {
      summary: 'Take the policy check out of main.cf (backup, check, reload, roll back on failure) and stop the policy service',
      tags: ['hardening'],
      adminOnly: true,
    },
  },
  '/api/hosts/[host]/limits/lift': {
    post: { summary: "Reset one login's sending counters now (its mail flows again); audited", tags: ['hardening'], adminOnly: true, body: liftBodySchema },
  },
  // maillog views over SSH (postmasters: their domains' SASL users and senders only)
  '/api/hosts/[host]/logs/logins': {
    get: {
      summary: 'SASL logins per user: logins, distinct IPs, first/last seen, timeline; with user=: that user’s IPs, submitted messages and envelope senders',
      tags: ['logs'],
      query: loginsQuerySchema,
    },
  },
  '/api/hosts/[host]/logs/bruteforce': {
    get: {
      summary: 'SASL authentication failures by client IP and by user name, over time, with a fail2ban / CIDR suggestion (nothing is blocked)',
      tags: ['logs'],
      query: logsRangeSchema,
    },
  },
  '/api/hosts/[host]/logs/blocks': {
    get: {
      summary: 'Who blocks us: deferred/bounced deliveries grouped by remote site and reply, classified (blocklist, provider, code, link)',
      tags: ['logs'],
      query: logsRangeSchema,
    },
  },
  '/api/hosts/[host]/logs/trace/[queueId]': {
    get: {
      summary: 'Every log line of one queue ID, following the non-delivery notification to the bounce (and back)',
      tags: ['logs'],
      query: logsRangeSchema,
    },
  },
  '/api/hosts/[host]/logs/search': {
    get: { summary: 'The newest log lines containing a text (case-insensitive)', tags: ['logs'], adminOnly: true, query: searchQuerySchema },
  },
  '/api/hosts/[host]/logs/tail': {
    get: {
      summary: 'Live tail of the maillog as Server-Sent Events (text/event-stream); the SSH channel closes with the client',
      tags: ['logs'],
      adminOnly: true,
      query: tailQuerySchema,
    },
  },
  // queue index and messages (postmasters: messages whose SASL login or sender is in their domains)
  '/api/hosts/[host]/queue': {
    get: {
      summary:
        'The indexed queue: filters (saslUser, clientIp, sender, senderDomain, recipientDomain, queue, reason, reasonClass, olderThan, age, forged; bounceOf=<SASL login>: null-sender bounces whose every recipient is a forged sender that login used, recipients read from the envelopes, the same filter for actions), sort, paging; facets (top 20, each counted over the other filters) and scan state',
      tags: ['queue'],
      query: queueQuerySchema,
    },
  },
  '/api/hosts/[host]/queue/scan': {
    post: {
      summary: 'Start or join a scan of the host queue (mw-queue-scan over SSH; incremental after the first); answers at once with the state',
      tags: ['queue'],
      body: scanRequestSchema,
    },
    get: {
      summary:
        'Progress and result of the current or last queue scan of this console process, and lastScan: the last finished scan by any console process (owner host:pid, status, finishedAt, indexed)',
      tags: ['queue'],
    },
  },
  '/api/hosts/[host]/queue/actions': {
    post: {
      summary:
        'Act on queued mail (postmasters: only messages in their domains; selected ids outside them count as gone). {action: hold|release|requeue|delete|flush, one of ids | filter (the queue page filters) | fromAudit (release what a queue.hold audit entry held), dryRun, confirm, previewId}. dryRun → {kind: preview}: counts per queue, sample, legitimate-looking count, confirmation to type above 100 messages, advice. Otherwise the index is refreshed, the filter re-evaluated and exactly those ids go to one postsuper run per 20,000 ids on stdin (flush of a filter = requeue of its deferred mail; flush of everything = postqueue -f) → {kind: result} (postsuper counts, gone, arrived since the preview), or 202 {kind: job} above 5,000 ids. Audited as queue.<action> with the id list stored',
      tags: ['queue'],
      body: actionRequestSchema,
    },
    get: {
      summary:
        'Progress of a long queue action, from any console process: phase (refresh, execute, update, done, failed, interrupted = the process running it stopped), ids done of total, acted and postsuper counts so far, elapsed, result',
      tags: ['queue'],
      query: jobQuerySchema,
    },
  },
  '/api/hosts/[host]/queue/[queueId]': {
    get: {
      summary:
        'One queued message (postcat -q): envelope, recipients with delay reasons, headers, text body, attachments listed, raw text; 404 when already delivered or removed',
      tags: ['queue'],
    },
  },
  // watch and alert (issue 10; postmasters: alerts about their domains' users only)
  '/api/alerts': {
    get: {
      summary: 'Open and past alerts: severity, host, rule, key, summary with its numbers, count, first/last seen, link, containment',
      tags: ['alerts'],
      query: alertsQuerySchema,
    },
  },
  '/api/alerts/[id]/ack': { post: { summary: 'Acknowledge an open alert (it still resolves by itself once its condition is gone)', tags: ['alerts'] } },
  '/api/alerts/[id]/mute': {
    post: { summary: 'No notifications for this alert for 1 or 24 hours; {hours: 0} lifts the mute', tags: ['alerts'], body: muteSchema },
  },
  '/api/alerts/[id]/release': {
    post: {
      summary: 'Undo automatic containment: release the held mail (postsuper -H, ids on stdin) and unblock sending (disablesmtpd = 0)',
      tags: ['alerts'],
    },
  },
  '/api/alerts/channels': {
    get: {
      summary: 'Notification channels (URLs masked, secrets never returned) and the latest deliveries with attempts, last error and next retry',
      tags: ['alerts'],
      adminOnly: true,
    },
    post: {
      summary:
        'Add a channel: webhook (POST JSON {event: alert.opened|alert.resolved|alert.contained|test, alert: {id, host, rule, key, severity, summary, details, link, firstAt, lastAt, count, containment?}, console: baseUrl}; with a secret, header X-Mailwarden-Signature: sha256=HMAC of the body), e-mail through an SMTP relay, DingTalk robot (markdown, optional sign), WeCom robot (markdown)',
      tags: ['alerts'],
      adminOnly: true,
      body: channelCreateSchema,
    },
  },
  '/api/alerts/channels/[id]': {
    patch: {
      summary: 'Change a channel; config fields left out or secrets left blank keep the stored values',
      tags: ['alerts'],
      adminOnly: true,
      body: channelPatchSchema,
    },
    delete: { summary: 'Remove a channel and its delivery history', tags: ['alerts'], adminOnly: true },
  },
  '/api/alerts/channels/[id]/test': { post: { summary: 'Send a test notification now → {ok, error}', tags: ['alerts'], adminOnly: true } },
  '/api/hosts/[host]/watch': {
    get: {
      summary:
        'Watch rules of the host (effective, defaults, whether customised), the minimum interval, and the watcher status (who watches, last sample, maillog follow state, last error)',
      tags: ['alerts'],
    },
    put: {
      summary: 'Set the host rules ({rules}: thresholds, intervals, containment) or go back to the defaults ({reset: true})',
      tags: ['alerts'],
      adminOnly: true,
      body: watchPutSchema(),
    },
  },
  '/api/hosts/[host]/watch/samples': {
    get: {
      summary: 'Queue size samples per queue (incoming, active, deferred, hold, maildrop, total; complete=false means a lower bound)',
      tags: ['alerts'],
      query: samplesQuerySchema,
    },
  },
  // dashboard and incident response (issue 9; postmasters: their domains' logins only; hardening and probes: administrators)
  '/api/dashboard': {
    get: {
      summary:
        'Per host or all hosts: queue sizes per queue with recent history, top SASL logins and client IPs by queued messages, forged-sender share, remote sites refusing our mail',
      tags: ['incidents'],
      query: hostOrAllQuerySchema,
    },
  },
  '/api/incidents/suspects': {
    get: {
      summary: 'SASL logins scored 0-100 from the queue index and the last 7 days of maillog, with their reasons and numbers, highest first',
      tags: ['incidents'],
      query: hostOrAllQuerySchema,
    },
  },
  '/api/incidents/[username]': {
    get: {
      summary: 'The evidence against one login (score, reasons, IPs, first forged submission) and how far the response got',
      tags: ['incidents'],
      query: hostQuerySchema,
    },
  },
  '/api/incidents/[username]/contain': {
    post: {
      summary:
        'Preview (dryRun) or contain: block sending with the enforcement proof, reset the password (returned once, never stored), hold the login’s queued mail and its chosen IPs’ (through queue actions)',
      tags: ['incidents'],
      query: hostQuerySchema,
      body: containBodySchema,
    },
  },
  '/api/incidents/[username]/clean': {
    post: {
      summary: 'Preview (dryRun) or delete the login’s held mail (and its chosen IPs’): only what is on hold',
      tags: ['incidents'],
      query: hostQuerySchema,
      body: cleanBodySchema,
    },
  },
  '/api/incidents/[username]/backscatter': {
    post: {
      summary:
        'Bounces in the victim’s Maildir since a time: preview (count, samples), quarantine (move into .Quarantine.Mailwarden-<time>, never delete), undo',
      tags: ['incidents'],
      query: hostQuerySchema,
      body: backscatterBodySchema,
    },
  },
  '/api/incidents/[username]/harden': {
    get: {
      summary: 'The host’s hardening findings, critical first, and the fixes the console can apply',
      tags: ['incidents'],
      adminOnly: true,
      query: hostQuerySchema,
    },
    post: {
      summary:
        'Preview (dryRun: main.cf diff) or apply fixes through the hardening module: backup, postconf, postfix check, reload, relay probe, roll back on failure',
      tags: ['incidents'],
      adminOnly: true,
      query: hostQuerySchema,
      body: hardenBodySchema,
    },
  },
  '/api/incidents/[username]/verify': {
    post: {
      summary:
        'check=probes (administrators): relay refused; with the account’s new password: blocked-login refused, or forged sender 553 and own sender 250; optionally another mailbox. check=queue: a fresh count and the account’s new mail since containment',
      tags: ['incidents'],
      query: hostQuerySchema,
      body: verifyBodySchema,
    },
  },
  '/api/incidents/[username]/block': {
    delete: {
      summary: 'Lift Mailwarden’s Postfix block of a SASL login (the same safe path as the block: backup, check, reload, lookup, roll back)',
      tags: ['incidents'],
      adminOnly: true,
      query: hostQuerySchema,
    },
  },
  '/api/incidents/records': {
    get: {
      summary:
        'Incident records, newest first: who contained which login when, each step’s result, and its progress (contained/cleaned/hardened/verified) derived as the incident page derives it (postmasters: their domains)',
      tags: ['incidents'],
      query: incidentListQuerySchema,
    },
  },
  '/api/incidents/records/[id]': {
    get: { summary: 'One incident record with its steps, its progress and the report kept with it', tags: ['incidents'] },
    patch: { summary: 'Close the incident with a note, or reopen it (audited)', tags: ['incidents'], body: incidentChangeSchema },
  },
  '/api/incidents/[username]/report': {
    get: { summary: 'The incident report: timeline (maillog + audit log) and numbers; format=md for Markdown', tags: ['incidents'], query: reportQuerySchema },
  },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(operations)) {
    const openApiPath = path.replace(/\[(\w+)\]/g, '{$1}');
    paths[openApiPath] = {};
    for (const [method, op] of Object.entries(methods)) {
      const params = [...openApiPath.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
      const query = op.query
        ? Object.entries((z.toJSONSchema(op.query, { io: 'input' }) as { properties?: Record<string, unknown> }).properties ?? {}).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            schema,
          }))
        : [];
      paths[openApiPath][method] = {
        summary: op.summary + (op.adminOnly ? ' (administrators only)' : ''),
        tags: op.tags,
        ...(op.public ? { security: [] } : {}),
        ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body) } } } } : {}),
        responses: {
          '200': { description: 'OK' },
          ...(op.public ? {} : { '401': { $ref: '#/components/responses/Error' }, '403': { $ref: '#/components/responses/Error' } }),
          '405': { $ref: '#/components/responses/Error' },
          '422': { $ref: '#/components/responses/Error' },
        },
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mailwarden API',
      version: '0.1.0',
      description:
        'Every action of the console, as JSON. Scripts send a personal API token (made on the Account page) as `Authorization: Bearer mw_...`; a read token may only GET. The browser signs in with POST /api/auth/login and sends the session cookie; its state-changing requests must come with a same-origin Origin (or Sec-Fetch-Site: same-origin). Every audit entry records which token acted.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'mw_ + 43 base64url characters',
          description: 'Personal API token; scope read (GET only) or act',
        },
        session: { type: 'apiKey', in: 'cookie', name: 'mw_session' },
      },
      responses: {
        Error: {
          description: 'Error',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
