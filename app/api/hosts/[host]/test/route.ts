// POST /api/hosts/{host}/test — connect and report Postfix version, status, queue counts, sudo rights, perl and the host key.
import { AppError } from '@/lib/errors';
import { withAuth } from '@/lib/api/with-auth';
import { testHostConnection } from '@/lib/hosts/connection-test';
import { getHostPublic } from '@/lib/hosts/list';

export const POST = withAuth(
  async ({ host: name, audit }) => {
    if (!(await getHostPublic(name))) throw new AppError('not_found', 'Host not found.');
    // A failed test is a result, not an API error: the report says what went wrong.
    const report = await testHostConnection(name);
    await audit({
      action: 'host.test',
      target: name,
      host: name,
      result: { ok: report.ok, failure: report.failure?.kind ?? null, version: report.postfix?.version ?? null, hostKey: report.hostKey },
      ok: report.ok,
      error: report.failure?.message ?? report.problems[0] ?? null,
    });
    return Response.json(report);
  },
  { role: 'admin', host: 'name' },
);
