import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../server/http/security.js';
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
