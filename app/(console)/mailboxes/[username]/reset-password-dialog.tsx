'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { fieldClass } from '@/components/ui/field';
import { checkPasswordStrength, MIN_PASSWORD_LENGTH, type PasswordReason } from '@/lib/auth/crypto/password-strength';
import type { MessageKey } from '@/lib/i18n/translate';
import { mailboxKeys, mailboxPath } from '@/lib/mailboxes/keys';
import type { PasswordResetInput, PasswordResetResult } from '@/lib/mailboxes/schemas';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';

// Generate (shown once) or type (checked as you type, and again by the
// server). The generated password lives only in this component's state and
// is gone when the dialog closes.

const reasonKey = (r: PasswordReason) => `mailboxes.reason.${r.slice('password.'.length)}` as MessageKey;

export function ResetPasswordDialog({ username, onClose }: { username: string; onClose: () => void }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'generate' | 'type'>('generate');
  const [typed, setTyped] = useState('');
  const [copied, setCopied] = useState(false);
  const shownRef = useRef<HTMLInputElement>(null);
  const strength = checkPasswordStrength(typed, { username });
  const reset = useMutation({
    mutationFn: (input: PasswordResetInput) => fetchJson<PasswordResetResult>(mailboxPath(username, '/password'), { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailboxKeys.detail(username) }),
  });
  const done = reset.data;
  const formId = useId();

  const copy = async () => {
    if (!done?.password) return;
    try {
      await navigator.clipboard.writeText(done.password);
      setCopied(true);
    } catch {
      // No clipboard (insecure context): select it for a manual copy.
      shownRef.current?.select();
    }
  };
  const serverReasons = reset.error instanceof ApiError ? ((reset.error.details as { reasons?: PasswordReason[] } | undefined)?.reasons ?? []) : [];

  // The form's buttons sit in the dialog's footer (in reach on a phone) and submit it by its id.
  const footer = done ? (
    <Button kind="primary" onClick={onClose}>
      {t('mailboxes.reset.close')}
    </Button>
  ) : (
    <>
      <Button onClick={onClose} disabled={reset.isPending} data-testid="reset-cancel">
        {t('mailboxes.reset.cancel')}
      </Button>
      <Button kind="primary" type="submit" form={formId} disabled={reset.isPending || (mode === 'type' && !strength.ok)}>
        {reset.isPending ? t('mailboxes.reset.submitting') : t('mailboxes.reset.submit')}
      </Button>
    </>
  );

  return (
    <Dialog title={t('mailboxes.reset.title', { username })} onClose={onClose} busy={reset.isPending} footer={footer}>
      {done ? (
        <div className="mt-4 space-y-3 text-sm" data-testid="reset-done">
          <p className="text-emerald-700">{t('mailboxes.reset.done', { scheme: done.scheme })}</p>
          {done.password && (
            <>
              <div className="flex gap-2">
                <input
                  ref={shownRef}
                  readOnly
                  aria-label={t('mailboxes.reset.password')}
                  data-testid="new-password"
                  value={done.password}
                  className={`${fieldClass} flex-1 font-mono`}
                  onFocus={(e) => e.target.select()}
                />
                <Button onClick={copy}>{copied ? t('mailboxes.reset.copied') : t('mailboxes.reset.copy')}</Button>
              </div>
              <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
                {t('mailboxes.reset.shownOnce')}
              </p>
            </>
          )}
          {done.clearpwdErased && (
            <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-slate-700" data-testid="clearpwd-erased">
              {t('mailboxes.reset.clearpwdErased')}
            </p>
          )}
          <p className="text-slate-500">{t('mailboxes.reset.sessionsNote')}</p>
        </div>
      ) : (
        <form
          id={formId}
          className="mt-4 space-y-4 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            reset.mutate(mode === 'generate' ? { generate: true } : { password: typed });
          }}
        >
          <fieldset className="space-y-2">
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === 'generate'} onChange={() => setMode('generate')} />
              {t('mailboxes.reset.generate')}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === 'type'} onChange={() => setMode('type')} />
              {t('mailboxes.reset.type')}
            </label>
          </fieldset>
          {mode === 'type' && (
            <div className="space-y-2">
              <input
                type="password"
                autoComplete="new-password"
                aria-label={t('mailboxes.reset.password')}
                placeholder={t('mailboxes.reset.password')}
                className={`${fieldClass} w-full`}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
              <div className="flex items-center gap-2" aria-live="polite">
                <div className="flex h-1.5 flex-1 gap-1">
                  {[0, 1, 2, 3].map((i) => (
                    <span key={i} className={`flex-1 rounded ${i < strength.score ? (strength.ok ? 'bg-emerald-500' : 'bg-amber-400') : 'bg-slate-200'}`} />
                  ))}
                </div>
                <span className={strength.ok ? 'text-emerald-700' : 'text-amber-800'}>
                  {strength.ok ? t('mailboxes.reset.strong') : t('mailboxes.reset.weak')}
                </span>
              </div>
              {typed !== '' && strength.reasons.length > 0 && (
                <ul className="list-disc pl-5 text-amber-800" data-testid="strength-reasons">
                  {strength.reasons.map((r) => (
                    <li key={r}>{t(reasonKey(r), { min: MIN_PASSWORD_LENGTH })}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {reset.isError && (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700">
              {serverReasons.length ? (
                <ul className="list-disc pl-5">
                  {serverReasons.map((r) => (
                    <li key={r}>{t(reasonKey(r), { min: MIN_PASSWORD_LENGTH })}</li>
                  ))}
                </ul>
              ) : (
                (reset.error as Error).message
              )}
            </div>
          )}
        </form>
      )}
    </Dialog>
  );
}
