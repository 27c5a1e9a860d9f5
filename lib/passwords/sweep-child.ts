// The sweep's worker: a child process of the console (forked by
// sweep-runner.ts, niced to 19), so the 1,000+ md5-crypt rounds per mailbox
// never run on the request path. One mailbox at a time, paced to a duty
// cycle. It imports only pure modules (no server-only, no database).
import { consoleListExtras, loadCommonList } from './common-list';
import { candidatesFor, testStored } from './matcher';
import { makePacer } from './pace';
import type { ChildInit, FromChild, ToChild } from './sweep-protocol';

const send = (m: FromChild) => process.send?.(m);
let init: ChildInit | null = null;
const common = loadCommonList();
const extras = consoleListExtras(common);
let pace: () => Promise<void> = async () => undefined;
let queue: Promise<void> = Promise.resolve();

process.on('message', (m: ToChild) => {
  if (m.type === 'init') {
    init = m;
    pace = makePacer(m.duty);
    send({ type: 'ready', candidates: common.length + (m.patterns ? extras.length : 0) });
    return;
  }
  // One at a time, in the order sent.
  queue = queue.then(async () => {
    try {
      const candidates = candidatesFor(m.username, { common, extras: init?.patterns === false ? [] : extras, patterns: init?.patterns, year: init?.year });
      const out = await testStored(m.stored, candidates, { pace });
      send({
        type: 'result',
        username: m.username,
        outcome: out.outcome,
        finding: out.outcome === 'guessable' ? out.finding : null,
        scheme: out.scheme,
        tried: out.tried,
        plainStored: out.plainStored,
      });
    } catch (err) {
      send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  });
});
// The console died or cut the pipe: nothing to finish for anyone.
process.on('disconnect', () => process.exit(0));
