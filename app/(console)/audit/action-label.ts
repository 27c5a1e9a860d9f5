import type { MessageKey, Translate } from '@/lib/i18n/core';

/** An audit action in words ("queue.delete" → "Queued mail deleted"); an unknown one as it is. */
export function actionLabel(t: Translate, action: string): string {
  const key = `audit.action.${action}` as MessageKey;
  const text = t(key);
  return text === key ? action : text;
}
