// POST /api/alerts/channels/{id}/test — send a test notification now; answers whether it went through.
import { notFound } from '@/lib/errors';
import { withAuth } from '@/lib/api/with-auth';
import { getChannel } from '@/lib/notify/channels';
import { sendTest } from '@/lib/notify/outbox';
import { watchEnv } from '@/lib/watch/watch-env';
import { channelIdParam } from '@/lib/watch/schemas';

export const POST = withAuth<{ id: string }>(
  async ({ params, audit }) => {
    const id = channelIdParam(params.id);
    const channel = await getChannel(id);
    if (!channel) throw notFound('Channel');
    const out = await sendTest(id, watchEnv().publicUrl);
    await audit({ action: 'notify.channel.test', target: channel.name, params: { id }, result: out, ok: out.ok, error: out.error });
    return Response.json(out);
  },
  { role: 'admin' },
);
