import { hostileJson, hostileQueryValues, hostileRawBodies, hostileStrings } from './payloads';

// Requests generated from /api/openapi.json: for every route and method,
// hostile values in each path parameter, each query parameter and every body
// field. Safety rules, because the suite runs against the shared lab:
// - a route that changes something from its path alone (no body: delete a
//   host, test a channel, release an alert...) only gets hostile path values,
//   never a real name or id;
// - a body always has every declared field hostile at once (or an unknown
//   key, which strict schemas refuse), so no body is valid for a real action;
// - POST /api/auth/logout is sent by no one only (it would end the session).

export type FuzzRequest = { op: string; method: string; path: string; body?: { text: string; type: string } };

type Param = { name: string; in: 'path' | 'query' };
type Operation = { parameters?: Param[]; requestBody?: { content: { 'application/json': { schema: JsonSchema } } } };
type JsonSchema = { properties?: Record<string, unknown>; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[] };
export type OpenApi = { paths: Record<string, Record<string, Operation>> };

/** Real, harmless values for the parameters a request does not fuzz. */
const DEFAULTS: Record<string, string> = { host: 'lab', username: 'info@example.com', queueId: 'ABCDEF123', id: '987654321' };

function bodyKeys(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const own = Object.keys(schema.properties ?? {});
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap(bodyKeys);
  return [...new Set([...own, ...nested])];
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? DEFAULTS[name] ?? 'x'));
const json = (value: unknown) => ({ text: JSON.stringify(value), type: 'application/json' });
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

export function generate(doc: OpenApi, opts: { signedIn: boolean; foreignUsername?: string }): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [lower, op] of Object.entries(methods)) {
      const method = lower.toUpperCase();
      const opName = `${method} ${template}`;
      if (opName === 'POST /api/auth/logout' && opts.signedIn) continue;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = params.filter((p) => p.in === 'query').map((p) => p.name);
      const keys = bodyKeys(op.requestBody?.content['application/json'].schema);
      const hasBody = op.requestBody !== undefined;
      const safe = method === 'GET';
      const baseQuery = queryParams.includes('host') ? `?host=${DEFAULTS.host}` : '';
      const req = (path: string, body?: FuzzRequest['body']) => out.push({ op: opName, method, path, ...(body ? { body } : {}) });
      const invalidBody = hasBody ? json({ __fuzz: `;touch` }) : undefined;

      // Hostile path parameters, one at a time.
      for (const name of pathParams) {
        for (const v of hostileStrings) req(fill(template, { [name]: v }) + baseQuery, invalidBody);
        // Traversal that is not percent-encoded, as a careless client would send it.
        req(template.replace(`{${name}}`, '..%2F..%2F..%2Fetc%2Fpasswd').replace(/\{(\w+)\}/g, (_m, n: string) => DEFAULTS[n] ?? 'x') + baseQuery, invalidBody);
        if (opts.foreignUsername && name === 'username') req(fill(template, { username: opts.foreignUsername }) + baseQuery, invalidBody);
      }
      // A route that acts on its path alone gets nothing else.
      if (!safe && !hasBody) {
        if (pathParams.length === 0) req(template, undefined);
        continue;
      }
      const path = fill(template, {});
      // Hostile query parameters, one at a time (the others left out).
      for (const name of queryParams) {
        const vals = safe ? hostileQueryValues : hostileQueryValues.slice(0, 8);
        for (const v of vals) {
          const qs = new URLSearchParams();
          if (queryParams.includes('host') && name !== 'host') qs.set('host', DEFAULTS.host!);
          qs.set(name, v);
          req(`${path}?${qs}`, invalidBody);
        }
      }
      if (safe) {
        req(`${path}${baseQuery ? `${baseQuery}&` : '?'}__fuzz=1`);
        continue;
      }
      // Bodies: every field hostile at once; wrong types; not JSON at all.
      // Never an object without a declared key: `{}` is a valid request where
      // every field has a default (contain, clean: it ran them, once).
      for (const v of [...hostileStrings, ...hostileJson]) {
        if (keys.length) req(path + baseQuery, json(Object.fromEntries(keys.map((k) => [k, v]))));
        else if (!isObject(v)) req(path + baseQuery, json(v));
      }
      for (const v of hostileJson.filter((x) => !isObject(x))) req(path + baseQuery, json(v));
      for (const raw of hostileRawBodies) req(path + baseQuery, raw);
      // Booleans only beside a key no strict schema takes.
      req(path + baseQuery, json({ ...Object.fromEntries(keys.map((k) => [k, true])), __fuzz: 1 }));
    }
  }
  return out;
}

/** Methods no route implements, on every route: 405 in the JSON shape. */
export function unsupportedMethods(doc: OpenApi): FuzzRequest[] {
  return Object.keys(doc.paths).flatMap((template) => {
    const path = template.replace(/\{(\w+)\}/g, (_m, n: string) => DEFAULTS[n] ?? 'x');
    const implemented = Object.keys(doc.paths[template]!).map((m) => m.toUpperCase());
    const missing = ['PUT', 'PATCH', 'DELETE', 'POST'].filter((m) => !implemented.includes(m)).slice(0, 1);
    // (TRACK is not sent: Node's HTTP parser itself answers it 400.)
    return ['TRACE', 'PROPFIND', 'MKCOL', ...missing].map((method) => ({ op: `${method} ${template}`, method, path }));
  });
}
