import { withDb } from './db';

// An open alert on a host the watcher does not know, so nothing resolves it
// while the phone spec looks at it; removed afterwards.

export async function insertTestAlert(host: string, user: string): Promise<number> {
  return withDb(async (c) => {
    const details = { vars: { total: 1234, limit: 1000 } };
    const [res] = await c.query(
      `INSERT INTO mw_alert (host, rule, alert_key, domain, severity, state, first_at, last_at, count, summary, details, link)
       VALUES (?, 'queue-size', 'e2e-phone', ?, 'critical', 'open', NOW(3) - INTERVAL 2 HOUR, NOW(3), 3, ?, ?, ?)`,
      [`${host}-e2e-phone`, user.split('@')[1] ?? null, 'The queue holds 1,234 messages (limit 1,000).', JSON.stringify(details), `/queue?host=${host}`],
    );
    return Number((res as { insertId: number }).insertId);
  });
}

export async function removeTestAlert(id: number): Promise<void> {
  await withDb((c) => c.query('DELETE FROM mw_alert WHERE id = ?', [id]));
}
