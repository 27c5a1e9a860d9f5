import { notFound } from 'next/navigation';
import { requirePrincipal } from '@/lib/auth/page-session';
import { canAccessAddress } from '@/lib/auth/principal';
import { parseUsernameSegment } from '@/lib/mailboxes/route-params';
import { registeredHostNames } from '@/lib/hosts/registered';
import { ReportScreen } from './report-screen';

export const metadata = { title: 'Incident report' };

type Props = { params: Promise<{ username: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IncidentReportPage({ params, searchParams }: Props) {
  const principal = await requirePrincipal();
  const [{ username: raw }, sp, hosts] = await Promise.all([params, searchParams, registeredHostNames()]);
  const username = parseUsernameSegment(raw);
  if (!username || !canAccessAddress(principal, username)) notFound();
  const host = hosts.find((h) => h === sp.host) ?? hosts[0];
  if (!host) notFound();
  return <ReportScreen username={username} host={host} />;
}
