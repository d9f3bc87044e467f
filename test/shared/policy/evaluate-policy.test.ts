import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluatePolicy, RequestContext } from '../../../shared/policy/index.js';

const ROLE = 'arn:aws:iam::111111111111:role/Target';
const caller = {
  type: 'role-session' as const,
  roleArn: 'arn:aws:iam::222222222222:role/Deployer',
  accountId: '222222222222',
  partition: 'aws',
};

describe('evaluatePolicy hits', () => {
  const ref = { kind: 'trust' as const, name: 'trust policy', arn: ROLE };
  const policy = compilePolicy(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Broken',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222222222222:role/ci-*' },
          Action: 'sts:AssumeRole',
        },
        {
          Sid: 'Account',
          Effect: 'Allow',
          Principal: { AWS: '222222222222' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'sts:ExternalId': 'x', 'STS:EXTERNALID': 'x' },
            Bool: { 'aws:SecureTransport': 'true' },
          },
        },
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sts:*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ],
    },
    ref,
  );

  it('keeps document indices and Sids, and names the policy', () => {
    expect(policy.statements.map((s) => [s.index, s.sid])).toEqual([
      [1, 'Account'],
      [2, undefined],
    ]);
    const r = evaluatePolicy(policy, {
      action: 'sts:AssumeRole',
      resource: ROLE,
      caller,
      context: new RequestContext({
        known: { 'sts:ExternalId': 'x', 'aws:SecureTransport': 'true', 'aws:SourceIp': '10.1.1.1' },
      }),
    });
    expect(r.allows).toEqual([
      {
        policy: ref,
        statementIndex: 1,
        sid: 'Account',
        effect: 'Allow',
        applies: true,
        conditionKeys: ['sts:ExternalId', 'aws:SecureTransport'],
        unknownKeys: [],
        principalMatch: 'account',
        principalMatches: ['account'],
      },
    ]);
    expect(r.denies).toEqual([
      {
        policy: ref,
        statementIndex: 2,
        effect: 'Deny',
        applies: true,
        conditionKeys: ['aws:SourceIp'],
        unknownKeys: [],
        principalMatch: 'wildcard',
        principalMatches: ['wildcard'],
      },
    ]);
    expect(r.caseMismatches).toBeUndefined();
  });

  it('reports each undecided key once', () => {
    const r = evaluatePolicy(policy, {
      action: 'sts:AssumeRole',
      resource: ROLE,
      caller,
      context: new RequestContext({ otherKeys: 'unknown' }),
    });
    expect(r.allows[0]?.applies).toBe('unknown');
    expect(r.allows[0]?.unknownKeys).toEqual(['sts:ExternalId', 'aws:SecureTransport']);
    expect(r.denies[0]?.unknownKeys).toEqual(['aws:SourceIp']);
  });

  it('returns empty lists when nothing applies', () => {
    const r = evaluatePolicy(policy, {
      action: 's3:GetObject',
      resource: ROLE,
      caller,
      context: new RequestContext(),
    });
    expect(r).toEqual({ allows: [], denies: [] });
  });

  it('describes a case-only resource mismatch on IAM ARNs', () => {
    const identity = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: {
          Sid: 'S',
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: 'arn:aws:iam::111111111111:role/TARGET',
        },
      },
      { kind: 'identity', name: 'p' },
    );
    const r = evaluatePolicy(identity, {
      action: 'sts:AssumeRole',
      resource: ROLE,
      context: new RequestContext(),
    });
    expect(r.allows).toEqual([]);
    expect(r.caseMismatches).toEqual([
      {
        statementIndex: 0,
        sid: 'S',
        effect: 'Allow',
        pattern: 'arn:aws:iam::111111111111:role/TARGET',
        resource: ROLE,
      },
    ]);
  });

  it('gives Allow + NotPrincipal the wildcard level and Deny + NotPrincipal none', () => {
    const bucket = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            NotPrincipal: { AWS: '333333333333' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::b/*',
          },
          {
            Effect: 'Deny',
            NotPrincipal: { AWS: '333333333333' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::b/*',
          },
        ],
      },
      { kind: 'resource', name: 'bucket policy' },
    );
    const r = evaluatePolicy(bucket, {
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      caller,
      context: new RequestContext(),
    });
    expect(r.allows[0]?.principalMatch).toBe('wildcard');
    expect(r.denies[0]?.principalMatch).toBeUndefined();
  });

  it('works with a RequestContextLike that has no lower-case fast path', () => {
    const plain = {
      lookup: (key: string) =>
        key.toLowerCase() === 'sts:externalid'
          ? { kind: 'known' as const, values: ['x'] }
          : { kind: 'absent' as const },
    };
    const p = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: '222222222222' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'x' } },
        },
      },
      { kind: 'trust', name: 't' },
    );
    expect(
      evaluatePolicy(p, { action: 'sts:AssumeRole', resource: ROLE, caller, context: plain })
        .allows[0]?.applies,
    ).toBe(true);
  });
});

describe('evaluatePolicy re-entrancy', () => {
  it('gives a nested evaluation (from a context predicate) its own scratch list', () => {
    const inner = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'inner:key': 'v' } },
        },
      },
      { kind: 'identity', name: 'inner' },
    );
    const outer = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'outer:a': 'v', 'outer:b': 'v' } },
        },
      },
      { kind: 'identity', name: 'outer' },
    );
    const nested: unknown[] = [];
    const context = new RequestContext({
      otherKeys: (key) => {
        nested.push(
          evaluatePolicy(inner, {
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::b/k',
            context: new RequestContext({ unknown: ['inner:key'] }),
          }).allows[0]?.unknownKeys,
        );
        return key.startsWith('outer:');
      },
    });
    const r = evaluatePolicy(outer, {
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      context,
    });
    expect(r.allows[0]?.unknownKeys).toEqual(['outer:a', 'outer:b']);
    expect(nested).toEqual([['inner:key'], ['inner:key']]);
  });
});
