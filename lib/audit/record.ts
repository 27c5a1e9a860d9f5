import 'server-only';
import { db } from '@/lib/db';

// Append-only: the app inserts audit rows and never updates or deletes them.
// Secrets never enter here: callers pass parameters without passwords/keys,
// and redact() below strips any field whose name says it is one.

export type AuditEntry = {
  actor: string;
  role: string;
  action: string;
  target?: string | null;
  host?: string | null;
  domains?: string[];
  params?: unknown;
  preview?: unknown;
  result?: unknown;
  ok: boolean;
  error?: string | null;
  clientIp?: string | null;
  /** The API token that acted (mw_api_token.id); null for a session. */
  tokenId?: string | null;
};

const SECRET_KEY = /pass(word)?|secret|private.?key|token|totp|recovery/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

const json = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(redact(v), bigintSafe)) as object));
const bigintSafe = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await db().mwAudit.create({
    data: {
      actor: entry.actor.slice(0, 255),
      role: entry.role.slice(0, 16),
      action: entry.action.slice(0, 64),
      target: entry.target?.slice(0, 512) ?? null,
      host: entry.host?.slice(0, 64) ?? null,
      domains: entry.domains ? entry.domains.map((d) => d.toLowerCase()) : undefined,
      params: json(entry.params),
      preview: json(entry.preview),
      result: json(entry.result),
      ok: entry.ok,
      error: entry.error ?? null,
      clientIp: entry.clientIp ?? null,
      tokenId: entry.tokenId ? BigInt(entry.tokenId) : null,
    },
  });
}
