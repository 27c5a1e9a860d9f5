// The lab's fleet (scripts/lab fleet: postmulti instances postfix-fleet-<i>)
// for the integration test and the fleet benchmark. The instances stay
// between runs; their hosts are registered only while a run needs them,
// because every per-login check of the console asks every registered host
// and the other lab tests expect host "lab" alone.
import { execFileSync } from 'node:child_process';

export const fleetHost = (i: number) => `lab-fleet-${i}`;
export const fleetConfigDir = (i: number) => `/etc/postfix-fleet-${i}`;

const lab = (args: string[]) => execFileSync('bash', ['scripts/lab', ...args], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });

/** Instances 1..n running and registered as hosts lab-fleet-1..n (idempotent); returns the host names. */
export function registerFleet(n: number): string[] {
  lab(['fleet', String(n)]);
  return Array.from({ length: n }, (_, k) => fleetHost(k + 1));
}

/** Hosts lab-fleet-1..n leave the console again. */
export function unregisterFleet(n: number): void {
  lab(['fleet', '--unregister', String(n)]);
}
