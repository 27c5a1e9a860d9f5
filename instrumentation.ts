// Next's startup hook. The watcher (lib/watch) starts here, once per server
// process, in the Node runtime only, and not while `next build` collects
// pages. MW_WATCHER=off keeps it from starting.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.MW_WATCHER === 'off' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startWatcher } = await import('./lib/watch/watcher');
  try {
    startWatcher();
  } catch (err) {
    // A console without its database still serves its login page; the watcher retries on its own timers.
    console.error('[mailwarden] the watcher did not start:', err);
  }
}
