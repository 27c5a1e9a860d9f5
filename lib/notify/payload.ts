import { translator, type Locale } from '@/lib/i18n/translate';

// What every channel sends, built once per event. The webhook gets this JSON
// as it is (the shape is documented on the page and in the OpenAPI
// description); robots and e-mail get it rendered as text in the channel's
// language. Notify only carries and sends it: watch builds an alert's payload
// and says how it reads (lib/watch/alert-notice.ts), passed in as a renderer.

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
    /** The rule's numbers, as watch recorded them; only watch's renderer reads them. */
    details: unknown;
    link: string;
    firstAt: string;
    lastAt: string;
    count: number;
    containment?: unknown;
  };
  console: string | null;
};

export type Rendered = { title: string; lines: string[]; link: string };
/** How an alert event reads in a language (watch's part). */
export type AlertRenderer = (p: NotifyPayload, locale: Locale) => Rendered;

/** An absolute link for a notification; the relative one when the console's address is unknown. */
export function absoluteLink(link: string, baseUrl: string | null): string {
  if (!baseUrl) return link;
  return `${baseUrl.replace(/\/+$/, '')}${link}`;
}

export function testPayload(consoleUrl: string | null, now = new Date()): NotifyPayload {
  const at = now.toISOString();
  return {
    event: 'test',
    alert: {
      id: '0',
      host: '-',
      rule: 'test',
      key: '',
      severity: 'info',
      summary: 'Test notification from Mailwarden: this channel works.',
      details: { vars: {} },
      link: absoluteLink('/alerts', consoleUrl),
      firstAt: at,
      lastAt: at,
      count: 1,
    },
    console: consoleUrl,
  };
}

/** Title and text lines in a language: the test event here, alert events by the renderer given. */
export function renderPayload(p: NotifyPayload, locale: Locale, renderAlert: AlertRenderer): Rendered {
  if (p.event !== 'test') return renderAlert(p, locale);
  const t = translator(locale);
  return { title: t('alerts.notify.testTitle'), lines: [t('alerts.notify.testBody')], link: p.alert.link };
}

/** Only test events: what the channel test button sends. */
export const noAlertRenderer: AlertRenderer = (p) => {
  throw new Error(`no renderer for ${p.event}`);
};

/** DingTalk and WeCom robots: markdown (their subset has no escapes, so text goes in as it is, one line each). */
export function markdownText(r: Rendered): string {
  const flat = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  const link = /^https?:\/\//.test(r.link) ? `[${r.link}](${r.link})` : r.link;
  return `### ${flat(r.title)}\n\n${r.lines.map((l) => `- ${flat(l)}`).join('\n')}\n\n${link}`;
}
