import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHostNames, hostName, isLoopbackHost } from '../../../server/http/security.js';
import { listScans } from '../../../server/store/scans.js';
import { buildFixture, type Fixture } from './api-fixture.js';

const TOKEN = 'test-token-0123456789abcdef';
let f: Fixture;
const log: { path: string; status: number }[] = [];
beforeAll(async () => {
  f = await buildFixture({ app: { token: TOKEN, log: (line) => log.push(line) } });
});
afterAll(() => {
  f.db.close();
  rmSync(f.dir, { recursive: true, force: true });
});

describe('bearer token on /api', () => {
  it('401 without a token, with a wrong one, or with another scheme', async () => {
    for (const header of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
    ]) {
      const req = request(f.app).get('/api/health');
      const r = await (header === undefined ? req : req.set('Authorization', header));
      expect(r.status).toBe(401);
      expect(r.headers['www-authenticate']).toBe('Bearer realm="trustmap"');
      expect(r.body).toEqual({
        error: {
          code: 'unauthorized',
          message: 'a valid bearer token is required (Authorization: Bearer <token>)',
        },
      });
    }
  });

  it('the right token opens every /api call, including POST', async () => {
    const r = await request(f.app).get('/api/health').set('Authorization', `Bearer ${TOKEN}`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    const nf = await request(f.app).get('/api/nothing').set('Authorization', `Bearer ${TOKEN}`);
    expect(nf.status).toBe(404);
    const unauth = await request(f.app).get('/api/nothing');
    expect(unauth.status).toBe(401);
  });

  it('the page at / needs no token; the access log never holds the token or the query', async () => {
    expect((await request(f.app).get('/')).status).toBe(200);
    await request(f.app).get(`/api/search?q=secretquery`).set('Authorization', `Bearer ${TOKEN}`);
    const text = JSON.stringify(log);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('secretquery');
    expect(log.some((l) => l.path === '/api/search' && l.status === 200)).toBe(true);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['example.com', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('DNS rebinding: only the names the server is bound to are answered (issue 13, item 2)', () => {
  let own: Fixture;
  beforeAll(async () => {
    own = await buildFixture({
      app: { allowedHosts: allowedHostNames('127.0.0.1', ['trustmap.internal.example']) },
    });
  });
  afterAll(() => {
    own.db.close();
    rmSync(own.dir, { recursive: true, force: true });
  });

  it('421 for a page on another name resolved to 127.0.0.1, for every path', async () => {
    for (const path of ['/api/findings', '/api/health', '/']) {
      for (const host of ['attacker.example', 'attacker.example:8080', '127.0.0.1.nip.io', '']) {
        const r = await request(own.app).get(path).set('Host', host);
        expect(r.status, `${host} ${path}`).toBe(421);
        expect(r.body).toEqual({
          error: {
            code: 'misdirected-host',
            message:
              'this server does not answer for that Host name; open it by an address it is bound to, or start it with --allowed-host NAME',
          },
        });
      }
    }
  });

  it('answers loopback names, the bound address and --allowed-host names', async () => {
    for (const host of [
      'localhost:8080',
      'LOCALHOST',
      '127.0.0.1:8080',
      '127.0.0.2',
      '[::1]:8080',
      'trustmap.internal.example',
      'trustmap.internal.example.:443',
    ]) {
      const r = await request(own.app).get('/api/health').set('Host', host);
      expect(r.status, host).toBe(200);
    }
  });

  it('allowedHostNames adds the bound address unless it is a wildcard', () => {
    expect(allowedHostNames('10.0.0.5')).toContain('10.0.0.5');
    expect(allowedHostNames('0.0.0.0')).toEqual(['localhost', '127.0.0.1', '[::1]', '::1']);
    expect(allowedHostNames('fd00::1')).toContain('[fd00::1]');
    expect(hostName('Evil.Example.:80')).toBe('evil.example');
    expect(hostName('a b')).toBeUndefined();
  });
});

describe('cross-site POST (issue 13, item 3)', () => {
  let own: Fixture;
  beforeAll(async () => {
    own = await buildFixture({ app: { allowedHosts: allowedHostNames('127.0.0.1') } });
  });
  afterAll(() => {
    own.db.close();
    rmSync(own.dir, { recursive: true, force: true });
  });
  const started = (): number => listScans(own.db).total;

  it('a text/plain or form POST from another origin starts nothing', async () => {
    const before = started();
    const cases: [Record<string, string>, string, number, string][] = [
      [
        { Origin: 'http://attacker.example', 'Sec-Fetch-Site': 'cross-site' },
        'text/plain',
        403,
        'forbidden-origin',
      ],
      [{ Origin: 'http://attacker.example' }, 'text/plain', 403, 'forbidden-origin'],
      [{ Origin: 'null' }, 'application/json', 403, 'forbidden-origin'],
      [{ 'Sec-Fetch-Site': 'same-site' }, 'application/json', 403, 'forbidden-origin'],
      [{ Origin: 'http://localhost:9999' }, 'application/json', 403, 'forbidden-origin'],
      [{}, 'text/plain', 415, 'unsupported-media-type'],
      [{}, 'application/x-www-form-urlencoded', 415, 'unsupported-media-type'],
      [
        { Origin: 'http://localhost:8080', 'Sec-Fetch-Site': 'same-origin' },
        'text/plain',
        415,
        'unsupported-media-type',
      ],
    ];
    for (const [headers, type, status, code] of cases) {
      const r = await request(own.app)
        .post('/api/scans')
        .set('Host', 'localhost:8080')
        .set(headers)
        .set('Content-Type', type)
        .send(type === 'application/json' ? '{}' : 'x=1');
      expect(r.status, JSON.stringify([headers, type])).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    expect(started()).toBe(before);
    expect(own.context.scans?.isRunning()).toBe(false);
  });

  it('a same-origin JSON POST (the dashboard, or curl without Origin) starts a scan', async () => {
    const r = await request(own.app)
      .post('/api/scans')
      .set('Host', 'localhost:8080')
      .set('Origin', 'http://localhost:8080')
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(r.status).toBe(202);
    while (own.context.scans?.isRunning() === true) await new Promise((res) => setTimeout(res, 20));
  });
});

describe('HSTS behind a TLS proxy (issue 13, item 11)', () => {
  it('is sent only when the server is told it is reached through TLS', async () => {
    const tls = await buildFixture({ scans: 1, app: { hsts: true } });
    const plain = await buildFixture({ scans: 1 });
    try {
      const a = await request(tls.app).get('/api/health');
      expect(a.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const b = await request(plain.app).get('/api/health');
      expect(b.headers['strict-transport-security']).toBeUndefined();
    } finally {
      for (const x of [tls, plain]) {
        x.db.close();
        rmSync(x.dir, { recursive: true, force: true });
      }
    }
  });
});
