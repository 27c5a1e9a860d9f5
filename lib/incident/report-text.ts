import { formatNumber, type Locale, type MessageKey, type Translate } from '@/lib/i18n/core';
import { DELISTING } from './delisting';
import type { IncidentProgress } from './progress';
import type { IncidentReport, TimelineEntry } from './report';
import type { Reason } from './score';

// The words of the incident report, shared by the printable page and the
// Markdown export: each reason, timeline entry, number and open item in the
// reader's language (incident.* keys), numbers formatted for the locale
// (Intl.NumberFormat), never a raw "true"/"false". Pure.

const fmt = (locale: Locale) => (n: number) => formatNumber(locale, n);
const yesNo = (t: Translate, b: boolean) => t(b ? 'incident.report.yes' : 'incident.report.no');

function readable(t: Translate, locale: Locale, vars: Record<string, string | number>) {
  return Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [
      k,
      typeof v === 'number'
        ? formatNumber(locale, v)
        : v === 'true'
          ? yesNo(t, true)
          : v === 'false'
            ? yesNo(t, false)
            : v === 'unknown'
              ? t('common.unknown')
              : v,
    ]),
  );
}

export const reasonText = (t: Translate, r: Reason, locale: Locale = 'en') => t(`incident.reason.${r.id}` as MessageKey, readable(t, locale, r.vars));

export function timelineText(t: Translate, e: TimelineEntry, username: string, locale: Locale = 'en'): string {
  if (e.kind !== 'action') return t(`incident.timeline.${e.kind}` as MessageKey, { ...readable(t, locale, e.vars), user: username });
  const text = t(`incident.action.${e.action}` as MessageKey, readable(t, locale, e.vars));
  return e.ok === false ? `${text} — ${t('incident.report.failed')}` : text;
}

/** UTC, to the second: a report is read by people in other time zones. */
export const stamp = (iso: string | number) =>
  new Date(iso)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

const PHASES = [
  ['contained', 'incident.step.contain'],
  ['cleaned', 'incident.step.clean'],
  ['hardened', 'incident.step.harden'],
  ['verified', 'incident.step.verify'],
] as const;

/** "Contain ✓ · Clean ✓ · Harden — · Verify —": the same words wherever the progress is shown. */
export const progressParts = (t: Translate, p: IncidentProgress) => PHASES.map(([k, key]) => ({ phase: k, done: p[k], text: `${t(key)} ${p[k] ? '✓' : '—'}` }));
export const progressText = (t: Translate, p: IncidentProgress) =>
  progressParts(t, p)
    .map((x) => x.text)
    .join(' · ');

export function numberRows(t: Translate, r: IncidentReport, locale: Locale = 'en'): [string, string][] {
  const n = r.numbers;
  const num = fmt(locale);
  // A host that did not answer is unknown (issue 16.8), said in words.
  const enforced = n.blockEnforced === 'true' ? yesNo(t, true) : n.blockEnforced === 'false' ? yesNo(t, false) : t('common.unknown');
  return [
    ...(r.progress ? [[t('incident.report.n.progress'), progressText(t, r.progress)] as [string, string]] : []),
    [t('incident.report.n.held'), num(n.held - n.released)],
    [t('incident.report.n.deleted'), num(n.deleted)],
    [t('incident.report.n.quarantined'), num(n.quarantined - n.restored)],
    [t('incident.report.n.reset'), num(n.accountsReset)],
    [t('incident.report.n.blocked'), n.blocked ? `${yesNo(t, true)} (${t('incident.report.enforced')}: ${enforced})` : yesNo(t, false)],
    [t('incident.report.n.config'), n.backupIds.length ? `${n.fixes.join(', ')} — ${t('incident.report.backup')} ${n.backupIds.join(', ')}` : yesNo(t, false)],
    [t('incident.report.n.probes'), n.probesTotal ? `${num(n.probesPassed)} / ${num(n.probesTotal)}` : '—'],
  ];
}

/** The "still open" lines, each a sentence; unknown parts say why they are unknown. */
export function openLines(t: Translate, r: IncidentReport, locale: Locale = 'en'): { id: string; text: string }[] {
  const o = r.open;
  if (!o) return [];
  const num = fmt(locale);
  const out: { id: string; text: string }[] = [];
  if (o.otherSuspects === null) out.push({ id: 'suspects', text: t('incident.report.open.suspectsUnknown') });
  else if (o.otherSuspects.length) {
    const list = o.otherSuspects
      .slice(0, 10)
      .map((s) => `${s.user} (${num(s.score)}, ${t('incident.report.open.queued', { count: num(s.queued) })})`)
      .join(', ');
    out.push({ id: 'suspects', text: t('incident.report.open.suspects', { count: o.otherSuspects.length, list }) });
  }
  if (o.bounces === null) out.push({ id: 'bounces', text: t('incident.report.open.bouncesUnknown') });
  else if (o.bounces.count > 0) out.push({ id: 'bounces', text: t('incident.report.open.bounces', { count: o.bounces.count, n: num(o.bounces.count) }) });
  if (o.refusing === null) out.push({ id: 'refusing', text: t('incident.report.open.refusingUnknown') });
  else if (o.refusing.length)
    out.push({
      id: 'refusing',
      text: t('incident.report.open.refusing', {
        count: o.refusing.length,
        list: o.refusing
          .slice(0, 8)
          .map((x) => `${x.site} (${num(x.count)})`)
          .join(', '),
      }),
    });
  if (o.fixesMissing === null) out.push({ id: 'fixes', text: t('incident.report.open.fixesUnknown') });
  else if (o.fixesMissing.length)
    out.push({ id: 'fixes', text: t('incident.report.open.fixes', { list: o.fixesMissing.map((f) => t(`hardening.fix.${f}` as MessageKey)).join('; ') }) });
  return out;
}

/** The delisting checklist rows in the reader's language. */
export function delistingRows(r: IncidentReport, locale: Locale = 'en') {
  return (r.open?.delisting ?? []).flatMap((d) => {
    const e = DELISTING.find((x) => x.id === d.id);
    return e
      ? [
          {
            id: e.id,
            name: e.name,
            url: e.url,
            sites: d.sites,
            sample: d.sample,
            meaning: e.meaning[locale],
            where: e.where[locale],
            say: e.say[locale],
            check: e.check[locale],
          },
        ]
      : [];
  });
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function reportMarkdown(t: Translate, r: IncidentReport, locale: Locale = 'en'): string {
  const lines: string[] = [];
  lines.push(`# ${t('incident.report.title', { user: r.username, host: r.host })}`, '');
  lines.push(`${t('incident.report.generated')}: ${stamp(r.generatedAt)}`, '');
  if (r.score !== null) {
    lines.push(`## ${t('incident.report.why', { score: r.score })}`, '');
    for (const reason of r.reasons) lines.push(`- ${reasonText(t, reason, locale)} (+${reason.points})`);
    lines.push('');
  }
  lines.push(`## ${t('incident.report.numbers')}`, '', `| ${t('incident.report.what')} | ${t('incident.report.value')} |`, '| --- | --- |');
  for (const [k, v] of numberRows(t, r, locale)) lines.push(`| ${cell(k)} | ${cell(v)} |`);
  if (r.open) {
    const open = openLines(t, r, locale);
    lines.push('', `## ${t('incident.report.open.title')}`, '');
    if (open.length === 0) lines.push(t('incident.report.open.none'));
    for (const o of open) lines.push(`- ${o.text}`);
    const del = delistingRows(r, locale);
    if (del.length) {
      lines.push('', `## ${t('incident.report.delisting.title')}`);
      for (const d of del) {
        lines.push('', `### ${d.name} (${d.sites.join(', ')})`, '', `> ${d.sample}`, '');
        lines.push(
          `- **${t('incident.report.delisting.meaning')}**: ${d.meaning}`,
          `- **${t('incident.report.delisting.where')}**: ${d.where} ${d.url}`,
          `- **${t('incident.report.delisting.say')}**: ${d.say}`,
          `- **${t('incident.report.delisting.check')}**: ${d.check}`,
        );
      }
    }
  }
  lines.push(
    '',
    `## ${t('incident.report.timeline')}`,
    '',
    `| ${t('incident.report.when')} | ${t('incident.report.event')} | ${t('incident.report.who')} |`,
    '| --- | --- | --- |',
  );
  for (const e of r.timeline)
    lines.push(`| ${stamp(e.at)} | ${cell(timelineText(t, e, r.username, locale))} | ${cell(e.actor ?? t('incident.report.maillog'))} |`);
  lines.push('');
  return lines.join('\n');
}
