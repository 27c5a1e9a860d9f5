import { z } from 'zod';
import { intString } from '@/lib/zod/strict';

export const auditQuerySchema = z.strictObject({
  actor: z.string().trim().max(255).optional(),
  action: z.string().trim().max(64).optional(),
  host: z.string().trim().max(64).optional(),
  target: z.string().trim().max(255).optional(),
  ok: z.enum(['true', 'false']).optional(),
  from: z.iso.datetime({ local: true, offset: true }).optional(),
  to: z.iso.datetime({ local: true, offset: true }).optional(),
  page: intString(1, 100_000).default(1),
  pageSize: intString(1, 500).default(50),
  format: z.enum(['json', 'csv']).default('json'),
  // ?download: the JSON answer as a file (the value is not read).
  download: z.enum(['', '1']).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
