// A unified diff (`diff -u` layout) of two texts, line by line. The common
// head and tail are cut first, so the LCS table only spans the edited middle
// — for a main.cf edit that is a handful of lines.

type Op = { kind: ' ' | '-' | '+'; text: string; a: number; b: number };

function lcsOps(a: string[], b: string[], aOff: number, bOff: number): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > 4_000_000) {
    // Too big to align: show it as a replacement rather than eat memory.
    return [
      ...a.map((text, i) => ({ kind: '-' as const, text, a: aOff + i, b: bOff })),
      ...b.map((text, j) => ({ kind: '+' as const, text, a: aOff + n, b: bOff + j })),
    ];
  }
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i * w + j] = a[i] === b[j] ? t[(i + 1) * w + j + 1]! + 1 : Math.max(t[(i + 1) * w + j]!, t[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', text: a[i]!, a: aOff + i++, b: bOff + j++ });
    // Deletions before insertions, as diff -u prints a changed line.
    else if (i < n && (j === m || t[(i + 1) * w + j]! >= t[i * w + j + 1]!)) ops.push({ kind: '-', text: a[i]!, a: aOff + i++, b: bOff + j });
    else ops.push({ kind: '+', text: b[j]!, a: aOff + i, b: bOff + j++ });
  }
  return ops;
}

const linesOf = (text: string) => {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
};

export function unifiedDiff(before: string, after: string, names: { from: string; to: string }, context = 3): string {
  const a = linesOf(before);
  const b = linesOf(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [
    ...a.slice(0, head).map((text, i) => ({ kind: ' ' as const, text, a: i, b: i })),
    ...lcsOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head, head),
    ...a.slice(a.length - tail).map((text, k) => ({ kind: ' ' as const, text, a: a.length - tail + k, b: b.length - tail + k })),
  ];
  const changed = ops.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  if (!changed.length) return '';
  // Group changes whose context windows touch into hunks.
  const hunks: [number, number][] = [];
  for (const c of changed) {
    const start = Math.max(0, c - context);
    const end = Math.min(ops.length - 1, c + context);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = [`--- ${names.from}`, `+++ ${names.to}`];
  for (const [s, e] of hunks) {
    const slice = ops.slice(s, e + 1);
    const aLen = slice.filter((o) => o.kind !== '+').length;
    const bLen = slice.filter((o) => o.kind !== '-').length;
    const aStart = aLen ? slice.find((o) => o.kind !== '+')!.a + 1 : slice[0]!.a;
    const bStart = bLen ? slice.find((o) => o.kind !== '-')!.b + 1 : slice[0]!.b;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`, ...slice.map((o) => o.kind + o.text));
  }
  return out.join('\n') + '\n';
}
