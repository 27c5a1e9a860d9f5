import { z } from 'zod';
import { SEVERITIES } from './severity';

// Notification channels: what an admin configures, shared by the API and the
// form. Secrets (webhook signing secret, SMTP password, robot secrets and the
// tokens inside robot URLs) are sealed at rest and never come back.

export const CHANNEL_TYPES = ['webhook', 'email', 'dingtalk', 'wecom'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);
const secret = z.string().trim().max(512).optional();
const HOSTNAME_RE =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\d{1,3}(?:\.\d{1,3}){3}$/;
// Header injection is impossible by construction: addresses are validated here.
const address = z.email({ error: 'must be an e-mail address' }).max(254);

export const webhookConfigSchema = z.strictObject({ url: httpUrl, secret });
export const emailConfigSchema = z.strictObject({
  host: z.string().trim().regex(HOSTNAME_RE, 'must be a host name or IPv4 address'),
  port: z.number().int().min(1).max(65535).default(587),
  security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
  allowInvalidCertificate: z.boolean().default(false),
  username: z.string().trim().max(255).optional(),
  password: z.string().max(512).optional(),
  from: address,
  to: z.array(address).min(1, 'name at least one recipient').max(20),
});
export const dingtalkConfigSchema = z.strictObject({ url: httpUrl, secret });
export const wecomConfigSchema = z.strictObject({ url: httpUrl });

export const CONFIG_SCHEMAS = {
  webhook: webhookConfigSchema,
  email: emailConfigSchema,
  dingtalk: dingtalkConfigSchema,
  wecom: wecomConfigSchema,
} as const;

export type WebhookConfig = z.infer<typeof webhookConfigSchema>;
export type EmailConfig = z.infer<typeof emailConfigSchema>;
export type DingtalkConfig = z.infer<typeof dingtalkConfigSchema>;
export type WecomConfig = z.infer<typeof wecomConfigSchema>;
export type ChannelConfig =
  | { type: 'webhook'; config: WebhookConfig }
  | { type: 'email'; config: EmailConfig }
  | { type: 'dingtalk'; config: DingtalkConfig }
  | { type: 'wecom'; config: WecomConfig };

const common = {
  name: z.string().trim().min(1, 'required').max(128),
  enabled: z.boolean().default(true),
  minSeverity: z.enum(SEVERITIES).default('warning'),
  language: z.enum(['en', 'zh']).default('en'),
};

export const channelCreateSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('webhook'), config: webhookConfigSchema }),
  z.strictObject({ ...common, type: z.literal('email'), config: emailConfigSchema }),
  z.strictObject({ ...common, type: z.literal('dingtalk'), config: dingtalkConfigSchema }),
  z.strictObject({ ...common, type: z.literal('wecom'), config: wecomConfigSchema }),
]);
export type ChannelCreate = z.infer<typeof channelCreateSchema>;

/** A change; config fields left out (or secrets left blank) keep their stored values. */
export const channelPatchSchema = z.strictObject({
  name: common.name.optional(),
  enabled: z.boolean().optional(),
  minSeverity: z.enum(SEVERITIES).optional(),
  language: z.enum(['en', 'zh']).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});
export type ChannelPatch = z.infer<typeof channelPatchSchema>;

const SECRET_FIELDS = new Set(['secret', 'password']);

/** Stored config + a patch: blank secrets keep the stored ones; then validated as a whole. */
export function mergeConfig(type: ChannelType, stored: Record<string, unknown>, patch: Record<string, unknown>): ChannelConfig['config'] {
  const merged: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(patch)) {
    if (SECRET_FIELDS.has(k) && (v === undefined || v === '')) continue;
    if (k === 'url' && typeof v === 'string' && v.includes('…')) continue; // the masked URL sent back unchanged
    merged[k] = v;
  }
  return CONFIG_SCHEMAS[type].parse(merged);
}

/** Origin and first path segment; anything after (tokens live there) is masked. */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const [first, ...rest] = u.pathname.split('/').filter(Boolean);
    return `${u.origin}${first ? `/${first}` : ''}${rest.length ? '/…' : ''}${u.search ? '?…' : ''}`;
  } catch {
    return '…';
  }
}

export type PublicConfig = Record<string, string | number | boolean | string[]>;

/** What the page may show of a channel's configuration. */
export function publicConfig(c: ChannelConfig): PublicConfig {
  switch (c.type) {
    case 'webhook':
      return { url: maskUrl(c.config.url), hasSecret: !!c.config.secret };
    case 'dingtalk':
      return { url: maskUrl(c.config.url), hasSecret: !!c.config.secret };
    case 'wecom':
      return { url: maskUrl(c.config.url) };
    case 'email': {
      const { password, username, ...rest } = c.config;
      return { ...rest, username: username ?? '', hasPassword: !!password };
    }
  }
}
