import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  describeStatement,
  statementMatchesAction,
  statementMayMatchResource,
  type CompiledStatement,
} from '../../../shared/policy/index.js';

const ROLE = 'arn:aws:iam::111111111111:role/Target';

describe('describeStatement', () => {
  it('returns the normalised elements as plain data', () => {
    const policy = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: {
          Sid: 'GitHub',
          Effect: 'Allow',
          Principal: {
            Federated:
              'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
          },
          Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            'ForAnyValue:StringLike': {
              'token.actions.githubusercontent.com:sub': ['repo:a/b:*', 'repo:a/c:*'],
            },
            StringLike: { 'Token.Actions.GithubUserContent.com:SUB': 'repo:a/*' },
          },
        },
      },
      { kind: 'trust', name: 'trust policy' },
    );
    expect(policy.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const view = describeStatement(policy.statements[0]!);
    expect(view).toEqual({
      index: 0,
      sid: 'GitHub',
      effect: 'Allow',
      actions: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
      principals: {
        wildcard: false,
        Federated: ['arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com'],
      },
      conditionKeys: [
        'token.actions.githubusercontent.com:aud',
        'token.actions.githubusercontent.com:sub',
      ],
      conditions: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'] },
        'ForAnyValue:StringLike': {
          'token.actions.githubusercontent.com:sub': ['repo:a/b:*', 'repo:a/c:*'],
        },
        StringLike: { 'Token.Actions.GithubUserContent.com:SUB': ['repo:a/*'] },
      },
    });
  });

  it('reports "Principal": "*" as wildcard and keeps NotResource / NotPrincipal apart', () => {
    const policy = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            NotResource: 'arn:aws:s3:::b/private/*',
          },
          {
            Effect: 'Deny',
            NotPrincipal: { AWS: ['111111111111'] },
            NotAction: 's3:Get*',
            Resource: '*',
          },
        ],
      },
      { kind: 'resource', name: 'bucket policy' },
    );
    const [a, d] = policy.statements.map(describeStatement);
    expect(a?.principals).toEqual({ wildcard: true });
    expect(a?.notResources).toEqual(['arn:aws:s3:::b/private/*']);
    expect(a?.resources).toBeUndefined();
    expect(d?.notPrincipals).toEqual({ wildcard: false, AWS: ['111111111111'] });
    expect(d?.notActions).toEqual(['s3:Get*']);
    expect(d?.actions).toBeUndefined();
  });
});

describe('statementMatchesAction / statementMayMatchResource', () => {
  const policy = compilePolicy(
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'STS:Assume*', Resource: 'arn:aws:iam::*:role/app-*' },
        { Effect: 'Allow', NotAction: 'iam:*', NotResource: ROLE },
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::home/${aws:username}/*',
        },
      ],
    },
    { kind: 'identity', name: 'p' },
  );
  const [s0, s1, s2] = policy.statements as [
    CompiledStatement,
    CompiledStatement,
    CompiledStatement,
  ];

  it('matches actions case-insensitively, NotAction inverted', () => {
    expect(statementMatchesAction(s0, 'sts:assumerolewithsaml')).toBe(true);
    expect(statementMatchesAction(s0, 'sts:TagSession')).toBe(false);
    expect(statementMatchesAction(s1, 'sts:AssumeRole')).toBe(true);
    expect(statementMatchesAction(s1, 'IAM:PassRole')).toBe(false);
  });

  it('over-approximates resources', () => {
    expect(statementMayMatchResource(s0, 'arn:aws:iam::222222222222:role/app-x')).toBe(true);
    expect(statementMayMatchResource(s0, ROLE)).toBe(false);
    expect(statementMayMatchResource(s1, ROLE)).toBe(false);
    expect(statementMayMatchResource(s1, 'arn:aws:iam::111111111111:role/Other')).toBe(true);
    expect(statementMayMatchResource(s2, 'arn:aws:s3:::home/anyone/x')).toBe(true);
  });

  it('refuses a statement that compilePolicy did not produce', () => {
    const fake: CompiledStatement = { index: 0, effect: 'Allow', internal: {} };
    expect(() => describeStatement(fake)).toThrow(TypeError);
  });
});
