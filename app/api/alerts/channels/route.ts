// GET  /api/alerts/channels — notification channels (secrets masked) and the latest deliveries with their errors.
// POST /api/alerts/channels — add a webhook, e-mail, DingTalk or WeCom channel.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { channelCreateSchema } from '@/lib/notify/channel-schema';
import { createChannel, listChannels } from '@/lib/notify/channels';
import { listDeliveries } from '@/lib/notify/outbox';

export const GET = withAuth(async () => Response.json({ channels: await listChannels(), deliveries: await listDeliveries(50) }), { role: 'admin' });

export const POST = withAuth(
  async ({ req, audit }) => {
    const input = channelCreateSchema.parse(await jsonBody(req));
    const channel = await createChannel(input);
    await audit({
      action: 'notify.channel.create',
      target: channel.name,
      params: { type: channel.type, config: channel.config, minSeverity: channel.minSeverity },
      result: { id: channel.id },
      ok: true,
    });
    return Response.json({ channel }, { status: 201 });
  },
  { role: 'admin' },
);
