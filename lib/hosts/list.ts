import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { unseal } from '@/lib/secrets/seal';
import { lastTestsOf, type LastTest } from './last-test';
import { type ClientKeyInfo, inspectPrivateKey } from './private-key';

// What the browser may know about a host: never the private key, only its
// public half (the line to put in authorized_keys).

export type HostKeyState = 'pinned' | 'pending' | 'changed' | 'untested';

export type HostPublic = {
  id: number;
  name: string;
  address: string;
  port: number;
  username: string;
  useSudo: boolean;
  postfixConfigDir: string | null;
  maillogPaths: string[];
  probeSourceIp: string | null;
  keyFrom: string | null;
  hostKeySha256: string | null;
  pendingHostKey: string | null;
  keyState: HostKeyState;
  clientKey: ClientKeyInfo | null;
  lastTest: LastTest | null;
  createdAt: string;
  updatedAt: string;
};

const select = {
  id: true,
  name: true,
  address: true,
  port: true,
  username: true,
  useSudo: true,
  postfixConfigDir: true,
  maillogPaths: true,
  probeSourceIp: true,
  keyFrom: true,
  hostKeySha256: true,
  pendingHostKey: true,
  privateKeySealed: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = Awaited<ReturnType<typeof findRows>>[number];
const findRows = (where?: { name: string }) => db().mwHost.findMany({ where, orderBy: { name: 'asc' }, select });

export function keyStateOf(pinned: string | null, pending: string | null): HostKeyState {
  if (pinned && pending && pending !== pinned) return 'changed';
  if (pinned) return 'pinned';
  return pending ? 'pending' : 'untested';
}

function clientKeyOf(row: Row): ClientKeyInfo | null {
  try {
    return inspectPrivateKey(unseal(row.privateKeySealed, env().MW_SECRET_KEY), `mailwarden@${row.name}`);
  } catch {
    return null; // sealed with another MW_SECRET_KEY: the test says so
  }
}

function toPublic(row: Row, lastTest: LastTest | null): HostPublic {
  const { privateKeySealed: _secret, maillogPaths, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    maillogPaths: Array.isArray(maillogPaths) ? maillogPaths.filter((p): p is string => typeof p === 'string') : [],
    keyState: keyStateOf(row.hostKeySha256, row.pendingHostKey),
    clientKey: clientKeyOf(row),
    lastTest,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export async function listHostsPublic(): Promise<HostPublic[]> {
  const rows = await findRows();
  const tests = await lastTestsOf(rows.map((r) => r.name));
  return rows.map((r) => toPublic(r, tests.get(r.name) ?? null));
}

export async function getHostPublic(name: string): Promise<HostPublic | null> {
  const [row] = await findRows({ name });
  if (!row) return null;
  return toPublic(row, (await lastTestsOf([row.name])).get(row.name) ?? null);
}
