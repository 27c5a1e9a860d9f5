import 'server-only';
import { execOnHost, streamFromHost, type HostStream } from '@/lib/ssh/host-exec';
import { drainOnUnpipe } from './drain-on-unpipe';
import { liveLines } from './live-lines';
import { WATCH_NEEDLES } from './log-window';

// Follows a host's maillog: `tail -n 0 -F <path>` over SSH (the SSH user
// reads the log without sudo), only the lines the rules need picked out of
// the raw bytes. When the stream ends or fails it comes back with
// exponential backoff (1 s … 60 s); a stream that ran a minute resets it.

export type FollowState = 'connecting' | 'following' | 'reconnecting' | 'unreadable' | 'stopped';

const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 60_000;
const HEALTHY_MS = 60_000;

const sleep = (ms: number, signal: { stopped: boolean; wake?: () => void }) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.wake = () => {
      clearTimeout(t);
      resolve();
    };
  });

export class MaillogFollower {
  private readonly ctl: { stopped: boolean; wake?: () => void } = { stopped: false };
  private current: HostStream | null = null;

  constructor(
    private readonly host: string,
    private readonly path: string,
    private readonly onLine: (line: string) => void,
    private readonly reportState: (state: FollowState, error?: string) => void,
  ) {}

  private onState(state: FollowState, error?: string) {
    if (!this.ctl.stopped) this.reportState(state, error);
  }

  start(): void {
    void this.loop();
  }

  /** Stops following; the owner records the final state itself. */
  stop(): void {
    this.ctl.stopped = true;
    this.current?.cancel();
    this.ctl.wake?.();
  }

  private async loop() {
    let backoff = MIN_BACKOFF_MS;
    while (!this.ctl.stopped) {
      const started = Date.now();
      let error: string | undefined;
      try {
        this.onState('connecting');
        // tail -F waits silently for a file it cannot read; ask first.
        const readable = await execOnHost(this.host, { program: 'test', args: ['-r', this.path] }, { timeoutMs: 15_000 });
        if (readable.exitCode !== 0) {
          this.onState('unreadable', `${this.path} is missing or not readable by the SSH user (group adm on Debian)`);
          await sleep(MAX_BACKOFF_MS, this.ctl);
          continue;
        }
        if (this.ctl.stopped) break;
        const s = (this.current = streamFromHost(this.host, { program: 'tail', args: ['-n', '0', '-F', '--', this.path] }));
        drainOnUnpipe(s.stdout);
        this.onState('following');
        for await (const line of liveLines(s.stdout as AsyncIterable<Buffer>, WATCH_NEEDLES)) {
          this.onLine(line);
        }
        const end = await s.done;
        if (end.exitCode !== null) error = `tail ended (exit ${end.exitCode}): ${end.stderr.trim().split('\n')[0] ?? ''}`;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      } finally {
        this.current = null;
      }
      if (this.ctl.stopped) break;
      if (Date.now() - started > HEALTHY_MS) backoff = MIN_BACKOFF_MS;
      this.onState('reconnecting', error ?? 'the log stream ended');
      await sleep(backoff, this.ctl);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }
}
