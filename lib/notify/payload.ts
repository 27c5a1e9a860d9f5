import { translator, type Locale } from '@/lib/i18n/translate';
import type { AlertView, ContainmentView } from '@/lib/watch/alert-view';
import { absoluteLink } from '@/lib/watch/links';
import { renderSummary, ruleName, type AlertDetails } from '@/lib/watch/summary';

// What every channel sends, built once per event. The webhook gets this JSON
// as it is (the shape is documented on the page and in the OpenAPI
// description); robots and e-mail get it rendered as text in the channel's
// language.

export const NOTIFY_EVENTS = ['alert.opened', 'alert.resolved', 'alert.contained', 'test'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export type NotifyPayload = {
  event: NotifyEvent;
  alert: {
    id: string;
    host: string;
    rule: string;
    key: string;
    severity: string;
    summary: string;
    details: AlertDetails;
    link: string;
    firstAt: string;
    lastAt: string;
    count: number;
    containment?: ContainmentView;
  };
  console: string | null;
};

export function buildPayload(event: NotifyEvent, a: AlertView, consoleUrl: string | null): NotifyPayload {
  return {
    event,
    alert: {
      id: a.id, host: a.host, rule: a.rule, key: a.key, severity: a.severity, summary: a.summary, details: a.details,
      link: absoluteLink(a.link, consoleUrl), firstAt: a.firstAt, lastAt: a.lastAt, count: a.count,
      ...(a.containment ? { containment: a.containment } : {}),
    },
    console: consoleUrl,
  };
}

export function testPayload(consoleUrl: string | null, now = new Date()): NotifyPayload {
  const at = now.toISOString();
  return {
    event: 'test',
    alert: {
      id: '0', host: '-', rule: 'test', key: '', severity: 'info', summary: 'Test notification from Mailwarden: this channel works.',
      details: { vars: {} }, link: absoluteLink('/alerts', consoleUrl), firstAt: at, lastAt: at, count: 1,
    },
    console: consoleUrl,
  };
}

export type Rendered = { title: string; lines: string[]; link: string };

/** Title and text lines in a language; the alert's sentence is rendered again from its numbers. */
export function renderPayload(p: NotifyPayload, locale: Locale): Rendered {
  const t = translator(locale);
  const a = p.alert;
  if (p.event === 'test') return { title: t('alerts.notify.testTitle'), lines: [t('alerts.notify.testBody')], link: a.link };
  const summary = renderSummary(t, a.rule, a.details);
  const event = t(`alerts.notify.event.${p.event === 'alert.opened' ? 'opened' : p.event === 'alert.resolved' ? 'resolved' : 'contained'}`);
  const title = `[${t(`alerts.severity.${a.severity as 'info' | 'warning' | 'critical'}`)}] ${a.host}: ${ruleName(t, a.rule)} — ${event}`;
  const lines = [summary, t('alerts.notify.seen', { count: a.count, first: a.firstAt, last: a.lastAt })];
  const c = a.containment;
  if (c) {
    lines.push(t('alerts.notify.containment', { user: c.user, held: c.held, blocked: c.blocked ? t('alerts.yes') : t('alerts.no'), enforced: c.enforced }));
  }
  return { title, lines, link: a.link };
}

/** DingTalk and WeCom robots: markdown (their subset has no escapes, so text goes in as it is, one line each). */
export function markdownText(r: Rendered): string {
  const flat = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  const link = /^https?:\/\//.test(r.link) ? `[${r.link}](${r.link})` : r.link;
  return `### ${flat(r.title)}\n\n${r.lines.map((l) => `- ${flat(l)}`).join('\n')}\n\n${link}`;
}
