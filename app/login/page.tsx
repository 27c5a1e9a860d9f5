import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { resolveSession, SESSION_COOKIE } from '@/lib/auth/session';
import { LoginScreen } from './login-screen';

export const metadata = { title: 'Sign in' };

export default async function LoginPage() {
  // Already signed in: go straight to the console.
  const principal = await resolveSession((await cookies()).get(SESSION_COOKIE)?.value).catch(() => null);
  if (principal) redirect('/');
  return <LoginScreen />;
}
