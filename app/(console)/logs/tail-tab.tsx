'use client';

import { useEffect, useRef, useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { fieldClass } from '@/components/ui/field';
import type { MessageKey } from '@/lib/i18n/translate';
import { logsPath } from '@/lib/maillog/keys';
import type { TailEvent } from '@/lib/maillog/schemas';
import { fmtNumber } from './logs-ui';
import { LogLines } from './log-lines';

// `tail -F` of the host's maillog, streamed as Server-Sent Events. Closing
// the EventSource (Stop, another tab, leaving the page) ends the request,
// and the server then closes the SSH channel.

const KEEP = 1000;

export function TailTab({ host }: { host: string }) {
  const { t } = useT();
  const [running, setRunning] = useState(true);
  const [paused, setPaused] = useState(false);
  const [filter, setFilter] = useState('');
  const [lines, setLines] = useState<TailEvent[]>([]);
  const [status, setStatus] = useState<'connecting' | 'live' | 'ended' | 'failed'>('connecting');
  const [failure, setFailure] = useState('');
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!running) return;
    const es = new EventSource(logsPath(host, 'tail', { lines: 200 }));
    const buffer: TailEvent[] = [];
    // Batch lines per animation frame: a busy server writes hundreds a second.
    let frame = 0;
    const flush = () => {
      frame = 0;
      const batch = buffer.splice(0);
      setLines((prev) => [...prev, ...batch].slice(-KEEP));
    };
    es.addEventListener('ready', () => setStatus('live'));
    es.onmessage = (e) => {
      buffer.push(JSON.parse(e.data as string) as TailEvent);
      if (!frame) frame = requestAnimationFrame(flush);
    };
    es.addEventListener('failure', (e) => {
      setFailure((JSON.parse((e as MessageEvent).data as string) as { message: string }).message);
      setStatus('failed');
      es.close();
    });
    es.addEventListener('end', () => {
      setStatus('ended');
      es.close();
    });
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) setStatus((s) => (s === 'failed' ? s : 'ended'));
    };
    return () => {
      cancelAnimationFrame(frame);
      es.close();
    };
  }, [host, running]);

  useEffect(() => {
    if (!paused && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, paused]);

  const needle = filter.trim().toLowerCase();
  const shown = needle ? lines.filter((l) => l.raw.toLowerCase().includes(needle)) : lines;
  const dot = { connecting: 'bg-amber-400', live: 'bg-emerald-500 animate-pulse', ended: 'bg-slate-400', failed: 'bg-red-500' }[status];
  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <span className="flex items-center gap-2 text-sm text-slate-600" data-testid="tail-status" data-status={status}>
          <span className={`h-2.5 w-2.5 rounded-full ${dot}`} aria-hidden />
          {t(`logs.tail.${status}` as MessageKey)}
        </span>
        <Button
          kind={running ? 'default' : 'primary'}
          onClick={() => {
            setStatus(running ? 'ended' : 'connecting');
            setRunning(!running);
          }}
          data-testid="tail-toggle"
        >
          {running ? t('logs.tail.stop') : t('logs.tail.start')}
        </Button>
        <Button onClick={() => setPaused((p) => !p)} disabled={!running}>
          {paused ? t('logs.tail.resume') : t('logs.tail.pause')}
        </Button>
        <Button onClick={() => setLines([])}>{t('logs.tail.clear')}</Button>
        <input
          className={`${fieldClass} w-64`}
          placeholder={t('logs.tail.filter')}
          aria-label={t('logs.tail.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="ml-auto text-xs tabular-nums text-slate-500">
          {t('logs.tail.count', { shown: fmtNumber(shown.length), total: fmtNumber(lines.length) })}
        </span>
      </div>
      {status === 'failed' && <p className="mb-2 text-sm text-red-700">{failure}</p>}
      <div ref={box} className="h-[32rem] overflow-auto rounded-md bg-slate-900" data-testid="tail-box">
        <LogLines lines={shown} maxHeight="" testId="tail-lines" />
      </div>
    </Card>
  );
}
