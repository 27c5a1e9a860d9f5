// GET /api/settings — console-wide settings; PATCH — change them (administrators only).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { getSettings, settingsSchema, updateSettings } from '@/lib/settings';

export const GET = withAuth(async () => Response.json(await getSettings()), { role: 'admin' });

export const PATCH = withAuth(
  async ({ req, audit }) => {
    const patch = settingsSchema.partial().parse(await jsonBody(req));
    const before = await getSettings();
    const after = await updateSettings(patch);
    await audit({ action: 'settings.update', params: patch, preview: before, result: after, ok: true });
    return Response.json(after);
  },
  { role: 'admin' },
);
