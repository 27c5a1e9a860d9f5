import 'server-only';
import { db } from '@/lib/db';

// What the suspicion score asks of the sweep: which of these logins have a
// password it guessed (and not reset since), named by the finding.

export async function guessableLogins(usernames: string[]): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const rows = await db().mwPasswordFlag.findMany({
    where: { username: { in: usernames.map((u) => u.toLowerCase()) }, guessSource: { not: null }, NOT: { action: 'reset' } },
    select: { username: true, guessSource: true, guessPattern: true, guessRank: true },
  });
  return new Map(
    rows.map((r) => [
      r.username,
      r.guessSource === 'common' ? `common list #${r.guessRank}` : r.guessSource === 'pattern' ? (r.guessPattern ?? 'pattern') : 'console list',
    ]),
  );
}
