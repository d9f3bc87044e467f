import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    writeFileSync(join(d, 'token'), 'abcdefghijklmnop1234\n');
    expect(
      resolveServeOptions({ demo: true, host: '0.0.0.0', tokenFile: join(d, 'token') }, {}, '/w')
        .token,
    ).toBe('abcdefghijklmnop1234');
    expect(
      resolveServeOptions(
        { demo: true, host: '0.0.0.0' },
        { TRUSTMAP_TOKEN: 'zyxwvutsrqponmlk9' },
        '/w',
      ).token,
    ).toBe('zyxwvutsrqponmlk9');
    writeFileSync(join(d, 'short'), 'short');
    expect(() =>
      resolveServeOptions({ demo: true, tokenFile: join(d, 'short') }, {}, '/w'),
    ).toThrow(/at least 16 characters/);
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
      { TRUSTMAP_TOKEN: 'serve-test-token-123456' },
      d,
    );
    const s = await startServer(options, io(), TEST_PIPELINE);
    servers.push(s);
    const port = new URL(s.url).port;
    const base = `http://127.0.0.1:${port}`;
    const denied = await fetch(`${base}/api/health`);
    expect(denied.status).toBe(401);
    const ok = await fetch(`${base}/api/health`, {
      headers: { authorization: 'Bearer serve-test-token-123456' },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { latestScan: number }).latestScan).toBe(1);
  });

  it('scans --from-dir at start, prints nothing secret, and serves the result on loopback', async () => {
    const d = temp();
    const cli = io();
    const options = resolveServeOptions(
      { fromDir: V1, db: join(d, 't.db'), port: '0' },
      { TRUSTMAP_TOKEN: 'serve-test-token-123456' },
      d,
    );
    const s = await startServer(options, cli, TEST_PIPELINE);
    servers.push(s);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(`${s.url}api/scans`, {
      headers: { authorization: 'Bearer serve-test-token-123456' },
    });
    expect(((await r.json()) as { total: number }).total).toBe(1);
    expect(cli.errText()).toContain('scanning');
    expect(cli.errText()).not.toContain('serve-test-token-123456');
  });
});
