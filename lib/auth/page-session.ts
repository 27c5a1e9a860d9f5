import 'server-only';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import type { Principal } from './principal';
import { resolveSession, SESSION_COOKIE } from './session';

/** For server components: the signed-in principal, or a redirect to /login. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await resolveSession((await cookies()).get(SESSION_COOKIE)?.value);
  if (!principal) redirect('/login');
  return principal;
}

/** For administrators' pages: anyone else gets the console's 403 page (app/(console)/forbidden.tsx), not an error. */
export async function requireAdminPage(): Promise<Principal> {
  const principal = await requirePrincipal();
  if (principal.role !== 'admin') forbidden();
  return principal;
}
