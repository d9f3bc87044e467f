/**
 * resolveNodeKey: what a user may type (exact keys, account ids, names, buckets, services) and
 * the typed errors with suggestions; boundedLevenshtein against a plain implementation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmbiguousNodeError, UnknownNodeError } from '../../../shared/query/query-errors.js';
import { boundedLevenshtein, resolveNodeKey } from '../../../shared/query/resolve-node.js';
import { GraphBuilder, key } from './graph-fixtures.js';

function demoLike(): GraphBuilder {
  const b = new GraphBuilder();
  b.account('999988887777', 'external');
  b.edge('999988887777', '500000000002:role/PartnerAuditRole', { aggregate: true });
  b.edge('111111111111', '500000000002:role/OrganizationAccountAccessRole', { aggregate: true });
  b.edge('111111111111', '500000000003:role/OrganizationAccountAccessRole', { aggregate: true });
  b.edge('444444444444:role/ci/PipelineRole', '500000000003:role/PipelineDeployRole');
  b.edge('222222222222:user/people/alice', 'bucket:acme-security-findings-222222222222');
  b.edge('service:lambda.amazonaws.com', '500000000003:role/service-role/LambdaExecutionRole');
  b.edge('*', '500000000003:role/LegacyPublicRole');
  return b;
}

describe('resolveNodeKey', () => {
  const g = demoLike().graph;
  const cases: [string, string, string][] = [
    [
      'an exact key',
      key('500000000002:role/PartnerAuditRole'),
      key('500000000002:role/PartnerAuditRole'),
    ],
    ['an exact key with spaces around it', `  ${key('999988887777')}  `, key('999988887777')],
    ['an account id', '999988887777', key('999988887777')],
    ['a unique role name', 'PartnerAuditRole', key('500000000002:role/PartnerAuditRole')],
    ['a role name in another case', 'partnerauditrole', key('500000000002:role/PartnerAuditRole')],
    ['a path and name', 'ci/PipelineRole', key('444444444444:role/ci/PipelineRole')],
    ['role/path/name', 'role/ci/PipelineRole', key('444444444444:role/ci/PipelineRole')],
    ['a user name', 'alice', key('222222222222:user/people/alice')],
    [
      'a bucket name',
      'acme-security-findings-222222222222',
      key('bucket:acme-security-findings-222222222222'),
    ],
    [
      'an s3:// URL',
      's3://acme-security-findings-222222222222/some/key',
      key('bucket:acme-security-findings-222222222222'),
    ],
    ['a service name', 'lambda.amazonaws.com', 'service:lambda.amazonaws.com'],
    ['anyone', 'anyone', '*'],
    [
      'an ARN in another case',
      'ARN:AWS:IAM::500000000002:ROLE/PARTNERAUDITROLE',
      key('500000000002:role/PartnerAuditRole'),
    ],
  ];
  for (const [name, input, want] of cases)
    it(`accepts ${name}`, () => {
      expect(resolveNodeKey(g, input)).toBe(want);
    });

  it('refuses a name shared by roles of several accounts, listing them', () => {
    let err: unknown;
    try {
      resolveNodeKey(g, 'OrganizationAccountAccessRole');
    } catch (e: unknown) {
      err = e;
    }
    expect(err).toBeInstanceOf(AmbiguousNodeError);
    expect((err as AmbiguousNodeError).candidates).toEqual([
      key('500000000002:role/OrganizationAccountAccessRole'),
      key('500000000003:role/OrganizationAccountAccessRole'),
    ]);
  });

  const unknown: [string, string, string][] = [
    [
      'a misspelt role ARN',
      'arn:aws:iam::500000000002:role/PartnerAuditRol',
      key('500000000002:role/PartnerAuditRole'),
    ],
    ['a misspelt name', 'PipelinRole', key('444444444444:role/ci/PipelineRole')],
    ['an account id one digit off', '999988887778', key('999988887777')],
    [
      'a bucket ARN with a typo',
      'arn:aws:s3:::acme-security-finding-222222222222',
      key('bucket:acme-security-findings-222222222222'),
    ],
  ];
  for (const [name, input, closest] of unknown)
    it(`refuses ${name}, suggesting the closest node`, () => {
      let err: unknown;
      try {
        resolveNodeKey(g, input);
      } catch (e: unknown) {
        err = e;
      }
      expect(err).toBeInstanceOf(UnknownNodeError);
      const s = (err as UnknownNodeError).suggestions;
      expect(s[0]).toBe(closest);
      expect(s.length).toBeLessThanOrEqual(5);
    });

  it('refuses an empty input and text nothing resembles, with no suggestion', () => {
    expect(() => resolveNodeKey(g, '   ')).toThrow(UnknownNodeError);
    try {
      resolveNodeKey(g, 'zzzzzzzzzzzzzzzzzzzz');
    } catch (e: unknown) {
      expect((e as UnknownNodeError).suggestions).toEqual([]);
    }
  });

  it('sees nodes added after a first lookup', () => {
    const b = demoLike();
    expect(() => resolveNodeKey(b.graph, 'NewRole')).toThrow(UnknownNodeError);
    b.node('500000000002:role/NewRole');
    expect(resolveNodeKey(b.graph, 'NewRole')).toBe(key('500000000002:role/NewRole'));
  });
});

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
}

describe('boundedLevenshtein', () => {
  it('equals the plain distance when within the limit, and limit + 1 otherwise', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.nat(6),
        (a, b, k) => {
          const d = levenshtein(a, b);
          expect(boundedLevenshtein(a, b, k)).toBe(d <= k ? d : k + 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
