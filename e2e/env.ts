import { z } from 'zod';

// The e2e environment, validated; refuses to run against anything but loopback.
const schema = z.object({
  E2E_PORT: z.coerce.number().int().default(3100),
});

export const e2eEnv = schema.parse(process.env);
export const baseURL = `http://127.0.0.1:${e2eEnv.E2E_PORT}`;

export const ADMIN = { username: 'root@extmail.org', password: 'extmail*123*' };
export const POSTMASTER = { username: 'pm@example.com', password: 'postmaster*123*' };

export function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error(`e2e refuses to run against ${host}`);
}
