import 'server-only';
import { db } from '@/lib/db';

// What the Hosts table shows as a host's status, without probing every host
// on load: the newest of this process's last connection test, the last
// "host.test" in the audit log (so a restart does not forget it), and the
// watcher's last queue sample (each one is a successful SSH round trip).

export type LastTest = { ok: boolean; at: string; kind?: string; message?: string };

const globalForTests = globalThis as unknown as { mailwardenHostTests?: Map<string, LastTest> };
const store = () => (globalForTests.mailwardenHostTests ??= new Map());

export const lastTestOf = (host: string): LastTest | null => store().get(host) ?? null;
export const rememberTest = (host: string, test: LastTest) => void store().set(host, test);
export const forgetTest = (host: string) => void store().delete(host);

const newest = (tests: (LastTest | null | undefined)[]): LastTest | null =>
  tests.reduce<LastTest | null>((best, t) => (t && (!best || Date.parse(t.at) > Date.parse(best.at)) ? t : best), null);

/** The status of each named host from every place that knows it. */
export async function lastTestsOf(names: string[]): Promise<Map<string, LastTest>> {
  const out = new Map<string, LastTest>();
  if (names.length === 0) return out;
  const [audits, states] = await Promise.all([
    Promise.all(
      names.map((name) =>
        db()
          .mwAudit.findFirst({ where: { action: 'host.test', target: name }, orderBy: { id: 'desc' }, select: { at: true, ok: true, error: true } })
          .catch(() => null),
      ),
    ),
    db()
      .mwWatchState.findMany({ where: { host: { in: names } }, select: { host: true, lastSampleAt: true } })
      .catch(() => []),
  ]);
  const sampled = new Map(states.map((s) => [s.host, s.lastSampleAt]));
  names.forEach((name, i) => {
    const a = audits[i];
    const fromAudit: LastTest | null = a ? { ok: a.ok, at: a.at.toISOString(), kind: 'audit', message: a.error ?? undefined } : null;
    const sample = sampled.get(name);
    const fromWatcher: LastTest | null = sample
      ? { ok: true, at: sample.toISOString(), kind: 'watcher', message: 'Reached over SSH by the watcher (queue sample)' }
      : null;
    const best = newest([lastTestOf(name), fromAudit, fromWatcher]);
    if (best) out.set(name, best);
  });
  return out;
}
