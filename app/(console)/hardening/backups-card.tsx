'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import type { RollbackResult } from '@/lib/hardening/apply-types';
import type { BackupRow } from '@/lib/hardening/backups';
import { fixMessage } from '@/lib/hardening/messages';
import type { FixId } from '@/lib/hardening/types';
import { hostPath } from '@/lib/hosts/keys';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';
import { Banner, StepList } from './hardening-ui';

// `asking` (the backup whose rollback awaits confirmation) is lifted so the
// interrupted-apply banner can open the same confirmation.
type Props = { host: string; backups: BackupRow[]; onChanged: () => void; asking: string | null; setAsking: (id: string | null) => void };

// The backups mw-config keeps on the host, each with the apply or rollback
// (from the audit log) that took it; any of them can be restored.
const SHOWN = 5;

export function BackupsCard({ host, backups, onChanged, asking, setAsking }: Props) {
  const { t, f } = useT();
  const [all, setAll] = useState(false);
  // The one awaiting confirmation stays visible even when it is an old one.
  const shown = all ? backups : backups.filter((b, i) => i < SHOWN || b.id === asking);
  const rollback = useMutation({
    mutationFn: async (backupId: string) => {
      try {
        return await fetchJson<RollbackResult>(hostPath(host, '/hardening/rollback'), { method: 'POST', json: { backupId } });
      } catch (err) {
        if (err instanceof ApiError && err.details && typeof err.details === 'object' && 'steps' in err.details) return err.details as RollbackResult;
        throw err;
      }
    },
    onSettled: () => {
      setAsking(null);
      onChanged();
    },
  });
  const madeBy = (b: BackupRow) => {
    const m = b.madeBy;
    if (!m) return <span className="text-slate-400">{t('hardening.backups.unknown')}</span>;
    const text =
      m.action === 'hardening.rollback'
        ? t('hardening.backups.rollback', { actor: m.actor, restored: m.restored ?? '?' })
        : t('hardening.backups.apply', { actor: m.actor, fixes: m.fixes.map((f) => t(fixMessage(f as FixId))).join(', ') });
    return (
      <span>
        {text} <span className={m.ok ? 'text-emerald-700' : 'text-red-700'}>({m.ok ? t('hardening.backups.ok') : t('hardening.backups.failed')})</span>
      </span>
    );
  };

  return (
    <section id="backups">
      <Card title={t('hardening.backups.title')}>
        <p className="mb-3 text-sm text-slate-500">{t('hardening.backups.hint', { dir: 'mailwarden-backups/' })}</p>
        {rollback.data && (
          <div className="mb-4 space-y-3" data-testid="rollback-result" data-ok={rollback.data.ok}>
            <Banner tone={rollback.data.ok ? 'ok' : 'danger'}>
              {rollback.data.ok
                ? t('hardening.rollback.done', { id: rollback.data.restored, backup: rollback.data.backupId })
                : (rollback.data.failed?.detail ?? '')}
            </Banner>
            <StepList steps={rollback.data.steps} />
          </div>
        )}
        {rollback.isError && <Banner tone="danger">{(rollback.error as Error).message}</Banner>}
        {backups.length === 0 ? (
          <p className="text-sm text-slate-500">{t('hardening.backups.empty')}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="backups">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="pb-2 pr-4 font-medium">{t('hardening.backups.col.id')}</th>
                <th className="pb-2 pr-4 font-medium">{t('hardening.backups.col.madeBy')}</th>
                <th className="pb-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((b) => (
                <tr key={b.id} data-testid="backup" data-backup={b.id} className="align-top">
                  <td className="py-2 pr-4">
                    <code className="font-mono text-xs">{b.id}</code>
                    <div className="text-xs text-slate-400">{f.dateTime(b.takenAt)}</div>
                  </td>
                  <td className="py-2 pr-4">{madeBy(b)}</td>
                  <td className="py-2 text-right">
                    {asking === b.id ? (
                      <div className="ml-auto max-w-sm space-y-2 text-left" data-testid="rollback-confirm">
                        <p className="text-xs text-slate-600">{t('hardening.rollback.confirm', { id: b.id, host })}</p>
                        <div className="flex gap-2">
                          <Button kind="destructive" nowrap disabled={rollback.isPending} onClick={() => rollback.mutate(b.id)}>
                            {t('hardening.rollback')}
                          </Button>
                          <Button nowrap onClick={() => setAsking(null)}>
                            {t('hardening.apply.cancel')}
                          </Button>
                        </div>
                      </div>
                    ) : (
                      <Button nowrap disabled={rollback.isPending} onClick={() => setAsking(b.id)}>
                        {t('hardening.rollback')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {backups.length > SHOWN && (
          <button type="button" className="mt-3 text-sm font-medium text-brand-600 hover:text-brand-700" onClick={() => setAll(!all)}>
            {all ? t('hardening.backups.less') : t('hardening.backups.more', { count: backups.length })}
          </button>
        )}
      </Card>
    </section>
  );
}
