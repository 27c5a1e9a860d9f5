import type { TranscriptLine } from '@/lib/probes/transcript';

// An SMTP session as a terminal would show it: what we sent (C) and what the
// server answered (S); refusals stand out.
export function TranscriptView({ lines }: { lines: TranscriptLine[] }) {
  return (
    <pre data-testid="transcript" className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-slate-200">
      {lines.map((l, i) => {
        const refused = l.dir === 'S' && /^[45]\d\d/.test(l.line);
        const cls = l.dir === 'C' ? 'text-sky-300' : refused ? 'text-amber-300' : 'text-slate-300';
        return (
          <div key={i} className={`whitespace-pre-wrap break-all ${cls}`}>
            <span className="select-none text-slate-500">{l.dir === 'C' ? 'C: ' : 'S: '}</span>
            {l.line}
          </div>
        );
      })}
    </pre>
  );
}
