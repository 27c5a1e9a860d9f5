import 'server-only';
import { ownOriginOf } from '@/lib/api/request-meta';
import { enrollCommand, issueEnrollToken } from './enrollment';

// What Add Host shows after saving: the one command for the mail host (with a
// fresh token), and where an admin downloads the same script to read first.

export type EnrollOffer = { command: string | null; expiresAt: string; scriptPath: string; fileName: string };

const PLAIN_ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

export async function enrollmentFor(host: string, req: Request): Promise<EnrollOffer> {
  const { token, expiresAt } = await issueEnrollToken(host);
  const origin = ownOriginOf(req);
  return {
    // Only an origin of plain characters goes into a command an admin pastes as root.
    command: origin && PLAIN_ORIGIN.test(origin) ? enrollCommand(origin, token) : null,
    expiresAt: expiresAt.toISOString(),
    scriptPath: `/api/hosts/${host}/enroll-script`,
    fileName: `mailwarden-enroll-${host}.sh`,
  };
}
