'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { fieldClass } from '@/components/ui/field';
import { logsKeys, logsPath } from '@/lib/maillog/keys';
import type { SearchReport } from '@/lib/maillog/schemas';
import { fetchJson } from '@/lib/query/fetch-json';
import { Empty, ErrorBox, fmtNumber, Loading, ScanFooter } from './logs-ui';
import { LogLines } from './log-lines';

// Plain text search over the raw log (what `grep -i` on the host would give),
// newest matches kept. Administrators only: raw lines name every domain.

export function SearchTab({ host, query, onTrace }: { host: string; query: { from?: string }; onTrace: (queueId: string) => void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState('');
  const params = { ...query, q: submitted, limit: 500 };
  const q = useQuery({
    queryKey: logsKeys.search(host, params),
    queryFn: () => fetchJson<SearchReport>(logsPath(host, 'search', params)),
    enabled: submitted.length >= 3,
    retry: false,
  });
  return (
    <Card>
      <form
        className="mb-4 flex flex-wrap items-center gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(text.trim());
        }}
      >
        <input
          className={`${fieldClass} min-w-0 flex-1 basis-72`}
          placeholder={t('logs.search.placeholder')}
          title={t('logs.search.placeholder')}
          aria-label={t('logs.search.label')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="search-input"
        />
        <Button kind="primary" type="submit" disabled={text.trim().length < 3}>
          {t('logs.search.go')}
        </Button>
        {q.data && (
          <span className="text-xs text-slate-500">
            {q.data.truncated
              ? t('logs.search.truncated', { shown: fmtNumber(q.data.lines.length), total: fmtNumber(q.data.matched) })
              : t('logs.search.count', { count: fmtNumber(q.data.matched) })}
          </span>
        )}
      </form>
      {submitted.length >= 3 && q.isFetching && <Loading host={host} />}
      {q.isError && <ErrorBox error={q.error} />}
      {q.data &&
        !q.isFetching &&
        (q.data.lines.length === 0 ? (
          <Empty>{t('logs.search.empty')}</Empty>
        ) : (
          <LogLines lines={q.data.lines} onQueueId={onTrace} maxHeight="max-h-[36rem]" testId="search-lines" />
        ))}
      <ScanFooter scan={q.data?.scan} />
    </Card>
  );
}
