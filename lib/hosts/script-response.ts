// The enroll script as a download: plain text, never cached, named for the host.
export function scriptResponse(host: string, script: string): Response {
  return new Response(script, {
    headers: {
      'content-type': 'text/x-shellscript; charset=utf-8',
      'content-disposition': `attachment; filename="mailwarden-enroll-${host}.sh"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
