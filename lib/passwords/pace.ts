// A duty cycle for CPU-bound work: after `sliceMs` of work, sleep so that
// work takes `duty` of the wall clock (0.5: half of one core at most). The
// sweep's child process is also niced; this keeps it from taking a whole
// core even when nothing else wants it, so the console's own requests and
// the queue scans never queue behind it.

export function makePacer(
  duty: number,
  sliceMs = 25,
  now: () => number = () => performance.now(),
  sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
) {
  const d = Math.min(1, Math.max(0.05, duty));
  let start = now();
  return async function pace(): Promise<void> {
    const worked = now() - start;
    if (worked < sliceMs) return;
    if (d < 1) await sleep((worked * (1 - d)) / d);
    else await new Promise<void>((r) => setImmediate(r));
    start = now();
  };
}
