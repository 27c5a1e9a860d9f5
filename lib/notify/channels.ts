import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { isLocale, type Locale } from '@/lib/i18n/translate';
import { seal, unseal } from '@/lib/secrets/seal';
import {
  CONFIG_SCHEMAS,
  mergeConfig,
  publicConfig,
  type ChannelConfig,
  type ChannelCreate,
  type ChannelPatch,
  type ChannelType,
  type PublicConfig,
} from './channel-schema';

// Channels in mw_notify_channel: the full configuration sealed with
// MW_SECRET_KEY, a masked copy beside it for the page. Only lib/notify
// unseals, and only to send.

export type ChannelView = {
  id: number;
  name: string;
  type: ChannelType;
  enabled: boolean;
  minSeverity: string;
  language: Locale;
  config: PublicConfig;
  createdAt: string;
  updatedAt: string;
};

export type FullChannel = ChannelConfig & { id: number; name: string; enabled: boolean; minSeverity: string; language: Locale };

type Row = Awaited<ReturnType<ReturnType<typeof db>['mwNotifyChannel']['findMany']>>[number];

const key = () => env().MW_SECRET_KEY;
const asType = (t: string): ChannelType => (t in CONFIG_SCHEMAS ? (t as ChannelType) : 'webhook');

function view(r: Row): ChannelView {
  return {
    id: r.id,
    name: r.name,
    type: asType(r.type),
    enabled: r.enabled,
    minSeverity: r.minSeverity,
    language: isLocale(r.language) ? r.language : 'en',
    config: (r.config ?? {}) as PublicConfig,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function full(r: Row): FullChannel {
  const type = asType(r.type);
  const config = CONFIG_SCHEMAS[type].parse(JSON.parse(unseal(r.secretSealed, key())));
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    minSeverity: r.minSeverity,
    language: isLocale(r.language) ? r.language : 'en',
    type,
    config,
  } as FullChannel;
}

export async function listChannels(): Promise<ChannelView[]> {
  return (await db().mwNotifyChannel.findMany({ orderBy: { id: 'asc' } })).map(view);
}

export async function getChannel(id: number): Promise<ChannelView | null> {
  const row = await db().mwNotifyChannel.findUnique({ where: { id } });
  return row ? view(row) : null;
}

/** With secrets, for sending; null when the channel is gone or its seal cannot be opened. */
export async function loadFullChannel(id: number): Promise<FullChannel | null> {
  const row = await db().mwNotifyChannel.findUnique({ where: { id } });
  if (!row) return null;
  return full(row);
}

export async function enabledChannelIds(): Promise<{ id: number; minSeverity: string }[]> {
  return db().mwNotifyChannel.findMany({ where: { enabled: true }, select: { id: true, minSeverity: true } });
}

export async function createChannel(input: ChannelCreate): Promise<ChannelView> {
  const c = { type: input.type, config: input.config } as ChannelConfig;
  const row = await db().mwNotifyChannel.create({
    data: {
      name: input.name,
      type: input.type,
      enabled: input.enabled,
      minSeverity: input.minSeverity,
      language: input.language,
      config: publicConfig(c),
      secretSealed: seal(JSON.stringify(input.config), key()),
    },
  });
  return view(row);
}

export async function updateChannel(id: number, patch: ChannelPatch): Promise<ChannelView | null> {
  const row = await db().mwNotifyChannel.findUnique({ where: { id } });
  if (!row) return null;
  const data: Record<string, unknown> = {};
  for (const k of ['name', 'enabled', 'minSeverity', 'language'] as const) if (patch[k] !== undefined) data[k] = patch[k];
  if (patch.config) {
    const type = asType(row.type);
    const stored = full(row).config as Record<string, unknown>;
    const config = mergeConfig(type, stored, patch.config);
    data.config = publicConfig({ type, config } as ChannelConfig);
    data.secretSealed = seal(JSON.stringify(config), key());
  }
  return view(await db().mwNotifyChannel.update({ where: { id }, data }));
}

export async function deleteChannel(id: number): Promise<boolean> {
  const res = await db().mwNotifyChannel.deleteMany({ where: { id } });
  await db().mwNotifyDelivery.deleteMany({ where: { channelId: id } });
  return res.count > 0;
}
