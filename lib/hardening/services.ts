import type { SmtpdService } from './types';

// master.cf as Postfix itself reports it: `postconf -M` (one line per
// service: name type private unpriv chroot wakeup maxproc command args) and
// `postconf -P` (the -o overrides as service/type/name = value). Only smtpd
// services matter here; postscreen's `smtpd pass` service counts too.

export type MasterEntry = { name: string; type: string; command: string };

export function parsePostconfM(text: string): MasterEntry[] {
  const out: MasterEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || /^\s/.test(line) || line.startsWith('#')) continue;
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    out.push({ name: f[0]!, type: f[1]!, command: f[7]! });
  }
  return out;
}

export function parsePostconfP(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const line of text.split('\n')) {
    const m = /^([^/\s]+)\/([^/\s]+)\/([A-Za-z0-9_.-]+)\s*=\s?(.*)$/.exec(line.trimEnd());
    if (!m) continue;
    const key = `${m[1]}/${m[2]}`;
    if (!out.has(key)) out.set(key, new Map());
    out.get(key)!.set(m[3]!, m[4]!.trim());
  }
  return out;
}

export function smtpdServices(postconfM: string, postconfP: string): SmtpdService[] {
  const overrides = parsePostconfP(postconfP);
  return parsePostconfM(postconfM)
    .filter((e) => e.command === 'smtpd' && (e.type === 'inet' || e.type === 'pass'))
    .map((e) => ({ name: e.name, type: e.type, overrides: overrides.get(`${e.name}/${e.type}`) ?? new Map() }));
}
