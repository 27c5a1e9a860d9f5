// What a probe said and heard, for the page's terminal view and the audit
// log. Credentials never survive into it: the AUTH exchange is masked here,
// whatever the caller recorded.

export type TranscriptLine = { dir: 'C' | 'S'; line: string };

export const MASKED = '********';

/**
 * Masks the AUTH exchange: the initial response of `AUTH PLAIN <b64>` /
 * `AUTH LOGIN <b64>`, and every client line answering a 334 challenge.
 */
export function maskTranscript(lines: readonly TranscriptLine[]): TranscriptLine[] {
  let inAuth = false;
  let lastServerCode = 0;
  return lines.map((l) => {
    if (l.dir === 'S') {
      lastServerCode = Number(l.line.slice(0, 3)) || 0;
      if (lastServerCode !== 334 && /^\d{3} /.test(l.line)) inAuth = false;
      return l;
    }
    const auth = /^(AUTH\s+\S+)(\s+\S.*)?$/i.exec(l.line);
    if (auth) {
      inAuth = true;
      return { dir: 'C', line: auth[2] ? `${auth[1]} ${MASKED}` : auth[1]! };
    }
    if (inAuth && lastServerCode === 334) return { dir: 'C', line: MASKED };
    return l;
  });
}
