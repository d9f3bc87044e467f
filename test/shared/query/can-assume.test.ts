/**
 * findWhoCanAssume: direct trust only, one entry per principal (the best edge), aggregates next
 * to their expansion, scopes, conditional filtering, dangling grants apart, errors.
 */
import { describe, expect, it } from 'vitest';
import { findWhoCanAssume } from '../../../shared/query/can-assume.js';
import { UnknownNodeError, WrongNodeKindError } from '../../../shared/query/query-errors.js';
import { GraphBuilder, key, reversedCopy, trustEvidence } from './graph-fixtures.js';

const ROLE = '500000000002:role/PartnerAuditRole';

function partnerGraph(): GraphBuilder {
  const b = new GraphBuilder();
  b.account('999988887777', 'external');
  b.account('464622532012', 'vendor', 'Datadog');
  b.edge('999988887777', ROLE, { aggregate: true });
  b.edge('464622532012', ROLE, {
    aggregate: true,
    decision: 'conditional',
    conditionKeys: ['sts:ExternalId'],
    evidence: [trustEvidence(key(ROLE), 1, { role: 'requires', keys: ['sts:ExternalId'] })],
  });
  b.edge('500000000002', ROLE, { aggregate: true });
  b.edge('500000000002:role/SSO-Admin', ROLE);
  b.edge('500000000002:role/Chain', '500000000002:role/Middle');
  b.edge('500000000002:role/Middle', ROLE);
  b.edge('*', ROLE, { decision: 'conditional', conditionKeys: ['aws:SourceVpce'] });
  // Two parallel edges from one principal: the allowed one is reported.
  b.edge('500000000002:user/dana', ROLE, {
    decision: 'conditional',
    conditionKeys: ['aws:MultiFactorAuthPresent'],
  });
  b.edge('500000000002:user/dana', ROLE, { action: 'sts:AssumeRoleWithSAML' });
  b.dangling('AROAZ7DEMOXDELETEDQ42', ROLE);
  return b;
}

describe('findWhoCanAssume', () => {
  it('lists every direct principal once, least trusted scope first, with decision and evidence', () => {
    const r = findWhoCanAssume(partnerGraph().graph, key(ROLE));
    if (r.kind !== 'found') throw new Error('expected found');
    expect(r.principals.map((p) => [p.principal, p.scope, p.decision, p.aggregate])).toEqual([
      ['*', 'public', 'conditional', false],
      [key('999988887777'), 'external', 'allow', true],
      [key('464622532012'), 'vendor', 'conditional', true],
      [key('500000000002:role/Middle'), 'org', 'allow', false],
      [key('500000000002:role/SSO-Admin'), 'org', 'allow', false],
      [key('500000000002'), 'org', 'allow', true],
      [key('500000000002:user/dana'), 'org', 'allow', false],
    ]);
    const datadog = r.principals.find((p) => p.principal === key('464622532012'))!;
    expect(datadog.vendor).toBe('Datadog');
    expect(datadog.conditionKeys).toEqual(['sts:ExternalId']);
    expect(datadog.evidence[0]?.statementIndex).toBe(1);
    expect(r.principals.find((p) => p.principal === key('500000000002:user/dana'))?.action).toBe(
      'sts:AssumeRoleWithSAML',
    );
  });

  it('does not follow chains: only direct trust counts', () => {
    const r = findWhoCanAssume(partnerGraph().graph, key(ROLE));
    if (r.kind !== 'found') throw new Error('expected found');
    expect(r.principals.some((p) => p.principal === key('500000000002:role/Chain'))).toBe(false);
  });

  it('leaves conditional trust out when asked', () => {
    const r = findWhoCanAssume(partnerGraph().graph, key(ROLE), { includeConditional: false });
    if (r.kind !== 'found') throw new Error('expected found');
    expect(r.principals.every((p) => p.decision === 'allow')).toBe(true);
    expect(r.principals.some((p) => p.principal === '*')).toBe(false);
  });

  it('reports grants to deleted principals apart: they match nothing', () => {
    const r = findWhoCanAssume(partnerGraph().graph, key(ROLE));
    expect(r.dangling.map((d) => d.principal)).toEqual(['AROAZ7DEMOXDELETEDQ42']);
    if (r.kind !== 'found') throw new Error('expected found');
    expect(r.principals.some((p) => p.principal === 'AROAZ7DEMOXDELETEDQ42')).toBe(false);
  });

  it('answers none (with the dangling grant) for a role nobody can assume', () => {
    const b = new GraphBuilder();
    b.dangling('AROAZ7DEMOXDELETEDQ42', '500000000002:role/LegacyCrossAccountRole');
    const r = findWhoCanAssume(b.graph, key('500000000002:role/LegacyCrossAccountRole'));
    expect(r.kind).toBe('none');
    expect(r.dangling).toHaveLength(1);
  });

  it('is independent of insertion order', () => {
    const g = partnerGraph().graph;
    expect(findWhoCanAssume(reversedCopy(g), key(ROLE))).toEqual(findWhoCanAssume(g, key(ROLE)));
  });

  it('throws for an unknown key and for a node that is not a role', () => {
    const g = partnerGraph().graph;
    expect(() => findWhoCanAssume(g, 'arn:aws:iam::500000000002:role/Nope')).toThrow(
      UnknownNodeError,
    );
    expect(() => findWhoCanAssume(g, key('999988887777'))).toThrow(WrongNodeKindError);
  });
});
