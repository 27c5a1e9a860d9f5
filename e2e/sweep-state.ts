import type mysql from 'mysql2/promise';
import { withDb, withExtmail } from './db';

// What the weak-password spec changes, saved before and written back after,
// row for row: the mailboxes it resets (later specs log in as info@example.com
// with the seed password over SMTP) and the sweep's own tables (a flag left
// behind would change the suspicion score other specs read).

// The mailbox columns the console may write (scripts/grants.ts MAILBOX_UPDATE).
const MAILBOX_COLUMNS = ['password', 'clearpwd', 'disablesmtpd'] as const;
const SWEEP_TABLES = ['mw_password_flag', 'mw_password_sweep'] as const;

type Row = Record<string, unknown>;
export type SweepState = { mailboxes: Row[]; tables: Record<(typeof SWEEP_TABLES)[number], Row[]> };

const rowsOf = async (c: mysql.Connection, sql: string, args: unknown[] = []) => (await c.query(sql, args))[0] as Row[];

export async function saveState(usernames: string[]): Promise<SweepState> {
  const mailboxes = await withExtmail((c) => rowsOf(c, 'SELECT * FROM mailbox WHERE username IN (?) ORDER BY username', [usernames]));
  if (mailboxes.length !== usernames.length) throw new Error(`expected mailboxes ${usernames.join(', ')} in the lab, found ${mailboxes.length}`);
  const tables = await withDb(async (c) => ({
    mw_password_flag: await rowsOf(c, 'SELECT * FROM mw_password_flag ORDER BY username'),
    mw_password_sweep: await rowsOf(c, 'SELECT * FROM mw_password_sweep ORDER BY id'),
  }));
  return { mailboxes, tables };
}

export async function restoreState(saved: SweepState): Promise<void> {
  await withExtmail(async (c) => {
    for (const row of saved.mailboxes) {
      await c.query(`UPDATE mailbox SET ${MAILBOX_COLUMNS.map((k) => `\`${k}\` = ?`).join(', ')} WHERE username = ?`, [
        ...MAILBOX_COLUMNS.map((k) => row[k]),
        row.username,
      ]);
    }
  });
  await withDb(async (c) => {
    for (const table of SWEEP_TABLES) {
      await c.query(`DELETE FROM \`${table}\``);
      for (const row of saved.tables[table]) {
        const cols = Object.keys(row);
        await c.query(`INSERT INTO \`${table}\` (${cols.map((k) => `\`${k}\``).join(', ')}) VALUES (?)`, [cols.map((k) => row[k])]);
      }
    }
  });
}

/** Throws unless the lab reads exactly as saved. */
export async function assertRestored(saved: SweepState): Promise<void> {
  const now = await saveState(saved.mailboxes.map((r) => String(r.username)));
  const same = JSON.stringify(now) === JSON.stringify(saved);
  if (!same) throw new Error(`the lab was not put back as it was:\nbefore ${JSON.stringify(saved)}\nafter  ${JSON.stringify(now)}`);
}
