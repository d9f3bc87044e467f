/**
 * POST /api/what-if through the real `createApp()`: the plan as the JSON body gives the same
 * answer as `trustmap what-if --json` on the same scan; bad plans are 400 with the address and
 * field; the route is JSON-only and same-origin like every state-changing route; plans may be
 * larger than other bodies.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { buildFixture, type Fixture } from './api-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});
afterAll(() => {
  f.db.close();
});

/** A change that makes VendorAccess (trusted by 999999999999) able to assume OrgAdmin. */
const CHANGES = {
  changes: [
    {
      kind: 'trust-policy',
      arn: 'arn:aws:iam::111111111111:role/OrgAdmin',
      source: 'stack.yaml#OrgAdmin',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999999999999:root' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
    },
  ],
};

describe('POST /api/what-if', () => {
  it('answers what the CLI answers on the same scan', async () => {
    const r = await request(f.app).post('/api/what-if').send(CHANGES);
    expect(r.status).toBe(200);
    const body = r.body as {
      scanId: number;
      summary: { newEdges: number };
      edges: { newEdges: { source: string; target: string }[] };
    };
    expect(body.scanId).toBe(2);
    expect(body.edges.newEdges).toContainEqual(
      expect.objectContaining({
        source: 'arn:aws:iam::999999999999:root',
        target: 'arn:aws:iam::111111111111:role/OrgAdmin',
      }),
    );
    const file = join(f.dir, 'changes.json');
    await writeFile(file, JSON.stringify(CHANGES));
    const cli = await runCli(
      ['what-if', '--plan', file, '--db', join(f.dir, 'trustmap.db'), '--json'],
      f.dir,
    );
    const fromCli = JSON.parse(cli.stdout) as Record<string, unknown>;
    const strip = (x: Record<string, unknown>): Record<string, unknown> => {
      const { rebuild: _r, timingsMs: _t, scanId: _s, base: _b, ...rest } = x;
      return rest;
    };
    expect(strip(r.body as Record<string, unknown>)).toEqual(strip(fromCli));
  });

  it('a malformed plan is 400 naming the address and field', async () => {
    const r = await request(f.app)
      .post('/api/what-if')
      .send({
        format_version: '1.2',
        resource_changes: [
          {
            address: 'aws_iam_role.broken',
            mode: 'managed',
            type: 'aws_iam_role',
            change: {
              actions: ['create'],
              before: null,
              after: { name: 'x', path: '/', assume_role_policy: '{' },
              after_unknown: {},
            },
          },
        ],
      });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      error: {
        code: 'bad-request',
        details: { address: 'aws_iam_role.broken', field: 'assume_role_policy' },
      },
    });
  });

  it('rejects a bad account and a bad failOn', async () => {
    expect((await request(f.app).post('/api/what-if?account=12').send(CHANGES)).status).toBe(400);
    expect((await request(f.app).post('/api/what-if?failOn=severe').send(CHANGES)).status).toBe(
      400,
    );
  });

  it('is JSON-only and same-origin', async () => {
    const text = await request(f.app)
      .post('/api/what-if')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify(CHANGES));
    expect(text.status).toBe(415);
    const cross = await request(f.app)
      .post('/api/what-if')
      .set('Origin', 'http://attacker.example')
      .send(CHANGES);
    expect(cross.status).toBe(403);
  });

  it('takes plans larger than the default body limit', async () => {
    const padding = 'x'.repeat(64 * 1024);
    const r = await request(f.app)
      .post('/api/what-if')
      .send({
        ...CHANGES,
        changes: [{ ...CHANGES.changes[0], source: `stack.yaml#${padding}`.slice(0, 100) }],
        note: padding,
      });
    expect(r.status).toBe(200);
  });
});
