import type { RemoteReply } from '@/lib/postfix/maillog';

// One remote refusal is logged thousands of times with small differences:
// our IP, the recipient, a session id, a time stamp. Grouping needs those
// blanked out, while the words that say why (TS03, IPBL0100, the list name,
// the link) stay. Pure text rules over short strings.

const RULES: [RegExp, string | ((m: string) => string)][] = [
  // Addresses first: they contain dots and digits the later rules would chew on.
  [/<[^<>\s]*@[^<>\s]*>/g, '<addr>'],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '<addr>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<ip>'],
  [/\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi, '<ip>'],
  // Session/trace ids: long runs mixing letters and digits (`WsCowAAnEhlCoEVa5GjcAA--.20089S3`).
  [/\b(?=[\w+/=-]*\d)(?=[\w+/=-]*[A-Za-z])[\w+/=-]{16,}(?:\.\w+)?/g, '#'],
  // Stand-alone numbers of 4+ digits: stamps, counters (codes like 554 and IPBL0100 survive).
  [/(?<![\w.])\d{4,}(?![\w.])/g, '#'],
  // Lower-case server names with numbers (`mx40`, `fed1rmimpi210`): one site, many machines.
  // Provider codes are upper-case (TS03, IPBL0100, S3140) and stay.
  [/(?<![\w.:/])[a-z]+\d[a-z\d]*(?![\w])/g, (m) => m.replace(/\d+/g, '#')],
  [/\s+/g, ' '],
];

export function normaliseReplyText(text: string): string {
  let s = text;
  for (const [re, to] of RULES) s = typeof to === 'string' ? s.replace(re, to) : s.replace(re, to);
  return s.trim().slice(0, 300);
}

// The same refusal repeats verbatim thousands of times: normalise each text once.
const memo = new Map<string, string>();
const MEMO_MAX = 20_000;

/** The text a group is keyed by: code, enhanced status, and the normalised words. */
export function replyKey(reply: RemoteReply): string {
  const id = `${reply.via}\0${reply.stage ?? ''}\0${reply.text}`;
  let key = memo.get(id);
  if (key === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    key = computeKey(reply);
    memo.set(id, key);
  }
  return key;
}

function computeKey(reply: RemoteReply): string {
  const text = normaliseReplyText(reply.text);
  if (reply.via === 'lost' || reply.via === 'timeout') return `${text}${reply.stage ? ` while ${reply.stage}` : ''}`;
  if (reply.via === 'connect' || reply.via === 'tls') return `${reply.via === 'tls' ? 'TLS: ' : 'connect: '}${text}`;
  return text;
}
