// GET /api/graph?level=principal&accounts=…: how many accounts one request may open follows the
// server's node cap (`--max-graph-nodes`), from 200 to 1,000; beyond it, bad-request names the
// parameter and the bound that applies.
import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { maxOpenAccounts } from '../../../server/http/routes/graph.js';
import { buildFixture, type Fixture } from './api-fixture.js';

const fixtures: Fixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) {
    f.db.close();
    rmSync(f.dir, { recursive: true, force: true });
  }
});

function accountIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(500000000000 + i));
}

describe('maxOpenAccounts', () => {
  const cases: { name: string; maxGraphNodes: number; accounts: number }[] = [
    { name: 'the default cap keeps 200', maxGraphNodes: 3000, accounts: 200 },
    { name: 'a small cap never goes below 200', maxGraphNodes: 100, accounts: 200 },
    { name: 'grows with the cap (15 nodes per account)', maxGraphNodes: 9000, accounts: 600 },
    { name: 'stops at 1,000 (a URL under 16 KB)', maxGraphNodes: 75_000, accounts: 1000 },
  ];
  it.each(cases)('$name', ({ maxGraphNodes, accounts }) => {
    expect(maxOpenAccounts(maxGraphNodes)).toBe(accounts);
  });
});

describe('accounts= with a large node cap', () => {
  it('accepts 1,000 accounts (12,999 characters) and refuses 1,001', async () => {
    const f = await buildFixture({ limits: { maxGraphNodes: 75_000 } });
    fixtures.push(f);
    const ids = ['111111111111', ...accountIds(999)];
    expect(ids.join(',').length).toBe(12_999);
    const ok = await request(f.app).get(`/api/graph?level=principal&accounts=${ids.join(',')}`);
    expect(ok.status).toBe(200);
    const nodes = (ok.body as { graph: { nodes: { attributes: { accountId?: string } }[] } }).graph
      .nodes;
    expect(nodes.some((n) => n.attributes.accountId === '111111111111')).toBe(true);

    const tooMany = await request(f.app).get(
      `/api/graph?level=principal&accounts=${[...ids, '222222222222'].join(',')}`,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({
      error: {
        code: 'bad-request',
        message: 'accounts: expected at most 1000 comma-separated 12-digit account ids',
        details: {
          param: 'accounts',
          expected: 'at most 1000 comma-separated 12-digit account ids',
        },
      },
    });
  });
});
