import { createHmac } from 'node:crypto';
import type { Locale } from '@/lib/i18n/translate';
import type { ChannelConfig } from './channel-schema';
import { buildEmail } from './email-message';
import { renderPayload, type AlertRenderer, type NotifyPayload } from './payload';
import { dingtalkBody, dingtalkSignedUrl, robotError, wecomBody } from './robots';
import { sendMail } from './smtp-send';

// One delivery attempt to one channel. Errors name the channel's host and
// what went wrong, never a URL (robot URLs carry tokens) or a secret.

const HTTP_TIMEOUT_MS = 10_000;

export class DeliveryError extends Error {}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured URL';
  }
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Mailwarden-Alerts/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    return { status: res.status, text: (await res.text()).slice(0, 2000) };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${HTTP_TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new DeliveryError(`POST to ${hostOf(url)} failed: ${why}`);
  }
}

/** `X-Mailwarden-Signature: sha256=<hex HMAC of the body>` lets a receiver check the sender. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export async function deliver(channel: ChannelConfig & { language: Locale }, payload: NotifyPayload, renderAlert: AlertRenderer): Promise<void> {
  switch (channel.type) {
    case 'webhook': {
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = { 'x-mailwarden-event': payload.event };
      if (channel.config.secret) headers['x-mailwarden-signature'] = webhookSignature(channel.config.secret, body);
      const res = await post(channel.config.url, body, headers);
      if (res.status < 200 || res.status >= 300) throw new DeliveryError(`${hostOf(channel.config.url)} answered HTTP ${res.status}`);
      return;
    }
    case 'dingtalk': {
      const url = dingtalkSignedUrl(channel.config.url, channel.config.secret);
      const res = await post(url, JSON.stringify(dingtalkBody(renderPayload(payload, channel.language, renderAlert))));
      const err = robotError(res.status, res.text);
      if (err) throw new DeliveryError(`DingTalk (${hostOf(url)}): ${err}`);
      return;
    }
    case 'wecom': {
      const res = await post(channel.config.url, JSON.stringify(wecomBody(renderPayload(payload, channel.language, renderAlert))));
      const err = robotError(res.status, res.text);
      if (err) throw new DeliveryError(`WeCom (${hostOf(channel.config.url)}): ${err}`);
      return;
    }
    case 'email': {
      const r = renderPayload(payload, channel.language, renderAlert);
      const cfg = channel.config;
      const message = await buildEmail({ from: cfg.from, to: cfg.to, subject: `[Mailwarden] ${r.title}`, text: `${r.lines.join('\n\n')}\n\n${r.link}\n` });
      try {
        await sendMail(
          {
            host: cfg.host,
            port: cfg.port,
            security: cfg.security,
            allowInvalidCertificate: cfg.allowInvalidCertificate,
            username: cfg.username,
            password: cfg.password,
          },
          { from: cfg.from, to: cfg.to },
          message,
        );
      } catch (err) {
        throw new DeliveryError(`SMTP relay ${cfg.host}:${cfg.port}: ${(err as Error).message}`);
      }
      return;
    }
  }
}
