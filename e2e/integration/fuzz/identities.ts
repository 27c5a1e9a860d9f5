// Who the fuzzer acts as: no one, the postmaster and the administrator with
// their session cookies, and both with personal API tokens (scope act, so
// mutations get past the scope check and reach validation).

export type Identity = { name: string; headers: Record<string, string>; session: boolean; postmaster: boolean };

export const ADMIN = { username: 'root@extmail.org', password: 'extmail*123*' };
export const POSTMASTER = { username: 'pm@example.com', password: 'postmaster*123*' };

async function signIn(baseURL: string, who: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseURL },
    body: JSON.stringify(who),
  });
  if (!res.ok) throw new Error(`sign-in as ${who.username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mw_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

async function makeToken(baseURL: string, cookie: string, name: string): Promise<{ id: string; token: string }> {
  const res = await fetch(`${baseURL}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseURL, cookie },
    body: JSON.stringify({ name, scope: 'act', expiresInDays: 1 }),
  });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  const out = (await res.json()) as { token: string; view: { id: string } };
  return { id: out.view.id, token: out.token };
}

export async function identities(baseURL: string): Promise<{ list: Identity[]; cleanup: () => Promise<void> }> {
  const adminCookie = await signIn(baseURL, ADMIN);
  const pmCookie = await signIn(baseURL, POSTMASTER);
  const adminToken = await makeToken(baseURL, adminCookie, 'api fuzz (admin)');
  const pmToken = await makeToken(baseURL, pmCookie, 'api fuzz (postmaster)');
  // Cookie requests come with the console's Origin, as the browser's do; token requests with none.
  const list: Identity[] = [
    { name: 'anonymous', headers: { origin: baseURL }, session: false, postmaster: false },
    { name: 'postmaster cookie', headers: { cookie: pmCookie, origin: baseURL }, session: true, postmaster: true },
    { name: 'admin cookie', headers: { cookie: adminCookie, origin: baseURL }, session: true, postmaster: false },
    { name: 'postmaster token', headers: { authorization: `Bearer ${pmToken.token}` }, session: false, postmaster: true },
    { name: 'admin token', headers: { authorization: `Bearer ${adminToken.token}` }, session: false, postmaster: false },
  ];
  const cleanup = async () => {
    for (const [cookie, id] of [
      [adminCookie, adminToken.id],
      [pmCookie, pmToken.id],
    ] as const) {
      await fetch(`${baseURL}/api/auth/tokens/${id}`, { method: 'DELETE', headers: { origin: baseURL, cookie } });
      await fetch(`${baseURL}/api/auth/logout`, { method: 'POST', headers: { origin: baseURL, cookie } });
    }
  };
  return { list, cleanup };
}
