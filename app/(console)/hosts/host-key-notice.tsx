'use client';

import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import type { HostPublic } from '@/lib/hosts/list';
import { Fingerprint } from './hosts-ui';

// A host key waiting for the admin: first contact (amber) or a changed key
// (red, a possible man-in-the-middle). Accepting pins exactly the key shown.

export function HostKeyNotice({ host, onAccept, busy, error }: { host: HostPublic; onAccept: (fingerprint: string) => void; busy: boolean; error?: string }) {
  const { t } = useT();
  const pending = host.pendingHostKey;
  if (!pending || (host.keyState !== 'pending' && host.keyState !== 'changed')) return null;
  const changed = host.keyState === 'changed';
  const accept = () => {
    if (changed && !window.confirm(t('hosts.changed.confirm', { name: host.name }))) return;
    onAccept(pending);
  };
  return (
    <div
      role={changed ? 'alert' : 'status'}
      data-testid={`key-notice-${host.name}`}
      className={`rounded-lg border p-4 text-sm ${changed ? 'border-red-300 bg-red-50 text-red-900' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
    >
      <p className="font-semibold">{changed ? t('hosts.changed.title') : t('hosts.pending.title')}</p>
      {changed && host.hostKeySha256 && (
        <p className="mt-2">
          {t('hosts.changed.expected')} <Fingerprint value={host.hostKeySha256} />
        </p>
      )}
      <p className="mt-2">
        {changed ? t('hosts.changed.offered') : t('hosts.pending.offered')} <Fingerprint value={pending} testId={`pending-key-${host.name}`} />
      </p>
      <p className="mt-2">{changed ? t('hosts.changed.body') : t('hosts.pending.body')}</p>
      <p className="mt-1 font-mono text-xs opacity-80">ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</p>
      <div className="mt-3 flex items-center gap-3">
        <Button kind={changed ? 'danger' : 'primary'} disabled={busy} onClick={accept}>
          {changed ? t('hosts.changed.accept') : t('hosts.pending.accept')}
        </Button>
        {error && <span className="text-red-700">{error}</span>}
      </div>
    </div>
  );
}
