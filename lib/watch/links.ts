// Where an alert sends the admin next: the queue filtered to the account, or
// the matching maillog view. Relative links; notifications prefix the
// console's public address.

type LinkRule =
  'queue-size' | 'queue-growth' | 'sasl-volume' | 'sasl-new-ip' | 'sasl-many-ips' | 'sasl-failures' | 'remote-blocks' | 'host-unreachable' | 'sasl-limit-hit';

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

export function alertLink(host: string, rule: LinkRule, user?: string): string {
  switch (rule) {
    case 'queue-size':
    case 'queue-growth':
      return `/queue?${q({ host })}`;
    case 'sasl-volume':
      return `/queue?${q({ host, saslUser: user ?? '' })}`;
    case 'sasl-new-ip':
    case 'sasl-many-ips':
      return `/logs?${q({ host, tab: 'logins', ...(user ? { user } : {}) })}`;
    case 'sasl-failures':
      return `/logs?${q({ host, tab: 'bruteforce' })}`;
    case 'remote-blocks':
      return `/logs?${q({ host, tab: 'blocks' })}`;
    case 'host-unreachable':
      return '/hosts';
    case 'sasl-limit-hit':
      return `/hardening?${q({ host, ...(user ? { user } : {}) })}#limits`;
  }
}
