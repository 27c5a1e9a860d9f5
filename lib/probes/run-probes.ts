import 'server-only';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db';
import { containsAddress, parseNetworks } from '@/lib/postfix/networks';
import { runProbe, type ProbeLogin } from './conversation';
import { PROBES, type ProbeName, type ProbeResult, type ProbeWarning } from './probe-defs';

// Probes against a registered host's port 25, from the host's probe source
// address. A probe from inside mynetworks proves nothing (the restrictions
// begin with permit_mynetworks), so the answer says when that may be so.

export type { ProbeWarning } from './probe-defs';

export type ProbeRun = { host: string; source: string | null; warnings: ProbeWarning[]; results: ProbeResult[] };

export async function runProbesOnHost(host: string, names: readonly ProbeName[], login?: ProbeLogin, opts: { mynetworks?: string } = {}): Promise<ProbeRun> {
  const row = await db().mwHost.findUnique({ where: { name: host }, select: { address: true, probeSourceIp: true } });
  if (!row) throw new AppError('not_found', `Host "${host}" not found.`);
  if (names.some((n) => PROBES[n].auth) && !login)
    throw new AppError('invalid', 'The forged-sender, own-sender and blocked-login probes log in: give a mailbox and its password.');
  const source = row.probeSourceIp;
  const warnings: ProbeWarning[] = [];
  if (!source) warnings.push({ code: 'no-source' });
  else if (opts.mynetworks !== undefined) {
    const inside = containsAddress(parseNetworks(opts.mynetworks), source);
    if (inside) warnings.push({ code: 'source-in-mynetworks', source });
    if (inside === null) warnings.push({ code: 'source-unknown-network', source });
  }
  const results: ProbeResult[] = [];
  // One at a time: each is its own short SMTP session, and order reads well.
  for (const name of names) {
    results.push(
      await runProbe({ host: row.address, port: 25, localAddress: source ?? undefined, timeoutMs: 15_000 }, name, PROBES[name].auth ? login : undefined),
    );
  }
  return { host, source, warnings, results };
}

/** For the audit log: no credentials, and no key the redactor would blank (it hides anything named "pass*"). */
export function auditableRun(run: ProbeRun) {
  return {
    source: run.source,
    warnings: run.warnings,
    results: run.results.map((r) => ({ name: r.name, ok: r.passed, note: r.note ?? null, transcript: r.transcript })),
  };
}
