// GET /api/hosts/{host}/queue/{queueId} — one queued message: envelope, recipients with delay reasons, headers, text body, attachments, raw postcat.
import { withAuth } from '@/lib/api/with-auth';
import { registeredHost } from '@/lib/hosts/registered';
import { loadMessage } from '@/lib/queue/message';
import { messageIdParamSchema } from '@/lib/queue/schemas';

type P = { host: string; queueId: string };

export const GET = withAuth<P>(async ({ params, principal, audit }) => {
  const id = messageIdParamSchema.parse(params.queueId);
  const host = await registeredHost(params.host);
  const message = await loadMessage(host, id, principal);
  await audit({ action: 'queue.view', target: id, host, result: { sender: message.sender, saslUser: message.saslUser }, ok: true });
  return Response.json({ message });
});
