import { z } from 'zod';

// One schema per request of the weak-password API, shared by the routes,
// the page and the OpenAPI description.

export const sweepStartSchema = z.strictObject({ resume: z.boolean().default(false) });
export const ACTIONS = ['reset', 'require-change'] as const;
export type WeakAction = (typeof ACTIONS)[number];
const usernames = z
  .array(
    z
      .string()
      .min(3)
      .max(255)
      .regex(/^[^\s@]+@[^\s@]+$/),
  )
  .min(1)
  .max(1000);
export const previewSchema = z.strictObject({ action: z.enum(ACTIONS), usernames });
/** expectCount: the count the preview showed; another count now is a 409, nothing done. */
export const applySchema = z.strictObject({ action: z.enum(ACTIONS), usernames, expectCount: z.number().int().min(1).max(1000) });

export type FlagView = {
  username: string;
  domain: string;
  finding: { source: 'pattern'; pattern: string } | { source: 'common'; rank: number } | { source: 'console-list' } | null;
  clearpwd: boolean;
  plainStored: boolean;
  scheme: string;
  foundAt: string;
  checkedAt: string;
  action: 'reset' | 'change-required' | null;
  actionBy: string | null;
  actionAt: string | null;
  /** The stored value differs from the one the sweep judged (the user or someone changed it). */
  changedSince: boolean;
};

export type SweepView = {
  id: string;
  status: 'running' | 'cancelling' | 'cancelled' | 'done' | 'failed' | 'interrupted';
  actor: string;
  total: number;
  done: number;
  flagged: number;
  untestable: number;
  candidates: number;
  error: string | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  elapsedMs: number;
};

export type WeakPasswordsView = { sweep: SweepView | null; flags: FlagView[] };
export type PreviewResult = { action: WeakAction; count: number; usernames: string[]; skipped: string[] };
export type ApplyResult = {
  action: WeakAction;
  results: { username: string; ok: boolean; password?: string; error?: string; enforced?: boolean | null; userCannotChange?: boolean }[];
};
