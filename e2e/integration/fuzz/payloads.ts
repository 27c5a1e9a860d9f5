import { randomBytes } from 'node:crypto';

// Hostile values. Every shell-ish one tries to create the canary file; the
// suite checks it never appears. No payload is a plausible valid value for
// a destructive action (no true/false, no 0 or 1, no real ids or names).

export const CANARY = `/tmp/mw-fuzz-canary-${randomBytes(6).toString('hex')}`;

export const hostileStrings: string[] = [
  `;touch ${CANARY}`,
  `$(touch ${CANARY})`,
  `\`touch ${CANARY}\``,
  `| touch ${CANARY}`,
  `&& touch ${CANARY} #`,
  `'; touch ${CANARY}; echo '`,
  `x\ntouch ${CANARY}\n`,
  '-rf',
  '--config=/tmp',
  '-c /tmp/evil',
  'a\u0000b',
  'line1\r\nX-Injected: 1',
  '😀@example.com',
  '𝐚𝐝𝐦𝐢𝐧@example.com',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fshadow',
  '%00',
  '\\',
  "' OR '1'='1",
  '{"$ne":1}',
  '<script>alert(1)</script>',
  '',
  ' ',
  'A'.repeat(100_000),
];

/** Query strings are text: numbers a lax parser would take, and the rest. */
export const hostileQueryValues: string[] = [...hostileStrings, '-1', '99999999999999999999', '0x10', '+5', ' 5', '1e3', 'NaN'];

/** Wrong JSON types and numbers out of any range. */
export const hostileJson: unknown[] = [-1, 1e308, 2 ** 64, -9007199254740993, 1.5, null, [], {}, { $ne: 1 }, [['nested']], ['-rf', `;touch ${CANARY}`]];

/** Whole bodies that are not what any route takes. */
export const hostileRawBodies: { text: string; type: string }[] = [
  { text: 'not json', type: 'application/json' },
  { text: '{', type: 'application/json' },
  { text: '\u0000', type: 'application/json' },
  { text: 'a=1&b=2', type: 'application/x-www-form-urlencoded' },
  { text: `;touch ${CANARY}`, type: 'text/plain' },
  { text: JSON.stringify('😀'.repeat(1000)), type: 'application/json' },
  { text: JSON.stringify([1, 2, 3]), type: 'application/json' },
  { text: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', type: 'application/json' },
];
