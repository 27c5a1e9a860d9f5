import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseStartScript, serveCommand } from './serve-command';
import { afterAll, describe, expect, it } from 'vitest';

// The files under deploy/ are checked by the tools that will read them:
// systemd-analyze for the unit, nginx -t for the proxy example (with a
// self-signed certificate made here). scripts/setup installs both from
// Debian; a machine without them skips with the reason printed.

const root = path.resolve(__dirname, '..');
const deploy = (f: string) => path.join(root, 'deploy', f);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const skipNote = (cmd: string) => {
  if (!has(cmd)) console.warn(`deploy checks: ${cmd} is not installed, skipped (bash scripts/setup installs it)`);
  return !has(cmd);
};

describe('deploy/mailwarden.service', () => {
  it.skipIf(skipNote('systemd-analyze'))('passes systemd-analyze verify without a single warning', () => {
    const res = spawnSync('systemd-analyze', ['verify', deploy('mailwarden.service')], { encoding: 'utf8' });
    // verify also loads the machine's other units; their warnings (a Debian
    // package's unit, say) are not ours to fix.
    const ours = (res.stderr + res.stdout).split('\n').filter((l) => l.trim() && !/^\/(?:lib|usr\/lib|etc)\/systemd\/system\//.test(l));
    expect(ours).toEqual([]);
    expect(res.status).toBe(0);
  });

  it.skipIf(skipNote('systemd-analyze'))('is hardened: systemd-analyze security rates its exposure at most 2.0', () => {
    const res = spawnSync('systemd-analyze', ['security', '--offline=yes', '--no-pager', deploy('mailwarden.service')], { encoding: 'utf8' });
    const level = /Overall exposure level for mailwarden\.service: ([\d.]+)/.exec(res.stdout)?.[1];
    expect(level, res.stdout + res.stderr).toBeDefined();
    expect(Number(level)).toBeLessThanOrEqual(2.0);
  });

  it('runs as the unprivileged console user with the environment file, and never lets V8 lose its JIT', () => {
    const unit = readFileSync(deploy('mailwarden.service'), 'utf8');
    expect(unit).toMatch(/^User=mailwarden-console$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/mailwarden\/console\.env$/m);
    expect(unit).toMatch(/^NoNewPrivileges=yes$/m);
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    expect(unit).not.toMatch(/^MemoryDenyWriteExecute=yes/m);
    // The same command as `npm start`, with the same environment (the memory settings among it).
    const start = serveCommand(root);
    const execStart = /^ExecStart=\/usr\/bin\/node (.*)$/m.exec(unit)?.[1];
    expect(execStart?.split(/\s+/)).toEqual(start.args);
    const unitEnv = [...unit.matchAll(/^Environment=(.*)$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    for (const [k, v] of Object.entries(start.env)) expect(unitEnv, `${k} as npm start sets it`).toContain(`${k}=${v}`);
  });
});

describe('deploy/nginx-mailwarden.conf', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-nginx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(skipNote('nginx') || skipNote('openssl'))('passes nginx -t with a self-signed certificate in place of the real one', () => {
    const [crt, key] = [path.join(dir, 'fullchain.pem'), path.join(dir, 'privkey.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=console.example.com', '-keyout', key, '-out', crt], {
      stdio: 'ignore',
    });
    const site = readFileSync(deploy('nginx-mailwarden.conf'), 'utf8')
      .replace('/etc/letsencrypt/live/console.example.com/fullchain.pem', crt)
      .replace('/etc/letsencrypt/live/console.example.com/privkey.pem', key);
    expect(site).toContain(crt);
    writeFileSync(path.join(dir, 'site.conf'), site);
    // A minimal main config around the site, as Debian's nginx.conf includes sites-enabled/*.
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  include ${dir}/site.conf;\n}\n`,
    );
    const res = spawnSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(res.stderr).toMatch(/syntax is ok/);
    expect(res.stderr).toMatch(/test is successful/);
    expect(res.stderr).not.toMatch(/\[warn\]/);
    expect(res.status).toBe(0);
  });

  it('redirects HTTP to HTTPS and passes the forwarded headers the console believes from MW_TRUST_PROXY', () => {
    const conf = readFileSync(deploy('nginx-mailwarden.conf'), 'utf8');
    expect(conf).toMatch(/listen 80;[\s\S]*return 301 https:\/\/\$host\$request_uri;/);
    for (const h of ['X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Host', 'Host']) expect(conf).toMatch(new RegExp(`proxy_set_header ${h} `));
    expect(conf).toMatch(/client_max_body_size \d+m;/);
  });
});

describe('deploy/console.env.example', () => {
  it('documents every variable lib/env.ts validates, each with a comment above it', () => {
    const schemaKeys = [...readFileSync(path.join(root, 'lib/env.ts'), 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)]
      .map((m) => m[1]!)
      .filter((k) => k !== 'NODE_ENV');
    expect(schemaKeys).toEqual(expect.arrayContaining(['DATABASE_URL', 'MW_DATABASE_URL', 'MW_SECRET_KEY']));
    const lines = readFileSync(deploy('console.env.example'), 'utf8').split('\n');
    for (const key of [...schemaKeys, 'MW_TRUST_PROXY']) {
      const at = lines.findIndex((l) => new RegExp(`^#?${key}=`).test(l));
      expect(at, `${key} is missing`).toBeGreaterThan(0);
      expect(lines[at - 1], `${key} has no comment`).toMatch(/^#/);
    }
  });
});

describe('the start command (scripts/serve-command.ts)', () => {
  it('splits "VAR=value ... node <args>" into the environment and node arguments', () => {
    expect(parseStartScript('NODE_ENV=production MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --require tsx/cjs server.ts')).toEqual({
      env: { NODE_ENV: 'production', MALLOC_ARENA_MAX: '2' },
      args: ['--max-semi-space-size=4', '--require', 'tsx/cjs', 'server.ts'],
    });
  });

  it('refuses a script it would have to guess at', () => {
    expect(() => parseStartScript('npm run serve')).toThrow(/not "VAR=value/);
  });
});
