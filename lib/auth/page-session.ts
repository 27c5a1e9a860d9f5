import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { forbidden } from '@/lib/errors';
import type { Principal } from './principal';
import { resolveSession, SESSION_COOKIE } from './session';

/** For server components: the signed-in principal, or a redirect to /login. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await resolveSession((await cookies()).get(SESSION_COOKIE)?.value);
  if (!principal) redirect('/login');
  return principal;
}

export async function requireAdminPage(): Promise<Principal> {
  const principal = await requirePrincipal();
  if (principal.role !== 'admin') throw forbidden('Administrators only.');
  return principal;
}
