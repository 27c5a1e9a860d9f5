'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { buttonStyle } from '@/components/ui/button';
import type { BackscatterPreview, QuarantineResult, RestoreResult } from '@/lib/incident/backscatter';
import { incidentKeys, incidentPath } from '@/lib/incident/keys';
import type { IncidentDetail } from '@/lib/incident/types';
import { fetchJson } from '@/lib/query/fetch-json';
import { Confirm, errText, Outcome } from './incident-ui';

// The seed's `find cur/ -ctime -1 -exec rm -f {} \;`, as a preview (count,
// samples) and a move into a quarantine folder that one click undoes.

const HOUR = 3_600_000;
const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};
const size = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function BackscatterPanel({ host, detail, onDone }: { host: string; detail: IncidentDetail; onDone: () => void }) {
  const { t, f } = useT();
  const qc = useQueryClient();
  const user = detail.username;
  const path = incidentPath(user, '/backscatter', host);
  // From an hour before the abuse began (bounces trail the spam), else the seed's "last day".
  const [since, setSince] = useState(() => localInput((detail.suspect?.since ?? detail.log.firstLogin ?? Date.now() - 24 * HOUR) - HOUR));
  const sinceSec = Math.floor(new Date(since).getTime() / 1000);
  const preview = useQuery({
    queryKey: [...incidentKeys.of(host, user), 'backscatter', sinceSec],
    queryFn: () => fetchJson<BackscatterPreview>(path, { method: 'POST', json: { action: 'preview', since: sinceSec } }),
    enabled: Number.isFinite(sinceSec),
  });
  const [confirming, setConfirming] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: incidentKeys.of(host, user) });
  const quarantine = useMutation({
    mutationFn: () => fetchJson<QuarantineResult>(path, { method: 'POST', json: { action: 'quarantine', previewId: preview.data!.previewId } }),
    onSuccess: () => {
      setConfirming(false);
      onDone();
      refresh();
    },
  });
  const undo = useMutation({
    mutationFn: (quarantineId: string) => fetchJson<RestoreResult>(path, { method: 'POST', json: { action: 'undo', quarantineId } }),
    onSuccess: refresh,
  });
  const p = preview.data;
  const q = quarantine.data;
  const open = detail.quarantines.filter((x) => !x.restoredAt && x.id !== q?.quarantineId);
  return (
    <div className="rounded-lg border border-slate-200 p-4" data-testid="backscatter">
      <h3 className="font-semibold text-slate-800">{t('incident.clean.backscatterTitle', { maildir: p?.maildir ?? detail.mailbox.maildir })}</h3>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-xs text-slate-600">
          {t('incident.clean.since')}
          <input
            type="datetime-local"
            className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={since}
            onChange={(e) => setSince(e.target.value)}
          />
        </label>
        <button type="button" className={buttonStyle()} disabled={preview.isFetching} onClick={() => void preview.refetch()}>
          {t('incident.clean.find')}
        </button>
      </div>
      {preview.isFetching && !p && <p className="mt-2 text-slate-500">{t('common.loading')}</p>}
      {preview.isError && <Outcome ok={false}>{errText(preview.error)}</Outcome>}
      {p && !q && (
        <div className="mt-3" data-testid="backscatter-preview" data-count={p.count}>
          <p className="text-slate-700">
            {p.count ? t('incident.clean.found', { count: f.number(p.count), size: size(p.bytes), scanned: f.number(p.scanned) }) : t('incident.clean.none')}
          </p>
          {p.samples.length > 0 && (
            <table className="mt-2 w-full text-left text-xs">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1 pr-3 font-medium">{t('incident.clean.col.time')}</th>
                  <th className="py-1 pr-3 font-medium">{t('incident.clean.col.subject')}</th>
                  <th className="py-1 font-medium">{t('incident.clean.col.why')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {p.samples.slice(0, 8).map((m) => (
                  <tr key={m.name}>
                    <td className="py-1 pr-3 font-mono whitespace-nowrap text-slate-500">
                      <time dateTime={new Date(m.mtime * 1000).toISOString()}>{f.dateTime(m.mtime * 1000)}</time>
                    </td>
                    <td className="py-1 pr-3 text-slate-800">{m.subject || '—'}</td>
                    <td className="py-1 text-slate-500">{t(`incident.clean.why.${m.why}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.count > 0 && (
            <button
              type="button"
              className={`mt-3 ${buttonStyle('primary', { size: 'lg' })}`}
              disabled={quarantine.isPending}
              onClick={() => setConfirming(true)}
              data-testid="quarantine"
            >
              {t('incident.clean.quarantine', { count: f.number(p.count) })}
            </button>
          )}
          {confirming && (
            <Confirm
              text={t('incident.clean.quarantineConfirm', { count: f.number(p.count) })}
              yes={t('incident.clean.quarantineYes')}
              busy={quarantine.isPending}
              onYes={() => quarantine.mutate()}
              onNo={() => setConfirming(false)}
              testid="quarantine-confirm"
            />
          )}
        </div>
      )}
      {quarantine.isError && <Outcome ok={false}>{errText(quarantine.error)}</Outcome>}
      {q && (
        <div data-testid="quarantine-result" data-moved={q.moved} data-id={q.quarantineId}>
          <Outcome ok={q.error === null}>
            {q.error
              ? t('incident.clean.partial', { moved: q.moved, requested: q.requested, message: q.error })
              : t('incident.clean.moved', { moved: f.number(q.moved), folder: q.folder })}
            {q.gone > 0 && ` ${t('incident.clean.gone', { gone: q.gone })}`}
          </Outcome>
          {!undo.data && (
            <button
              type="button"
              className={`mt-2 ${buttonStyle()}`}
              disabled={undo.isPending}
              onClick={() => undo.mutate(q.quarantineId)}
              data-testid="undo-quarantine"
            >
              {t('incident.clean.undo')}
            </button>
          )}
        </div>
      )}
      {open.map((x) => (
        <div key={x.id} className="mt-2 flex items-center gap-3 text-xs text-slate-600">
          <span>{t('incident.clean.moved', { moved: x.moved - x.restored, folder: x.folder })}</span>
          <button type="button" className={buttonStyle()} disabled={undo.isPending} onClick={() => undo.mutate(x.id)}>
            {t('incident.clean.undo')}
          </button>
        </div>
      ))}
      {undo.isError && <Outcome ok={false}>{errText(undo.error)}</Outcome>}
      {undo.data && (
        <Outcome ok={undo.data.error === null} testid="undo-result">
          {t('incident.clean.restored', { restored: undo.data.restored })}
          {undo.data.exists > 0 && ` ${t('incident.clean.restoreExists', { exists: undo.data.exists })}`}
          {undo.data.error && ` ${undo.data.error}`}
        </Outcome>
      )}
    </div>
  );
}
