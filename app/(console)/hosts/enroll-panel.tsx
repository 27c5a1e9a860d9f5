'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import type { EnrollOffer } from '@/lib/hosts/enroll-offer';

// What the admin does on the mail host after adding it: one command as root,
// or the same script downloaded and read first. Then Test connection.

export function EnrollPanel({ host, offer }: { host: string; offer: EnrollOffer }) {
  const { t, f } = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!offer.command) return;
    await navigator.clipboard?.writeText(offer.command).catch(() => undefined);
    setCopied(true);
  };
  return (
    <section
      aria-label={t('hosts.enroll.title', { name: host })}
      data-testid="enroll-panel"
      className="rounded-lg border border-brand-200 bg-brand-50/60 p-4 text-sm text-slate-800"
    >
      <h3 className="font-semibold text-slate-900">{t('hosts.enroll.title', { name: host })}</h3>
      <ol className="mt-2 list-decimal space-y-3 pl-5">
        <li>
          {offer.command ? (
            <>
              <p>{t('hosts.enroll.runAsRoot')}</p>
              <div className="mt-1 flex flex-wrap items-start gap-2">
                <code
                  data-testid="enroll-command"
                  className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1.5 font-mono text-xs text-slate-900 ring-1 ring-slate-200"
                >
                  {offer.command}
                </code>
                <Button onClick={() => void copy()}>{copied ? t('hosts.enroll.copied') : t('hosts.enroll.copy')}</Button>
              </div>
              <p className="mt-1 text-xs text-slate-500">{t('hosts.enroll.expires', { at: f.dateTime(offer.expiresAt) })}</p>
            </>
          ) : (
            <p>{t('hosts.enroll.noOrigin')}</p>
          )}
          <p className="mt-2">
            {t('hosts.enroll.orDownload')}{' '}
            <a className="font-medium text-brand-700 underline" href={offer.scriptPath} download={offer.fileName} data-testid="enroll-download">
              {offer.fileName}
            </a>
          </p>
          <pre className="mt-1 overflow-x-auto rounded bg-white px-2 py-1.5 font-mono text-xs text-slate-700 ring-1 ring-slate-200">
            {`scp ${offer.fileName} root@<mail host>:\nssh root@<mail host> bash ${offer.fileName}          # --check, --uninstall`}
          </pre>
        </li>
        <li>{t('hosts.enroll.whatItDoes')}</li>
        <li>{t('hosts.enroll.thenTest')}</li>
      </ol>
    </section>
  );
}
