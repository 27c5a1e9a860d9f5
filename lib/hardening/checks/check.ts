import type { MainCfDoc, RestrictionItem } from '@/lib/postfix/postconf';
import type { MysqlMapRef, RenderedMap } from '../map-file';
import type { ParamView } from '../params';

// What a hardening check is: one file under checks/ says which findings it
// can produce, which parameters it reads, how it assesses a configuration
// and (if it has one) how its fix changes main.cf. The registry (index.ts)
// derives every list the feature needs from these.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown', 'ok'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type CheckFinding<K extends string = string, F extends string = string> = {
  key: K;
  severity: Severity;
  /** Configuration lines that show it, as `name = value` (or the raw line). */
  evidence: string[];
  vars?: Record<string, string>;
  /** A master.cf service ("submission/inet") when the finding is about its -o overrides. */
  service?: string;
  /** The fix the console can apply for it (main.cf only). */
  fix?: F;
};

export class PlanError extends Error {}

/** What a fix's plan reads and adds to; the planner turns it into `postconf -e` pairs and map files. */
export type PlanContext = {
  view: ParamView;
  postconfN: Map<string, string>;
  hasDisableSmtpd: boolean;
  /** The config directory, without a trailing slash. */
  dir: string;
  /** The host's mysql map the new maps copy their connection settings from (set when a chosen fix needs maps). */
  source?: { ref: MysqlMapRef; settings: Map<string, string> };
  /** The map type of the host's own maps ("mysql:"). */
  prefix: string;
  /** smtpd_sender_restrictions as it is, references expanded. */
  senderItems: RestrictionItem[];
  params: [string, string][];
  maps: RenderedMap[];
  /** Restrictions to put in front of smtpd_sender_restrictions, in order. */
  front: string[];
};

export type CheckFix<F extends string> = {
  id: F;
  /** The only main.cf parameters it may set (smtpd_sender_restrictions through `front`). */
  sets: readonly string[];
  /** It writes map files, so it needs the connection settings of one of the host's mysql maps. */
  needsMaps?: boolean;
  /** 'sender': adds to smtpd_sender_restrictions, planned before the others; lower `order` first. */
  stage: 'sender' | 'params';
  order: number;
  plan: (ctx: PlanContext) => void;
};

export type HardeningCheck<K extends string, F extends string = never> = {
  id: string;
  /** Every finding key it can produce; `hardening.finding.<key>` in both catalogues says it. */
  findings: readonly K[];
  /** Parameters it reads: the host is asked for their effective values. */
  reads: readonly string[];
  /** A master.cf service that overrides one of these (-o) is assessed on its own as well. */
  overrides?: readonly string[];
  /** Assessed only when SMTP AUTH is on (nobody logs in otherwise). */
  needsSasl?: boolean;
  /** `mainCf` is given for main.cf's own view only, not for a master.cf service's. */
  assess: (view: ParamView, mainCf?: MainCfDoc) => CheckFinding<NoInfer<K>, NoInfer<F>>[];
  fix?: CheckFix<F>;
};

export const defineCheck = <const K extends string, const F extends string = never>(check: HardeningCheck<K, F>) => check;

/** The comment block at the top of a map file a fix writes. */
export const mapHeader = (fix: string, ref: MysqlMapRef) => [
  `Managed by Mailwarden (hardening fix "${fix}"). Rewritten when the fix is applied again.`,
  `Connection settings copied from ${ref.path}.`,
];
