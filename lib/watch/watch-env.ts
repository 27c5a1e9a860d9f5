import 'server-only';
import { z } from 'zod';
import { minIntervalFromEnv } from './rules-schema';

// The watcher's own environment, read once: MW_WATCHER=off keeps it from
// starting (build machines, a read-only replica); MW_WATCH_MIN_INTERVAL_S
// lets tests sample every few seconds; MW_PUBLIC_URL is the console's address
// as the people who get the notifications reach it.

export type WatchEnv = { enabled: boolean; minIntervalSeconds: number; publicUrl: string | null };

const urlSchema = z.url({ protocol: /^https?$/ });

let cached: WatchEnv | undefined;

export function watchEnv(): WatchEnv {
  if (cached) return cached;
  const url = process.env.MW_PUBLIC_URL?.trim();
  const parsed = url ? urlSchema.safeParse(url) : undefined;
  if (parsed && !parsed.success) console.warn('[mailwarden] MW_PUBLIC_URL is not an http(s) URL; notification links stay relative');
  cached = {
    enabled: process.env.MW_WATCHER !== 'off',
    minIntervalSeconds: minIntervalFromEnv(process.env.MW_WATCH_MIN_INTERVAL_S),
    publicUrl: parsed?.success ? parsed.data.replace(/\/+$/, '') : null,
  };
  return cached;
}
