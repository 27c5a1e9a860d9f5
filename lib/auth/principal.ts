// Who is acting. Admins act everywhere; postmasters only inside the domains
// extman's domain_manager table gives them.

export type Role = 'admin' | 'postmaster';

export type Principal = {
  username: string;
  role: Role;
  /** Lower-case domains; empty for admins (they have all). */
  domains: string[];
  sessionId: string;
  /** The API token acting (mw_api_token.id), when the request came with one. */
  tokenId?: string;
};

export function isAdmin(p: Pick<Principal, 'role'>): boolean {
  return p.role === 'admin';
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

export function canAccessDomain(p: Pick<Principal, 'role' | 'domains'>, domain: string): boolean {
  if (p.role === 'admin') return true;
  return p.domains.includes(domain.toLowerCase());
}

/** A mailbox, sender or SASL user is in reach when its domain is. */
export function canAccessAddress(p: Pick<Principal, 'role' | 'domains'>, address: string): boolean {
  return canAccessDomain(p, domainOf(address));
}

/** extman's `type` column: 'admin' or 'postmaster'; anything else is treated as the weaker role. */
export function roleFromManagerType(type: string): Role {
  return type.trim().toLowerCase() === 'admin' ? 'admin' : 'postmaster';
}
