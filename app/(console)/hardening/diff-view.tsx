// A unified diff, coloured like a code review: additions green, removals red.
export function DiffView({ diff }: { diff: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  const tone = (l: string) =>
    l.startsWith('+++') || l.startsWith('---')
      ? 'text-slate-500'
      : l.startsWith('@@')
        ? 'bg-sky-50 text-sky-700'
        : l.startsWith('+')
          ? 'bg-emerald-50 text-emerald-900'
          : l.startsWith('-')
            ? 'bg-red-50 text-red-900'
            : 'text-slate-600';
  return (
    <pre data-testid="diff" className="overflow-x-auto rounded-md py-2 font-mono text-xs leading-5 ring-1 ring-slate-200">
      {lines.map((l, i) => (
        <div key={i} className={`whitespace-pre px-3 ${tone(l)}`}>
          {l || ' '}
        </div>
      ))}
    </pre>
  );
}
