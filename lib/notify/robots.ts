import { createHmac } from 'node:crypto';
import { markdownText, type Rendered } from './payload';

// The two chat robots of Chinese teams. Both take `msgtype: markdown` and
// answer HTTP 200 with {errcode, errmsg}; errcode 0 is success.

/** A secured DingTalk robot wants `timestamp` (ms) and `sign` = base64(HMAC-SHA256(secret, "timestamp\nsecret")). */
export function dingtalkSignedUrl(url: string, secret: string | undefined, now = Date.now()): string {
  if (!secret) return url;
  const sign = createHmac('sha256', secret).update(`${now}\n${secret}`, 'utf8').digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(now));
  u.searchParams.set('sign', sign);
  return u.toString();
}

export function dingtalkBody(r: Rendered): object {
  return { msgtype: 'markdown', markdown: { title: r.title.slice(0, 100), text: markdownText(r) } };
}

// WeCom refuses markdown content over 4096 bytes.
const WECOM_MAX_BYTES = 4096;

export function wecomBody(r: Rendered): object {
  let content = markdownText(r);
  while (Buffer.byteLength(content, 'utf8') > WECOM_MAX_BYTES) content = `${content.slice(0, Math.floor(content.length * 0.9))}…`;
  return { msgtype: 'markdown', markdown: { content } };
}

/** A robot's answer: HTTP 200 is not enough, the body's errcode must be 0. */
export function robotError(status: number, body: string): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
    if (parsed.errcode === 0 || parsed.errcode === undefined) return null;
    return `errcode ${String(parsed.errcode)}: ${String(parsed.errmsg ?? '').slice(0, 200)}`;
  } catch {
    return `unexpected answer: ${body.slice(0, 100)}`;
  }
}
