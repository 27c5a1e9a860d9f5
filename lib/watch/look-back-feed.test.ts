import { describe, expect, it } from 'vitest';
import { parseMaillogLine } from '@/lib/postfix/maillog';
import { feedLookBack } from './look-back-feed';
import { LogWindow } from './log-window';

// The look-back puts old lines into the window at their own time: an attack
// that ran in the last hour is in userActivity on the first tick.

const NOW = Date.parse('2026-12-07T08:00:00Z');
const line = (iso: string, id: string, ip: string) =>
  `${iso} mail postfix/smtpd[1]: ${id}: client=unknown[${ip}], sasl_method=LOGIN, sasl_username=info@example.com`;

describe('feedLookBack', () => {
  it('counts submissions of the last hour at their log time and skips older ones', () => {
    const w = new LogWindow();
    const feed = feedLookBack(w, NOW);
    const lines = [
      line('2026-12-07T06:30:00.000000+00:00', 'A1B2C3D4E5', '127.0.0.66'), // 90 min ago: outside
      ...Array.from({ length: 150 }, (_, i) =>
        line(`2026-12-07T07:${String(10 + (i % 40)).padStart(2, '0')}:00.000000+00:00`, `F${String(i).padStart(9, '0')}`, `127.0.1.${i % 7}`),
      ),
    ];
    for (const raw of lines) feed(parseMaillogLine(raw, { now: NOW }), raw);
    expect(feed.fed()).toBe(150);
    const [u] = w.userActivity(NOW, 60);
    expect(u).toMatchObject({ user: 'info@example.com', messages: 150, ipCount: 7 });
    // Nothing of it lands in "the last 10 minutes" (07:50 and later).
    expect(w.userActivity(NOW, 10)).toEqual([]);
  });
});
