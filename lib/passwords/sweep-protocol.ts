import type { Finding } from './matcher';
import type { Scheme } from '@/lib/auth/crypto';

// Messages between the console process and the sweep's child process (IPC).
// Hashes go down the pipe; only findings come back, never a password.

export type ChildInit = { type: 'init'; duty: number; patterns: boolean; year: number };
export type ChildTest = { type: 'test'; username: string; stored: string };
export type ToChild = ChildInit | ChildTest;

export type ChildResult = {
  type: 'result';
  username: string;
  outcome: 'guessable' | 'not-found' | 'untestable';
  finding: Finding | null;
  scheme: Scheme;
  tried: number;
  plainStored: boolean;
};
export type FromChild = { type: 'ready'; candidates: number } | ChildResult | { type: 'error'; message: string };
