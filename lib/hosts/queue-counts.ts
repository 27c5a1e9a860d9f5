// Counts messages per queue from `postqueue -j` output as it streams in: one
// JSON object per line, split across chunks anywhere.

export type QueueCounts = { counts: Record<string, number>; total: number; unreadable: number };

export class QueueCounter {
  private rest = '';
  readonly result: QueueCounts = { counts: {}, total: 0, unreadable: 0 };

  push(chunk: string): void {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** At the end of the output; a cut-off last line (timeout) is not counted. */
  finish(complete: boolean): QueueCounts {
    if (complete && this.rest.trim() !== '') this.line(this.rest);
    this.rest = '';
    return this.result;
  }

  private line(line: string) {
    if (line.trim() === '') return;
    let name: unknown;
    try {
      name = (JSON.parse(line) as { queue_name?: unknown }).queue_name;
    } catch {
      name = undefined;
    }
    if (typeof name !== 'string' || name === '') {
      this.result.unreadable++;
      return;
    }
    this.result.counts[name] = (this.result.counts[name] ?? 0) + 1;
    this.result.total++;
  }
}
