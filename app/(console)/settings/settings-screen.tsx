'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { PageHeader } from '@/components/page-header';
import { fetchJson } from '@/lib/query/fetch-json';
import type { Settings } from '@/lib/settings-schema';

export function SettingsScreen({ initial }: { initial: Settings }) {
  const { t, f } = useT();
  const [settings, setSettings] = useState(initial);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  // Each change saves at once; the line under the form says so, and when.
  const save = useMutation({
    mutationFn: (patch: Partial<Settings>) => fetchJson<Settings>('/api/settings', { method: 'PATCH', json: patch }),
    onMutate: (patch) => setSettings((s) => ({ ...s, ...patch })),
    onSuccess: (next) => {
      setSettings(next);
      setSavedAt(Date.now());
    },
    onError: () => setSettings(settings),
  });
  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Card className="max-w-3xl">
        <div className="space-y-6">
          <label className="flex items-start gap-3">
            <input
              type="checkbox"
              className="mt-1 h-4 w-4"
              checked={settings.enforceManagerExpiry}
              onChange={(e) => save.mutate({ enforceManagerExpiry: e.target.checked })}
            />
            <span>
              <span className="block text-sm font-medium text-slate-800">{t('settings.expiry')}</span>
              <span className="block text-sm text-slate-500">{t('settings.expiryHelp')}</span>
            </span>
          </label>
          <label className="block">
            <span className="block text-sm font-medium text-slate-800">{t('settings.scheme')}</span>
            <select
              className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm sm:w-auto"
              value={settings.mailboxPasswordScheme}
              onChange={(e) => save.mutate({ mailboxPasswordScheme: e.target.value as Settings['mailboxPasswordScheme'] })}
            >
              <option value="md5-crypt">md5-crypt ($1$)</option>
              <option value="sha512-crypt">sha512-crypt ($6$)</option>
            </select>
            <span className="mt-1 block text-sm text-slate-500">{t('settings.schemeHelp')}</span>
          </label>
          <p role="status" aria-live="polite" className="min-h-5 text-sm" data-testid="settings-status">
            {save.isPending ? (
              <span className="text-slate-500">{t('settings.saving')}</span>
            ) : save.isSuccess && savedAt ? (
              <span className="text-emerald-700">✓ {t('settings.savedAt', { time: f.time(savedAt, true) })}</span>
            ) : null}
          </p>
          {save.error && (
            <p role="alert" className="text-sm text-red-700">
              {(save.error as Error).message}
            </p>
          )}
        </div>
      </Card>
    </>
  );
}
