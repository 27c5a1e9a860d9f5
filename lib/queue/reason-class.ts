// Groups delay reasons that say the same thing. The text Postfix logs
// differs per message (recipient addresses, per-MX host names and IPs,
// queue ids, "delivery temporarily suspended:" after the first failure);
// the remote reply that matters does not. What is stripped is replaced by a
// placeholder, so the class still reads like the original.

const SUSPENDED = /^delivery temporarily suspended:\s*/i;
const EMAIL = /<?[^\s<>@]+@[^\s<>@;,]+>?/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
const IPV6 = /\b(?:IPv6:)?(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\b/gi;
// host mx3.am0.yahoodns.net[...] -> host *.yahoodns.net[...]: one class per provider, not per MX.
const HOST = /\bhost (?:[A-Za-z0-9-]+\.)*?([A-Za-z0-9-]+\.[A-Za-z]{2,})\[/g;
const QUEUE_ID = /\b[0-9A-F]{10,}\b/g;
const MAX = 240;

export function reasonClass(reason: string): string {
  const out = reason
    .replace(SUSPENDED, '')
    .replace(EMAIL, '<address>')
    .replace(HOST, (_m, domain: string) => `host *.${domain}[`)
    .replace(IPV4, '<ip>')
    .replace(IPV6, (m) => (m.replace(/[^:]/g, '').length >= 2 && /[0-9a-f]/i.test(m) ? '<ip>' : m))
    .replace(QUEUE_ID, '<id>')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > MAX ? `${out.slice(0, MAX - 1)}…` : out;
}
