// Retry timing for failed deliveries: 30 s, 1, 2, 4, 8, 16, 32 minutes, then
// give up (about an hour of trying). Pure, so the schedule is pinned by tests.

export const MAX_ATTEMPTS = 8;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/** After `attempts` failed tries: when to try again, or null when it is time to give up. */
export function nextRetryDelay(attempts: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}
