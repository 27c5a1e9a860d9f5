// GET /api/incidents/{username}/report?host=&format=json|md — the incident report: timeline from the maillog and the audit log, and the numbers (held, deleted, quarantined, reset, config backup, probes), what is still open and the delisting checklist.
import { withAuth } from '@/lib/api/with-auth';
import { getTranslator } from '@/lib/i18n/server';
import { loadReport } from '@/lib/incident/report-load';
import { reportMarkdown } from '@/lib/incident/report-text';
import { saveReport } from '@/lib/incident/records';
import { incidentTarget } from '@/lib/incident/route-params';
import { reportQuerySchema } from '@/lib/incident/schemas';

export const GET = withAuth<{ username: string }>(async ({ req, params, principal }) => {
  const { host, username } = await incidentTarget(req, params.username, principal);
  const { format } = reportQuerySchema.parse({ host, format: new URL(req.url).searchParams.get('format') ?? undefined });
  const report = await loadReport(host, principal, username);
  const { t, locale } = await getTranslator();
  const md = reportMarkdown(t, report, locale);
  // The incident record keeps the latest report it was read with.
  await saveReport(host, report.username, md).catch(() => undefined);
  if (format === 'json') return Response.json(report);
  const file = `incident-${report.username.replace(/[^A-Za-z0-9.@_-]/g, '_')}-${host}.md`;
  return new Response(md, { headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="${file}"` } });
});
