import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePostconf } from '@/lib/postfix/postconf';
import { assess } from './assess';
import { containsAddress, parseNetworks } from '@/lib/postfix/networks';
import { smtpdServices } from './services';
import { seedFixLines, seedMainCf } from './testdata/seed';

// Output of Postfix 3.7's own `postconf -M` / `postconf -P` on the lab's
// master.cf plus a Debian-style submission service.
const fixture = (name: string) => readFileSync(path.join(__dirname, 'testdata', name), 'utf8');

describe('smtpdServices', () => {
  const services = smtpdServices(fixture('postconf-M.txt'), fixture('postconf-P.txt'));

  it('keeps only smtpd listeners, each with its -o overrides', () => {
    expect(services.map((s) => `${s.name}/${s.type}`)).toEqual(['smtp/inet', 'submission/inet']);
    expect(services[0]!.overrides.size).toBe(0);
    expect(Object.fromEntries(services[1]!.overrides)).toMatchObject({
      smtpd_sender_restrictions: '$mua_sender_restrictions',
      smtpd_recipient_restrictions: 'permit_sasl_authenticated,reject',
    });
  });

  it('lets assess() see that submission reads an undefined list, so the fix does not reach it', () => {
    const findings = assess(parsePostconf(seedMainCf() + seedFixLines()), services).filter((f) => f.service === 'submission/inet');
    expect(findings.map((f) => f.key)).toEqual(expect.arrayContaining(['sender-login.missing', 'not-understood.reference']));
  });
});

describe('containsAddress', () => {
  const lab = parseNetworks('127.0.0.0/30');
  it.each([
    ['127.0.0.1', true],
    ['127.0.0.3', true],
    ['127.0.0.200', false],
    ['10.1.2.3', false],
  ])('%s in 127.0.0.0/30 → %s', (ip, inside) => {
    expect(containsAddress(lab, ip)).toBe(inside);
  });

  it('cannot tell for a network table', () => {
    expect(containsAddress(parseNetworks('hash:/etc/postfix/network_table'), '10.0.0.1')).toBeNull();
  });
});
