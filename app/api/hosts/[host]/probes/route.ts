// POST /api/hosts/{host}/probes — live SMTP probes (relay, forged-sender, own-sender, blocked-login) from the probe source address; never DATA.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { hostFacts, postconfEffective } from '@/lib/hardening/host-io';
import { probesBodySchema } from '@/lib/probes/schemas';
import { auditableRun, runProbesOnHost } from '@/lib/probes/run-probes';

export const POST = withAuth(
  async ({ req, host, audit }) => {
    const body = probesBodySchema.parse(await jsonBody(req));
    await hostFacts(host);
    // Only to warn when the probe source sits inside mynetworks; probes run without it.
    const mynetworks = (await postconfEffective(host, ['mynetworks']).catch(() => new Map<string, string>())).get('mynetworks');
    const run = await runProbesOnHost(host, body.probes, body.auth, { mynetworks });
    const failed = run.results.filter((r) => !r.passed).map((r) => r.name);
    await audit({
      action: 'probes.run',
      target: host,
      host,
      params: { probes: body.probes, mailbox: body.auth?.username ?? null },
      result: auditableRun(run),
      ok: failed.length === 0,
      error: failed.length ? `failed: ${failed.join(', ')}` : null,
    });
    return Response.json(run);
  },
  { role: 'admin', host: 'name' },
);
