'use client';

// Raw log lines, monospace, each tinted by what the parser made of it, so a
// refusal or a failed login stands out of a screenful of qmgr chatter.

type Line = { raw: string; kind: string; queueId?: string };

function tone(l: Line): string {
  if (l.kind === 'sasl-failure' || l.kind === 'reject' || l.kind === 'fatal' || l.kind === 'panic') return 'text-red-300';
  if (l.kind === 'delivery') {
    if (l.raw.includes('status=sent')) return 'text-emerald-300';
    if (l.raw.includes('status=bounced')) return 'text-red-300';
    return 'text-amber-200';
  }
  if (l.kind === 'sasl-login') return 'text-sky-300';
  if (l.kind === 'warning' || l.kind === 'error') return 'text-amber-200';
  return 'text-slate-300';
}

export function LogLines({
  lines,
  testId,
  onQueueId,
  maxHeight = 'max-h-96',
}: {
  lines: Line[];
  testId?: string;
  onQueueId?: (id: string) => void;
  maxHeight?: string;
}) {
  return (
    <div data-testid={testId} className={`${maxHeight} overflow-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5`}>
      {lines.map((l, i) => (
        <div key={i} className={`whitespace-pre-wrap break-all ${tone(l)}`} data-kind={l.kind}>
          {onQueueId && l.queueId ? (
            <>
              {l.raw.slice(0, l.raw.indexOf(l.queueId))}
              <button type="button" className="underline decoration-dotted hover:text-white" onClick={() => onQueueId(l.queueId!)}>
                {l.queueId}
              </button>
              {l.raw.slice(l.raw.indexOf(l.queueId) + l.queueId.length)}
            </>
          ) : (
            l.raw
          )}
        </div>
      ))}
    </div>
  );
}
