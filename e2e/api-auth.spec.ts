import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// Every route under app/api answers 401 without a session, except the few
// that are public on purpose. A route added later without the auth wrapper
// fails here.
// /api/enroll/{token}: the enroll script for the one-line command on a mail host; the token is the key.
const PUBLIC = new Set(['/api/auth/login', '/api/health', '/api/openapi.json', '/api/enroll/[token]']);
const apiDir = path.resolve(__dirname, '../app/api');

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === 'route.ts' ? [full] : [];
  });
}

const routes = routeFiles(apiDir).map((file) => {
  const rel = path.relative(apiDir, path.dirname(file)).split(path.sep).join('/');
  const urlPath = `/api/${rel}`
    .replace(/\[\.\.\.(\w+)\]/g, 'x')
    .replace(/\[(\w+)\]/g, (_m, name: string) => (name === 'username' ? 'info@example.com' : name === 'queueId' ? 'ABCDEF123' : 'lab'));
  const methods = [...readFileSync(file, 'utf8').matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
  return { urlPath, methods, public: PUBLIC.has(`/api/${rel}`) };
});

test.use({ storageState: { cookies: [], origins: [] } });

test('the route list is not empty', () => {
  expect(routes.length).toBeGreaterThan(3);
});

for (const route of routes.filter((r) => !r.public)) {
  for (const method of route.methods) {
    test(`${method} ${route.urlPath} needs a session`, async ({ request }) => {
      const res = await request.fetch(route.urlPath, { method, data: method === 'GET' ? undefined : {} });
      expect(res.status()).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    });
  }
}

test('openapi.json describes every route', async ({ request }) => {
  const doc = await (await request.get('/api/openapi.json')).json();
  for (const route of routeFiles(apiDir)) {
    const rel = path.relative(apiDir, path.dirname(route)).split(path.sep).join('/');
    const key = `/api/${rel}`.replace(/\[(\w+)\]/g, '{$1}');
    expect(Object.keys(doc.paths), key).toContain(key);
  }
});
