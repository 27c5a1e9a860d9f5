// npm run bench -- <name> [args]: runs one benchmark and prints its JSON.
// No name lists them. Each benchmark adds one line to the registry below.
import { existsSync } from 'node:fs';

type Bench = { about: string; load: () => Promise<{ run: (args: string[]) => Promise<void> }> };

const registry: Record<string, Bench> = {
  queue: {
    about: 'queue index over SSH vs reading every queue file, seed grep, 1% refresh, page p95, RSS (--messages N, --skip-seed-grep, --cleanup)',
    load: () => import('./queue'),
  },
  'queue-actions': {
    about:
      'delete the ~6,000 messages of the attacker IP out of 300k through the action path (refresh, filter, postsuper -d -) vs one postsuper per id as in the seed (extrapolated) and a bare postsuper -d - (--messages N, --one-by-one N, --grep-sample N)',
    load: () => import('./queue-actions'),
  },
  fleet: {
    about:
      'a fleet of postmulti instances (scripts/lab fleet) as hosts: full index of every instance at once through the serving process vs one instance holding it all, the server\'s VmRSS/VmHWM, dashboard "All hosts" and suspects p95 (--instances 3, --messages-per-instance 100000, --single N, --requests 100, --port P, --skip-single; run under the lab lock)',
    load: () => import('./fleet'),
  },
  mailboxes: { about: 'mailbox list/search on 100,000 generated mailboxes (database extmail_bench)', load: () => import('./mailboxes') },
  watch: { about: 'watcher CPU for 20 copies of the lab host over 3 minutes (--minutes N, --hosts N); target < 5% of one core', load: () => import('./watch') },
  limits: {
    about:
      'per-login sending limits (postfwd): the lab botnet against one login at 100/hour (accepted, refused, in flight, legitimate users), p95 latency the policy lookup adds over 1,000 transactions; then the password-sweep bench on its own defaults (10,000 mailboxes) or on the options given to it as --sweep-<option> (--limit N, --spam N, --transactions N, --skip-sweep, --sweep-mailboxes N, --sweep-no-queue, ...; every option checked first; run under the lab lock)',
    load: () => import('./limits'),
  },
  incident: {
    about:
      'dashboard to contained on a 300k seed-shaped queue, in Chromium: wall seconds and clicks until Postfix refuses the stolen login (live SMTP AUTH) and all its mail is on hold (--messages N, --port P, --cleanup)',
    load: () => import('./incident'),
  },
  logs: {
    about:
      'per-user SASL login history over a generated 1 GB maillog vs grep -c over the same SSH link; RSS at 250 MB and 1 GB; .gz zcat vs Node gunzip (--size-mb N, --regen, --reps N)',
    load: () => import('./logs'),
  },
  'password-sweep': {
    about:
      'weak-password sweep through its real path (sweep-runner + niced child, duty cycle): mailboxes/s at 1,000 md5-crypt candidates each over 10,000 scratch mailboxes, md5-crypt cost per candidate (node:crypto vs the sweep engine), queue page p95 without and during the sweep (--mailboxes N, --duty D, --queue-requests N, --no-queue, --port P; with the queue page run under the lab lock)',
    load: () => import('./password-sweep'),
  },
};

async function main() {
  // The console's settings (the database, the secret key): what `scripts/setup` wrote.
  if (!process.env.DATABASE_URL && existsSync('.env.local')) process.loadEnvFile('.env.local');
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    console.log('usage: npm run bench -- <name> [args]\n');
    for (const [key, bench] of Object.entries(registry)) console.log(`  ${key.padEnd(16)} ${bench.about}`);
    return;
  }
  const bench = registry[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(registry).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  await (await bench.load()).run(args);
}

// The figures are out: the console modules a bench drives keep their pools
// (MariaDB, SSH) open, which would hold the process up forever.
main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => process.exit());
