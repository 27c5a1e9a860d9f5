'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { respondHref } from '@/lib/incident/keys';
import type { SendingResult } from '@/lib/mailboxes/schemas';

// Contain blocks a login in Mailwarden's access map on its host, beside
// extman's flag. This says what an unblock did to that block, and where it
// still holds (a postmaster's unblock leaves it to an administrator).

export function MapBlocksNote({ username, result }: { username: string; result: Pick<SendingResult, 'mapBlocks' | 'lifted'> }) {
  const { t } = useT();
  const lifted = result.lifted.filter((l) => l.ok).map((l) => l.host);
  const failed = result.lifted.filter((l) => !l.ok);
  if (!lifted.length && !failed.length && !result.mapBlocks.length) return null;
  return (
    <div className="space-y-1" data-testid="map-blocks">
      {lifted.length > 0 && (
        <p className="text-slate-700" role="status">
          {t('mailboxes.sending.mapLifted', { hosts: lifted.join(', ') })}
        </p>
      )}
      {failed.map((f) => (
        <p key={f.host} role="alert" className="text-red-700">
          {t('mailboxes.sending.mapLiftFailed', { host: f.host, error: f.error ?? '' })}
        </p>
      ))}
      {result.mapBlocks.length > 0 && (
        <p className="text-amber-800" data-testid="map-blocked">
          {t('mailboxes.sending.mapBlocked', { hosts: result.mapBlocks.join(', ') })}{' '}
          {result.mapBlocks.map((host) => (
            <Link key={host} href={respondHref(username, host)} className="font-medium underline">
              {t('mailboxes.sending.mapBlockedLink', { host })}
            </Link>
          ))}
        </p>
      )}
    </div>
  );
}
