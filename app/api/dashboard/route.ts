// GET /api/dashboard — per host (or all hosts): queue sizes with history, top SASL logins and client IPs, forged share, remote sites refusing our mail.
import { withAuth } from '@/lib/api/with-auth';
import { hostOverview } from '@/lib/dashboard/host-overview';
import type { DashboardResponse } from '@/lib/dashboard/types';
import { hostsOf } from '@/lib/incident/route-params';

export const GET = withAuth(async ({ req, principal }) => {
  const { selected, hosts, all } = await hostsOf(req);
  const overviews = await Promise.all(hosts.map((h) => hostOverview(h, principal)));
  const body: DashboardResponse = { hosts: all, selected, overviews };
  return Response.json(body);
});
