/**
 * findReachableFrom: the blast radius of a principal or an account — roles over can-assume
 * chains, buckets per action group — with shortest paths, caps and errors.
 */
import { describe, expect, it } from 'vitest';
import { findReachableFrom } from '../../../shared/query/reachable-from.js';
import { WrongNodeKindError } from '../../../shared/query/query-errors.js';
import { GraphBuilder, key, reversedCopy } from './graph-fixtures.js';

/** docs/demo-organization.md "Reached from outside the organization through a role". */
function externalChain(): GraphBuilder {
  const b = new GraphBuilder();
  b.account('999988887777', 'external');
  b.edge('999988887777', '444444444444:role/ci/ExternalDeployRole', {
    aggregate: true,
    decision: 'conditional',
    conditionKeys: ['sts:ExternalId'],
  });
  b.edge('444444444444:role/ci/ExternalDeployRole', '500000000001:role/DeploymentAdminRole');
  b.node('500000000001:role/DeploymentAdminRole', { admin: true });
  b.edge('500000000001:role/DeploymentAdminRole', 'bucket:acme-app-data-500000000001');
  b.edge('500000000001:role/DeploymentAdminRole', 'bucket:acme-app-data-500000000001', {
    group: 'write',
  });
  b.edge('444444444444:role/ci/ExternalDeployRole', 'bucket:acme-shared-artifacts-444444444444');
  b.edge('500000000001:role/DeploymentAdminRole', 'bucket:acme-shared-artifacts-444444444444');
  b.edge('999988887777', '500000000002:role/PartnerAuditRole', { aggregate: true });
  b.edge('999988887777', 'bucket:acme-partner-exchange-500000000002', { aggregate: true });
  return b;
}

describe('findReachableFrom', () => {
  it('lists every role and bucket reachable from an external account, with shortest paths', () => {
    const r = findReachableFrom(externalChain().graph, key('999988887777'));
    if (r.kind !== 'found') throw new Error('expected found');
    expect(r.roles.map((x) => [x.role, x.path.length, x.decision, x.admin])).toEqual([
      [key('444444444444:role/ci/ExternalDeployRole'), 1, 'conditional', false],
      [key('500000000002:role/PartnerAuditRole'), 1, 'allow', false],
      [key('500000000001:role/DeploymentAdminRole'), 2, 'conditional', true],
    ]);
    expect(r.buckets.map((x) => [x.bucket, x.action, x.path.length, x.decision])).toEqual([
      [key('bucket:acme-app-data-500000000001'), 'read', 3, 'conditional'],
      [key('bucket:acme-app-data-500000000001'), 'write', 3, 'conditional'],
      [key('bucket:acme-partner-exchange-500000000002'), 'read', 1, 'allow'],
      [key('bucket:acme-shared-artifacts-444444444444'), 'read', 2, 'conditional'],
    ]);
    const viaChain = r.buckets.find((x) => x.bucket === key('bucket:acme-app-data-500000000001'))!;
    expect(viaChain.path.map((h) => h.to)).toEqual([
      key('444444444444:role/ci/ExternalDeployRole'),
      key('500000000001:role/DeploymentAdminRole'),
      key('bucket:acme-app-data-500000000001'),
    ]);
    expect(viaChain.conditionKeys).toEqual(['sts:ExternalId']);
    expect(viaChain.actions).toEqual(['s3:GetObject']);
  });

  it('shows, among equally short paths to a bucket, the one allowing the most actions of the group', () => {
    // A user assumes a delete-only role (whose key sorts first) and a read-write-delete role.
    const b = new GraphBuilder();
    b.edge('111111111111:user/start', '111111111111:role/a-delete-only');
    b.edge('111111111111:user/start', '111111111111:role/b-read-write-delete');
    b.edge('111111111111:role/a-delete-only', 'bucket:data-111111111111', {
      group: 'write',
      actions: ['s3:DeleteObject'],
    });
    b.edge('111111111111:role/b-read-write-delete', 'bucket:data-111111111111', {
      group: 'write',
      actions: ['s3:PutObject', 's3:DeleteObject'],
    });
    const r = findReachableFrom(b.graph, key('111111111111:user/start'));
    if (r.kind !== 'found') throw new Error('expected found');
    const write = r.buckets.find((x) => x.action === 'write')!;
    expect(write.actions).toEqual(['s3:PutObject', 's3:DeleteObject']);
    expect(write.path.map((h) => h.to)).toEqual([
      key('111111111111:role/b-read-write-delete'),
      key('bucket:data-111111111111'),
    ]);
  });

  it('respects maxDepth for roles and for the last hop to a bucket', () => {
    const r = findReachableFrom(externalChain().graph, key('999988887777'), { maxDepth: 2 });
    if (r.kind !== 'found') throw new Error('expected found');
    expect(r.roles.map((x) => x.role)).toContain(key('500000000001:role/DeploymentAdminRole'));
    expect(r.buckets.map((x) => x.bucket)).not.toContain(key('bucket:acme-app-data-500000000001'));
  });

  it('drops conditional hops when asked', () => {
    const r = findReachableFrom(externalChain().graph, key('999988887777'), {
      includeConditional: false,
    });
    if (r.kind !== 'found') throw new Error('expected found');
    expect(r.roles.map((x) => x.role)).toEqual([key('500000000002:role/PartnerAuditRole')]);
  });

  it('caps each list at maxResults and says so', () => {
    const r = findReachableFrom(externalChain().graph, key('999988887777'), { maxResults: 1 });
    if (r.kind !== 'found') throw new Error('expected found');
    expect(r.roles).toHaveLength(1);
    expect(r.buckets).toHaveLength(1);
    expect(r.truncated).toBe(true);
  });

  it('answers none for a principal that reaches nothing', () => {
    const b = externalChain();
    b.node('111111111111:user/nobody');
    expect(findReachableFrom(b.graph, key('111111111111:user/nobody')).kind).toBe('none');
  });

  it('is independent of insertion order', () => {
    const g = externalChain().graph;
    expect(findReachableFrom(reversedCopy(g), key('999988887777'))).toEqual(
      findReachableFrom(g, key('999988887777')),
    );
  });

  it('refuses a bucket or a group as the starting point', () => {
    const b = externalChain();
    b.node('111111111111:group/Admins');
    expect(() => findReachableFrom(b.graph, key('bucket:acme-app-data-500000000001'))).toThrow(
      WrongNodeKindError,
    );
    expect(() => findReachableFrom(b.graph, key('111111111111:group/Admins'))).toThrow(
      WrongNodeKindError,
    );
  });

  it('stops at the time budget: a truncated answer, no bucket scan after the clock ran out', () => {
    const b = new GraphBuilder();
    b.account('999988887777', 'external');
    for (let i = 0; i < 3000; i++) {
      const role = `111111111111:role/R${String(i)}`;
      b.edge('999988887777', role, { aggregate: true, decision: 'conditional' });
      b.edge(role, `bucket:b${String(i)}`);
    }
    // The clock passes the deadline after its third reading, in the middle of the search.
    let reads = 0;
    const clock = (): number => (++reads > 3 ? 1e12 : 0);
    const r = findReachableFrom(b.graph, key('999988887777'), { timeBudgetMs: 1000, clock });
    expect(r.kind).toBe('truncated');
    if (r.kind !== 'truncated') return;
    expect(r.roles.length).toBeGreaterThan(0);
    expect(r.buckets).toEqual([]);
  });
});
