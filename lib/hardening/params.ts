import { splitRestrictions, type RestrictionItem } from '@/lib/postfix/postconf';

// Where a parameter's value comes from, in Postfix's own order: a master.cf
// `-o` override of the service, then main.cf (`postconf -n`), then the
// host's effective default (`postconf -x name...`), then the defaults of
// Postfix 3.x at compatibility level >= 2 when the host was not asked.

export const BUILTIN_DEFAULTS: Record<string, string> = {
  smtpd_client_restrictions: '',
  smtpd_helo_restrictions: '',
  smtpd_sender_restrictions: '',
  smtpd_relay_restrictions: 'permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination',
  smtpd_recipient_restrictions: '',
  smtpd_data_restrictions: '',
  smtpd_end_of_data_restrictions: '',
  smtpd_etrn_restrictions: '',
  smtpd_restriction_classes: '',
  smtpd_sender_login_maps: '',
  smtpd_sasl_auth_enable: 'no',
  smtpd_sasl_security_options: 'noanonymous',
  broken_sasl_auth_clients: 'no',
  smtpd_tls_auth_only: 'no',
  smtpd_tls_security_level: '',
  smtpd_use_tls: 'no',
  smtpd_enforce_tls: 'no',
  smtpd_tls_cert_file: '',
  smtpd_tls_chain_files: '',
  smtpd_client_message_rate_limit: '0',
  smtpd_client_recipient_rate_limit: '0',
  anvil_rate_time_unit: '60s',
  mynetworks_style: 'host',
  config_directory: '/etc/postfix',
};

export const RESTRICTION_LISTS = [
  'smtpd_client_restrictions',
  'smtpd_helo_restrictions',
  'smtpd_sender_restrictions',
  'smtpd_relay_restrictions',
  'smtpd_recipient_restrictions',
  'smtpd_data_restrictions',
  'smtpd_end_of_data_restrictions',
  'smtpd_etrn_restrictions',
] as const;

export type Source = 'service' | 'main' | 'default';
export type Resolved = { name: string; value: string; source: Source; raw: string };

export class ParamView {
  constructor(
    readonly main: Map<string, string>,
    readonly effective: Map<string, string> = new Map(),
    readonly service?: { label: string; overrides: Map<string, string> },
  ) {}

  get(name: string): Resolved {
    const o = this.service?.overrides.get(name);
    if (o !== undefined) return { name, value: o, source: 'service', raw: o };
    const m = this.main.get(name);
    if (m !== undefined) return { name, value: m, source: 'main', raw: m };
    const value = this.effective.get(name) ?? BUILTIN_DEFAULTS[name] ?? '';
    return { name, value, source: 'default', raw: value };
  }

  value(name: string): string {
    return this.get(name).value;
  }

  isSet(name: string): boolean {
    return this.service?.overrides.has(name) === true || this.main.has(name);
  }

  /** `name = value` as the admin would find it (with where it comes from). */
  evidence(name: string): string {
    const r = this.get(name);
    if (r.source === 'service') return `${this.service!.label}: -o ${name}=${r.value}`;
    if (r.source === 'main') return `${name} = ${r.value}`;
    return r.value ? `${name} = ${r.value}   (default)` : `${name} =   (default: empty)`;
  }

  /**
   * A restriction list with its `$name` / `${name}` references replaced by
   * their values (Postfix expands them the same way). Names that resolve to
   * nothing are returned in `unresolved`.
   */
  restrictions(name: string): { items: RestrictionItem[]; unresolved: string[] } {
    const unresolved: string[] = [];
    const expand = (value: string, depth: number): string =>
      value.replace(/\$(?:\{([A-Za-z0-9_]+)\}|\(([A-Za-z0-9_]+)\)|([A-Za-z0-9_]+))/g, (_m, a?: string, b?: string, c?: string) => {
        const ref = (a ?? b ?? c)!;
        const known = this.isSet(ref) || this.effective.has(ref) || ref in BUILTIN_DEFAULTS;
        if (!known || depth > 8) {
          unresolved.push(ref);
          return '';
        }
        return expand(this.value(ref), depth + 1);
      });
    return { items: splitRestrictions(expand(this.value(name), 0)), unresolved };
  }
}

const YES = /^(yes|true|1)$/i;
export const isYes = (v: string) => YES.test(v.trim());
