// The console's HTTP server (`npm start [-- -p PORT -H HOST]`), Next's
// documented custom-server API around the production build. It exists for two
// things `next start` cannot do:
// - decide the client address from the TCP peer: forwarded headers are
//   removed unless the peer is in MW_TRUST_PROXY (Next keeps a client's own
//   X-Forwarded-For as it came), and the address goes to the app in one header;
// - answer methods a route does not implement with a JSON 405 (Next gives an
//   empty 405, and a 500 for TRACE/CONNECT/TRACK).
import { createServer } from 'node:http';
import next from 'next';
import { methodTable } from './lib/api/allowed-methods';
import { operations } from './lib/api/openapi';
import { screenRequest } from './lib/api/screen-request';
import { SERVER_MARK, trustCheck, trustProxySchema } from './lib/net/trusted-proxy';

// `pgrep -f next-server` finds the serving process (memory is measured there).
// Run with `node --require tsx/cjs`: the CommonJS hook runs in this thread
// (`--import tsx` adds a loader thread, ~50 MB).
process.title = 'next-server (mailwarden)';

function arg(names: string[], fallback: string | undefined): string | undefined {
  const argv = process.argv.slice(2);
  const at = argv.findIndex((a) => names.includes(a));
  return at >= 0 ? argv[at + 1] : fallback;
}

const port = Number(arg(['-p', '--port'], process.env.PORT ?? '3000'));
const hostname = arg(['-H', '--hostname'], process.env.HOSTNAME ?? '0.0.0.0')!;
const app = next({ dev: false, hostname, port, dir: __dirname });
const handle = app.getRequestHandler();
(globalThis as Record<symbol, unknown>)[SERVER_MARK] = true;
const allowedMethods = methodTable(operations);

// After prepare(): Next has loaded .env.local into process.env by then.
void app.prepare().then(() => {
  const trustList = trustProxySchema.safeParse(process.env.MW_TRUST_PROXY);
  if (!trustList.success || !Number.isInteger(port)) {
    const why = trustList.success ? `bad port ${port}` : `MW_TRUST_PROXY: ${trustList.error.issues.map((i) => i.message).join('; ')}`;
    console.error(`Mailwarden is not configured: ${why}`);
    process.exit(1);
  }
  const trusted = trustCheck(trustList.data);
  const server = createServer((req, res) => {
    // req.headers is rewritten in place: Next reads the screened copy.
    const answer = screenRequest({ method: req.method, url: req.url, headers: req.headers, peer: req.socket.remoteAddress ?? '' }, trusted, allowedMethods);
    if (!answer) return void handle(req, res);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  })
    // A port already taken must end the process: alive and not listening, it would look up to systemd.
    .once('error', (err) => {
      console.error(`Mailwarden cannot listen on ${hostname}:${port}: ${err.message}`);
      process.exit(1);
    })
    .listen(port, hostname, () => {
      console.log(`> Mailwarden on http://${hostname}:${port}${trustList.data.length ? ` (trusted proxies: ${trustList.data.join(', ')})` : ''}`);
    });
  // Node closes an idle keep-alive connection after 5 s. A client (a proxy's
  // upstream pool, a script's HTTP agent) that sends on it at that moment gets
  // ECONNRESET. Idle connections stay open longer than the usual client and
  // proxy pools keep them (nginx: 60 s), so the client is the one that closes.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 80_000;
});
