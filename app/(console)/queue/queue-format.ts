// Small display helpers shared by the queue list and the message page.

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "42s", "17m", "5h", "3d": how long a message has waited. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export function formatTime(epochSeconds: number | null): string {
  return epochSeconds ? new Date(epochSeconds * 1000).toLocaleString() : '—';
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
