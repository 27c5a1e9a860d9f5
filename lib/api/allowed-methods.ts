// Which HTTP methods an /api path answers, from the same table the OpenAPI
// document is built from (a test keeps that table in step with app/api).
// server.ts answers every other method with a 405 in the API's JSON shape:
// Next answers an unimplemented standard method with an empty 405, and
// TRACE, CONNECT or TRACK with a 500 (its Request constructor refuses them).

type Route = { pattern: RegExp; mask: string; methods: string[] };

export type MethodTable = (pathname: string) => string[] | null;

export function methodTable(paths: Record<string, Record<string, unknown>>): MethodTable {
  const routes: Route[] = Object.entries(paths).map(([path, ops]) => {
    const segments = path.split('/').filter(Boolean);
    const pattern = new RegExp(`^/${segments.map((s) => (/^\[\w+\]$/.test(s) ? '[^/]+' : escape(s))).join('/')}/?$`);
    const methods = Object.keys(ops).map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    return { pattern, mask: segments.map((s) => (s.startsWith('[') ? '1' : '0')).join(''), methods: [...methods, 'OPTIONS'] };
  });
  // The first static segment wins over a dynamic one, as in Next's router (queue/scan before queue/[queueId]).
  routes.sort((a, b) => (a.mask < b.mask ? -1 : a.mask > b.mask ? 1 : 0));
  return (pathname) => routes.find((r) => r.pattern.test(pathname))?.methods ?? null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The 405 answer, in the API's one error shape. */
export function methodNotAllowedBody(method: string): string {
  return JSON.stringify({ error: { code: 'method_not_allowed', message: `Method ${method.slice(0, 20)} is not allowed here.` } });
}
