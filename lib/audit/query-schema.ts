import { z } from 'zod';

export const auditQuerySchema = z.object({
  actor: z.string().trim().max(255).optional(),
  action: z.string().trim().max(64).optional(),
  host: z.string().trim().max(64).optional(),
  target: z.string().trim().max(255).optional(),
  ok: z.enum(['true', 'false']).optional(),
  from: z.iso.datetime({ local: true, offset: true }).optional(),
  to: z.iso.datetime({ local: true, offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
