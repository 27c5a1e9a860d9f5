import 'server-only';
import { createHash } from 'node:crypto';
import { presentColumns } from '@/lib/extman-tables/columns';
import { parseMainCf } from '@/lib/postfix/postconf';
import { assess } from './assess';
import { backupHistory, interruptedApply, type BackupRow } from './backups';
import { catMain, hostFacts, listBackups, postconfEffective, postconfN, readMap, smtpdServicesOf } from './host-io';
import { containsAddress, parseNetworks } from '@/lib/postfix/networks';
import { ASSESSED_PARAMS } from './checks';
import { sourceMapRef, type PlanInput } from './plan';
import { isApplying } from './lock';
import { FIX_IDS, type FixId, type Finding } from './types';

// The hardening page's data for one host: the findings, the backups with the
// action that made each, and whether an apply may have been cut short.

export type ProbeSource = { address: string | null; insideMynetworks: boolean | null };

export type HardeningState = {
  host: string;
  findings: Finding[];
  fixable: FixId[];
  backups: BackupRow[];
  /** The newest backup differs from main.cf and no finished apply/rollback claims it. */
  interrupted: { backupId: string } | null;
  busy: boolean;
  probeSource: ProbeSource;
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function loadHardeningState(host: string): Promise<HardeningState> {
  const facts = await hostFacts(host);
  const [n, effective, services, mainCf, backups] = await Promise.all([
    postconfN(host),
    postconfEffective(host, ASSESSED_PARAMS),
    smtpdServicesOf(host),
    catMain(host),
    listBackups(host),
  ]);
  const findings = assess(n, services, { effective, mainCf: parseMainCf(mainCf) });
  const fixable = FIX_IDS.filter((id) => findings.some((f) => f.fix === id));
  const rows = await backupHistory(host, backups);
  const busy = await isApplying(host);
  const interrupted = interruptedApply(rows, sha256(mainCf), busy);
  return { host, findings, fixable, backups: rows, interrupted, busy, probeSource: probeSourceOf(facts.probeSourceIp, effective.get('mynetworks') ?? '') };
}

export function probeSourceOf(address: string | null, mynetworks: string): ProbeSource {
  return { address, insideMynetworks: address ? containsAddress(parseNetworks(mynetworks), address) : null };
}

/** What planFixes needs from the host. */
export async function planInputFor(host: string, fixes: readonly FixId[]): Promise<PlanInput & { mainCf: string }> {
  const [n, effective, mainCf, columns] = await Promise.all([
    postconfN(host),
    postconfEffective(host, ASSESSED_PARAMS),
    catMain(host),
    presentColumns('mailbox'),
  ]);
  const ref = sourceMapRef(n);
  const needsMap = fixes.includes('sender-login-maps') || fixes.includes('sasl-access');
  const sourceMap = needsMap && ref ? { ref, settings: await readMap(host, ref.file) } : undefined;
  return { fixes, postconfN: n, effective, mainCf, sourceMap, hasDisableSmtpd: columns.has('disablesmtpd') };
}
