// PATCH  /api/alerts/channels/{id} — change a channel (blank secrets keep the stored ones).
// DELETE /api/alerts/channels/{id} — remove a channel and its delivery history.
import { notFound } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { channelPatchSchema } from '@/lib/notify/channel-schema';
import { deleteChannel, getChannel, updateChannel } from '@/lib/notify/channels';
import { channelIdParam } from '@/lib/watch/schemas';

export const PATCH = withAuth<{ id: string }>(
  async ({ req, params, audit }) => {
    const id = channelIdParam(params.id);
    const patch = channelPatchSchema.parse(await jsonBody(req));
    const channel = await updateChannel(id, patch);
    if (!channel) throw notFound('Channel');
    const { config: _changed, ...rest } = patch;
    await audit({
      action: 'notify.channel.update',
      target: channel.name,
      params: { id, ...rest, configChanged: _changed !== undefined },
      result: { config: channel.config },
      ok: true,
    });
    return Response.json({ channel });
  },
  { role: 'admin' },
);

export const DELETE = withAuth<{ id: string }>(
  async ({ params, audit }) => {
    const id = channelIdParam(params.id);
    const channel = await getChannel(id);
    if (!channel || !(await deleteChannel(id))) throw notFound('Channel');
    await audit({ action: 'notify.channel.delete', target: channel.name, params: { id }, ok: true });
    return Response.json({ deleted: id });
  },
  { role: 'admin' },
);
