// A counting semaphore: at most `max` channels per host at once (OpenSSH's
// MaxSessions defaults to 10); the rest wait their turn in order.
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  get running() {
    return this.active;
  }

  get queued() {
    return this.waiting.length;
  }

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays put.
      if (next) next();
      else this.active--;
    };
  }
}
