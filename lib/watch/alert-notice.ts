import 'server-only';
import { translator, type Locale } from '@/lib/i18n/translate';
import { enqueueDelivery } from '@/lib/notify/outbox';
import { absoluteLink, renderPayload as renderAny, type NotifyEvent, type NotifyPayload, type Rendered } from '@/lib/notify/payload';
import type { AlertView, ContainmentView } from './alert-view';
import { renderSummary, ruleName, type AlertDetails } from './summary';

// Watch decides, notify sends: what an alert's notification carries and how
// it reads in a channel's language is decided here; lib/notify queues, retries
// and delivers it without knowing what an alert is.

export function buildPayload(event: NotifyEvent, a: AlertView, consoleUrl: string | null): NotifyPayload {
  return {
    event,
    alert: {
      id: a.id,
      host: a.host,
      rule: a.rule,
      key: a.key,
      severity: a.severity,
      summary: a.summary,
      details: a.details,
      link: absoluteLink(a.link, consoleUrl),
      firstAt: a.firstAt,
      lastAt: a.lastAt,
      count: a.count,
      ...(a.containment ? { containment: a.containment } : {}),
    },
    console: consoleUrl,
  };
}

/** An alert event as title and lines; the alert's sentence is rendered again from its numbers. */
export function renderAlert(p: NotifyPayload, locale: Locale): Rendered {
  const t = translator(locale);
  const a = p.alert;
  const summary = renderSummary(t, a.rule, a.details as AlertDetails);
  const event = t(`alerts.notify.event.${p.event === 'alert.opened' ? 'opened' : p.event === 'alert.resolved' ? 'resolved' : 'contained'}`);
  const title = `[${t(`alerts.severity.${a.severity as 'info' | 'warning' | 'critical'}`)}] ${a.host}: ${ruleName(t, a.rule)} — ${event}`;
  const lines = [summary, t('alerts.notify.seen', { count: a.count, first: a.firstAt, last: a.lastAt })];
  const c = a.containment as ContainmentView | undefined;
  if (c) {
    lines.push(t('alerts.notify.containment', { user: c.user, held: c.held, blocked: c.blocked ? t('alerts.yes') : t('alerts.no'), enforced: c.enforced }));
  }
  return { title, lines, link: a.link };
}

/** Any payload (alert or test) in a language. */
export const renderPayload = (p: NotifyPayload, locale: Locale): Rendered => renderAny(p, locale, renderAlert);

/** Queues the event for every enabled channel the alert's severity reaches; returns how many. */
export function enqueueAlert(event: Exclude<NotifyEvent, 'test'>, alert: AlertView, consoleUrl: string | null): Promise<number> {
  return enqueueDelivery({ event, alertId: alert.id, severity: alert.severity, payload: buildPayload(event, alert, consoleUrl) });
}
