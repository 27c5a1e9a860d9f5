import type { MessageKey, Translate } from '@/lib/i18n/translate';
import type { IncidentReport, TimelineEntry } from './report';
import type { Reason } from './score';

// The words of the incident report, shared by the printable page and the
// Markdown export: each reason, timeline entry and number in the reader's
// language (incident.* keys), and the Markdown document itself. Pure.

const readable = (vars: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'number' && Math.abs(v) >= 1000 ? v.toLocaleString('en-US') : v]));

export const reasonText = (t: Translate, r: Reason) => t(`incident.reason.${r.id}` as MessageKey, readable(r.vars));

export function timelineText(t: Translate, e: TimelineEntry, username: string): string {
  if (e.kind !== 'action') return t(`incident.timeline.${e.kind}` as MessageKey, { ...readable(e.vars), user: username });
  const text = t(`incident.action.${e.action}` as MessageKey, readable(e.vars));
  return e.ok === false ? `${text} — ${t('incident.report.failed')}` : text;
}

/** UTC, to the second: a report is read by people in other time zones. */
export const stamp = (iso: string | number) => new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

export function numberRows(t: Translate, r: IncidentReport): [string, string][] {
  const n = r.numbers;
  const yesNo = (b: boolean) => t(b ? 'incident.report.yes' : 'incident.report.no');
  return [
    [t('incident.report.n.held'), String(n.held - n.released)],
    [t('incident.report.n.deleted'), String(n.deleted)],
    [t('incident.report.n.quarantined'), String(n.quarantined - n.restored)],
    [t('incident.report.n.reset'), String(n.accountsReset)],
    [t('incident.report.n.blocked'), n.blocked ? `${yesNo(true)} (${t('incident.report.enforced')}: ${n.blockEnforced === 'true' ? yesNo(true) : n.blockEnforced === 'false' ? yesNo(false) : '?'})` : yesNo(false)],
    [t('incident.report.n.config'), n.backupIds.length ? `${n.fixes.join(', ')} — ${t('incident.report.backup')} ${n.backupIds.join(', ')}` : yesNo(false)],
    [t('incident.report.n.probes'), n.probesTotal ? `${n.probesPassed} / ${n.probesTotal}` : '—'],
  ];
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function reportMarkdown(t: Translate, r: IncidentReport): string {
  const lines: string[] = [];
  lines.push(`# ${t('incident.report.title', { user: r.username, host: r.host })}`, '');
  lines.push(`${t('incident.report.generated')}: ${stamp(r.generatedAt)}`, '');
  if (r.score !== null) {
    lines.push(`## ${t('incident.report.why', { score: r.score })}`, '');
    for (const reason of r.reasons) lines.push(`- ${reasonText(t, reason)} (+${reason.points})`);
    lines.push('');
  }
  lines.push(`## ${t('incident.report.numbers')}`, '', `| ${t('incident.report.what')} | ${t('incident.report.value')} |`, '| --- | --- |');
  for (const [k, v] of numberRows(t, r)) lines.push(`| ${cell(k)} | ${cell(v)} |`);
  lines.push('', `## ${t('incident.report.timeline')}`, '', `| ${t('incident.report.when')} | ${t('incident.report.event')} | ${t('incident.report.who')} |`, '| --- | --- | --- |');
  for (const e of r.timeline) lines.push(`| ${stamp(e.at)} | ${cell(timelineText(t, e, r.username))} | ${cell(e.actor ?? t('incident.report.maillog'))} |`);
  lines.push('');
  return lines.join('\n');
}
