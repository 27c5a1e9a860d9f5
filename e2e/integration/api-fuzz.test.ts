// An API fuzz suite generated from /api/openapi.json (issue 20), against a
// console of its own on port 3150 and the real lab: every route and method,
// hostile values in every path, query and body field, as no one, as a
// postmaster and as an administrator, with cookie and with token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { consoleDatabaseUrls } from '../../scripts/env-local';
import { acceptedMutations, foreignData, serverErrors, wrongMethodAnswers } from './fuzz/assertions';
import { startConsole, type ConsoleServer } from './fuzz/console-server';
import { generate, unsupportedMethods, type OpenApi } from './fuzz/generate';
import { identities, type Identity } from './fuzz/identities';
import { canaryExists, extmanAdminUrl, labState, type LabState } from './fuzz/lab-state';
import { CANARY } from './fuzz/payloads';
import { runAll, tally, type Outcome } from './fuzz/run';

let server: ConsoleServer;
let who: { list: Identity[]; cleanup: () => Promise<void> };
let before: LabState;
let outcomes: Outcome[] = [];
let methodOutcomes: Outcome[] = [];
let foreign: string[] = [];
let seconds = 0;
const SHARE = Number(process.env.FUZZ_SHARE ?? 3);

beforeAll(async () => {
  server = await startConsole();
  who = await identities(server.baseURL);
  const conn = await mysql.createConnection({ uri: extmanAdminUrl() });
  const [rows] = await conn.query("SELECT username FROM mailbox WHERE domain <> 'example.com'");
  await conn.end();
  foreign = (rows as { username: string }[]).map((r) => r.username.toLowerCase());
  before = await labState();

  const doc = (await (await fetch(`${server.baseURL}/api/openapi.json`)).json()) as OpenApi;
  // Each signed-in identity sends every SHARE-th variant, shifted by one per
  // identity, so every variant is sent by at least one of them; no one (all
  // answered 401 before parsing) a sample.
  const jobs = who.list.flatMap((w, k) => {
    const reqs = generate(doc, { signedIn: w.name !== 'anonymous', foreignUsername: w.postmaster ? foreign[0] : undefined });
    const mine = w.name === 'anonymous' ? reqs.filter((_r, i) => i % 10 === 0) : reqs.filter((_r, i) => i % SHARE === k % SHARE);
    return mine.map((req) => ({ who: w, req }));
  });
  const started = Date.now();
  outcomes = await runAll(server.baseURL, jobs);
  methodOutcomes = await runAll(
    server.baseURL,
    unsupportedMethods(doc).map((req) => ({ who: who.list[2]!, req })),
  );
  seconds = (Date.now() - started) / 1000;
  const all = [...outcomes, ...methodOutcomes];
  const slowest = [...all].sort((a, b) => b.ms - a.ms)[0];
  console.log(
    `[api-fuzz] ${all.length} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(tally(all))}; slowest ${slowest?.ms} ms (${slowest?.req.op})`,
  );
}, 600_000);

afterAll(async () => {
  await who?.cleanup().catch(() => undefined);
  await server?.stop();
  const conn = await mysql.createConnection({ uri: consoleDatabaseUrls().mailwarden });
  await conn.query("DELETE FROM mw_api_token WHERE name LIKE 'api fuzz%'");
  // The anonymous logins with hostile names locked 127.0.0.1: free it for whoever runs next.
  await conn.query('DELETE FROM mw_login_throttle');
  await conn.end();
});

describe('API fuzz', () => {
  it('sends at least 2,000 requests, well inside its time budget', () => {
    expect(outcomes.length + methodOutcomes.length).toBeGreaterThanOrEqual(2000);
    expect(seconds).toBeLessThan(150);
  });
  it('answers every request, and none with a 5xx', () => {
    expect(serverErrors([...outcomes, ...methodOutcomes])).toEqual([]);
  });
  it('accepts no hostile request on a route that changes something', () => {
    expect(acceptedMutations(outcomes)).toEqual([]);
  });
  it('answers TRACE and every method a route lacks with a JSON 405', () => {
    expect(wrongMethodAnswers(methodOutcomes)).toEqual([]);
  });
  it('creates no canary file on the console machine or the mail host (the lab host is this machine)', () => {
    expect(canaryExists(CANARY)).toBe(false);
  });
  it('leaves the queue, the mailboxes, main.cf and the console’s hosts and tokens as they were', async () => {
    expect(await labState()).toEqual(before);
  });
  it("never shows a postmaster another domain's mailboxes", () => {
    expect(foreign.length).toBeGreaterThan(0);
    expect(foreignData(outcomes, foreign)).toEqual([]);
  });
});
