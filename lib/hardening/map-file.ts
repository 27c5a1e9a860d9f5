import { parsePostconf, splitList } from '@/lib/postfix/postconf';

// Postfix mysql_table(5) files. The new maps reuse the connection settings
// (hosts, user, password, dbname, TLS/option files) of a map the host
// already uses, with our own query. The password goes to the host only: the
// preview, the audit log and the browser get the masked rendering.

// Settings that define WHAT a map looks up; everything else is how to connect.
const LOOKUP_KEYS = new Set(['query', 'table', 'select_field', 'where_field', 'additional_conditions', 'result_format', 'domain', 'expansion_limit']);
const ORDER = ['hosts', 'user', 'password', 'dbname'];
export const MASK = '********';

export type MysqlMapRef = { prefix: string; path: string; dir: string; file: string };

/** `mysql:/etc/postfix/x.cf` or `proxy:mysql:...` entries of a map list such as virtual_mailbox_maps. */
export function mysqlMapsIn(value: string): MysqlMapRef[] {
  const out: MysqlMapRef[] = [];
  for (const token of splitList(value)) {
    const m = /^((?:proxy:)?mysql:)(\/\S*\/)([^/\s]+)$/.exec(token);
    if (m) out.push({ prefix: m[1]!, path: m[2]! + m[3]!, dir: m[2]!.replace(/\/$/, ''), file: m[3]! });
  }
  return out;
}

export function parseMapFile(text: string): Map<string, string> {
  return parsePostconf(text);
}

export function connectionSettings(source: Map<string, string>): [string, string][] {
  const keys = [...source.keys()].filter((k) => !LOOKUP_KEYS.has(k));
  keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys.map((k) => [k, source.get(k)!]);
}

const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);

export type RenderedMap = { name: string; content: string; masked: string };

export function renderMapFile(name: string, source: Map<string, string>, comment: string[], query: string): RenderedMap {
  if (!source.get('hosts') || !source.get('dbname')) throw new Error(`the source map has no hosts/dbname: cannot build ${name}`);
  const lines = (mask: boolean) => [
    ...comment.map((c) => `# ${c}`),
    ...connectionSettings(source).map(([k, v]) => `${k} = ${mask && k === 'password' ? MASK : v}`),
    `query = ${query}`,
    '',
  ];
  for (const [k, v] of source) if (/[\r\n\0]/.test(k + v)) throw new Error('map setting with a line break');
  return { name, content: lines(false).join('\n'), masked: lines(true).join('\n') };
}
