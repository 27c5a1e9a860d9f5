import { z } from 'zod';
import type { IncidentProgress } from './progress';

// An incident record as the API answers it, and the requests that change
// one; shared by the routes, the pages and the OpenAPI description.

export type IncidentStepEntry = {
  /** block, reset, hold, unblock, clean, harden, verify, reopen */
  step: string;
  at: string;
  actor: string;
  ok: boolean | null;
  summary: string;
};

export type IncidentRecord = {
  id: string;
  host: string;
  username: string;
  domain: string;
  state: 'open' | 'closed';
  openedBy: string;
  openedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  closeNote: string | null;
  steps: IncidentStepEntry[];
  hasReport: boolean;
  updatedAt: string;
  /** How far the response got, derived as the incident page derives it (null: closed before the audit window; absent: not asked). */
  progress?: IncidentProgress | null;
};

export const incidentListQuerySchema = z.strictObject({ state: z.enum(['open', 'closed']).optional() });

export const incidentIdSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'not an incident id');

export const incidentChangeSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('close'), note: z.string().trim().min(1, 'say why it is closed').max(2000) }),
  z.strictObject({ action: z.literal('reopen') }),
]);
export type IncidentChange = z.infer<typeof incidentChangeSchema>;

export const incidentRecordKeys = {
  all: ['incident-records'] as const,
  list: (state: string) => ['incident-records', 'list', state] as const,
};
