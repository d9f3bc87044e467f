import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../server/cli/errors.js';
import type { CliIo } from '../../../server/cli/io.js';
import { resolveDataDir, resolveDbPath } from '../../../server/serve/data-dir.js';
import { startServer, type RunningServer } from '../../../server/serve/serve-command.js';
import { resolveServeOptions } from '../../../server/serve/serve-options.js';
import { TEST_PIPELINE, V1 } from '../scan/test-pipeline.js';

const dirs: string[] = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'trustmap-serve-'));
  dirs.push(d);
  return d;
}
function io(env: Record<string, string> = {}): CliIo & { errText: () => string } {
  let err = '';
  return {
    out: () => undefined,
    err: (t) => (err += t),
    isTty: false,
    env,
    cwd: '/work',
    errText: () => err,
  };
}

describe('data directory and store path', () => {
  it('TRUSTMAP_DATA_DIR, else XDG_DATA_HOME/trustmap, else ~/.local/share/trustmap', () => {
    expect(resolveDataDir({ TRUSTMAP_DATA_DIR: 'data', XDG_DATA_HOME: '/x' }, '/w')).toBe(
      '/w/data',
    );
    expect(resolveDataDir({ XDG_DATA_HOME: '/x' }, '/w')).toBe('/x/trustmap');
    expect(resolveDataDir({ HOME: '/home/u' }, '/w')).toBe('/home/u/.local/share/trustmap');
    expect(resolveDbPath('my.db', { TRUSTMAP_DB: '/e.db' }, '/w')).toBe('/w/my.db');
    expect(resolveDbPath(undefined, { TRUSTMAP_DB: '/e.db' }, '/w')).toBe('/e.db');
    expect(resolveDbPath(undefined, { TRUSTMAP_DATA_DIR: '/d' }, '/w')).toBe('/d/trustmap.db');
  });
});

describe('serve options', () => {
  it('binds 127.0.0.1:8080 by default and honours TRUSTMAP_PORT and TRUSTMAP_DATA_DIR', () => {
    const o = resolveServeOptions(
      { demo: true },
      { TRUSTMAP_PORT: '9123', TRUSTMAP_DATA_DIR: '/data' },
      '/w',
    );
    expect(o).toMatchObject({
      host: '127.0.0.1',
      port: 9123,
      token: undefined,
      dataDir: '/data',
      dbPath: '/data/demo-40.db',
      mode: { kind: 'demo', dir: '/data/demo-org-40', accounts: 40 },
    });
    expect(resolveServeOptions({ db: 'x.db' }, {}, '/w')).toMatchObject({
      port: 8080,
      dbPath: '/w/x.db',
      mode: { kind: 'db' },
    });
  });

  it('refuses a non-loopback bind without a token', () => {
    expect(() => resolveServeOptions({ demo: true, host: '0.0.0.0' }, {}, '/w')).toThrow(
      UsageError,
    );
    expect(() => resolveServeOptions({ demo: true, host: '0.0.0.0' }, {}, '/w')).toThrow(
      /requires a token/,
    );
  });

  it('accepts a non-loopback bind with a token file or TRUSTMAP_TOKEN, and checks the token', () => {
    const d = temp();
    writeFileSync(join(d, 'token'), '9f8e7d6c5b4a39281706f5e4d3c2b1a0aa1b2c3d\n');
    expect(
      resolveServeOptions({ demo: true, host: '0.0.0.0', tokenFile: join(d, 'token') }, {}, '/w')
        .token,
    ).toBe('9f8e7d6c5b4a39281706f5e4d3c2b1a0aa1b2c3d');
    expect(
      resolveServeOptions(
        { demo: true, host: '0.0.0.0' },
        { TRUSTMAP_TOKEN: 'Zq7xW2vR9tY4uP1oL8kJ3hG6fD5sA0mN' },
        '/w',
      ).token,
    ).toBe('Zq7xW2vR9tY4uP1oL8kJ3hG6fD5sA0mN');
    writeFileSync(join(d, 'short'), 'short');
    expect(() =>
      resolveServeOptions({ demo: true, tokenFile: join(d, 'short') }, {}, '/w'),
    ).toThrow(/at least 32 random characters/);
    expect(() =>
      resolveServeOptions({ demo: true, tokenFile: join(d, 'missing') }, {}, '/w'),
    ).toThrow(/cannot be read/);
  });

  it('names the flag on bad values', () => {
    expect(() => resolveServeOptions({ demo: true, port: '99999' }, {}, '/w')).toThrow(
      '--port: expected a port number from 0 to 65535, got "99999"',
    );
    expect(() => resolveServeOptions({ demo: true }, { TRUSTMAP_PORT: 'http' }, '/w')).toThrow(
      /^TRUSTMAP_PORT:/,
    );
    expect(() => resolveServeOptions({ demo: true, fromDir: 'x' }, {}, '/w')).toThrow(
      '--from-dir and --demo: choose one',
    );
    expect(() => resolveServeOptions({}, {}, '/w')).toThrow(/choose what to serve/);
  });
});

describe('startServer', () => {
  it('on a non-loopback address requires the token on every /api call', async () => {
    const d = temp();
    const options = resolveServeOptions(
      { fromDir: V1, db: join(d, 't.db'), host: '0.0.0.0', port: '0' },
      { TRUSTMAP_TOKEN: 'serve-test-3f9a1c7e5b2d8046af1e9c3b7d5a2f80' },
      d,
    );
    const s = await startServer(options, io(), TEST_PIPELINE);
    servers.push(s);
    const port = new URL(s.url).port;
    const base = `http://127.0.0.1:${port}`;
    const denied = await fetch(`${base}/api/health`);
    expect(denied.status).toBe(401);
    const ok = await fetch(`${base}/api/health`, {
      headers: { authorization: 'Bearer serve-test-3f9a1c7e5b2d8046af1e9c3b7d5a2f80' },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { latestScan: number }).latestScan).toBe(1);
  });

  it('scans --from-dir at start, prints nothing secret, and serves the result on loopback', async () => {
    const d = temp();
    const cli = io();
    const options = resolveServeOptions(
      { fromDir: V1, db: join(d, 't.db'), port: '0' },
      { TRUSTMAP_TOKEN: 'serve-test-3f9a1c7e5b2d8046af1e9c3b7d5a2f80' },
      d,
    );
    const s = await startServer(options, cli, TEST_PIPELINE);
    servers.push(s);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(`${s.url}api/scans`, {
      headers: { authorization: 'Bearer serve-test-3f9a1c7e5b2d8046af1e9c3b7d5a2f80' },
    });
    expect(((await r.json()) as { total: number }).total).toBe(1);
    expect(cli.errText()).toContain('scanning');
    expect(cli.errText()).not.toContain('serve-test-3f9a1c7e5b2d8046af1e9c3b7d5a2f80');
  });
});

describe('serve options: hardening (issue 13, items 2 and 11)', () => {
  it('refuses a token of repeated or patterned characters and says how to make one', () => {
    for (const token of ['a'.repeat(16), 'a'.repeat(40), 'ab'.repeat(20), 'short-token']) {
      expect(() =>
        resolveServeOptions({ demo: true, host: '0.0.0.0' }, { TRUSTMAP_TOKEN: token }, '/w'),
      ).toThrow(/openssl rand -hex 32/);
    }
    const good = '4b1d9c2e7f0a3856b9e1c4d7a2f05e38';
    expect(
      resolveServeOptions({ demo: true, host: '0.0.0.0' }, { TRUSTMAP_TOKEN: good }, '/w').token,
    ).toBe(good);
  });

  it('trims the host before the loopback check and refuses spaces inside it', () => {
    expect(resolveServeOptions({ demo: true, host: '127.0.0.1 ' }, {}, '/w').host).toBe(
      '127.0.0.1',
    );
    expect(() => resolveServeOptions({ demo: true, host: '127.0.0.1 x' }, {}, '/w')).toThrow(
      /--host: expected an address/,
    );
  });

  it('answers the loopback names, the bound host and --allowed-host names only', () => {
    const o = resolveServeOptions({ demo: true, allowedHost: ['trustmap.example.com'] }, {}, '/w');
    expect(o.allowedHosts).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
      '::1',
      'trustmap.example.com',
    ]);
    expect(() => resolveServeOptions({ demo: true, allowedHost: ['bad name'] }, {}, '/w')).toThrow(
      /--allowed-host: "bad name" is not a host name/,
    );
    expect(
      resolveServeOptions({ demo: true }, { TRUSTMAP_BEHIND_TLS_PROXY: '1' }, '/w').behindTlsProxy,
    ).toBe(true);
  });

  it('binds "127.0.0.1 " instead of failing with exit 70, and refuses a foreign Host', async () => {
    const d = temp();
    const options = resolveServeOptions(
      { fromDir: V1, db: join(d, 't.db'), host: '127.0.0.1 ', port: '0' },
      {},
      d,
    );
    const s = await startServer(options, io(), TEST_PIPELINE);
    servers.push(s);
    const ok = await fetch(`${s.url}api/health`);
    expect(ok.status).toBe(200);
    const port = new URL(s.url).port;
    const rebound = await new Promise<number>((resolveStatus, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/api/findings', headers: { host: 'attacker.example' } },
        (res) => {
          res.resume();
          resolveStatus(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(421);
  });
});
