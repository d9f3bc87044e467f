/**
 * Property tests: compilePolicy and evaluatePolicy never throw, whatever the document; and a
 * statement with an error never grants, except the two documented over-approximations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  evaluatePolicy,
  RequestContext,
  type Caller,
  type PolicyKind,
} from '../../../shared/policy/index.js';

const OVER_APPROXIMATIONS = new Set([
  'string-wildcard-principal-in-trust',
  'notprincipal-with-allow',
]);
const LIMITING_KINDS = new Set(['scp', 'rcp', 'boundary', 'session']);
const KINDS: PolicyKind[] = ['identity', 'trust', 'resource', 'scp', 'rcp', 'boundary', 'session'];

const str = fc.oneof(
  fc.constantFrom(
    '*',
    'sts:AssumeRole',
    'sts:*',
    's3:Get*',
    'iam:*',
    '111111111111',
    'arn:aws:iam::111111111111:root',
    'arn:aws:iam::111111111111:role/R',
    'arn:aws:iam::111111111111:role/ci-*',
    'arn:aws:sts::111111111111:assumed-role/R/s',
    'AROAEXAMPLE123456789',
    'lambda.amazonaws.com',
    'cognito-identity.amazonaws.com',
    'arn:aws:s3:::b/*',
    'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
    '${aws:username}',
    'Allow',
    'Deny',
    'deny',
    'true',
    '10.0.0.0/8',
    '2024-01-01',
    '42',
    '',
  ),
  fc.string({ maxLength: 12 }),
);
const keyName = fc.constantFrom(
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'Sid',
  'AWS',
  'Service',
  'Federated',
  'CanonicalUser',
  'StringEquals',
  'StringLike',
  'ForAnyValue:StringLike',
  'ForAllValues:StringEquals',
  'BoolIfExists',
  'NullIfExists',
  'Null',
  'IpAddress',
  'ArnLike',
  'DateLessThan',
  'NumericLessThan',
  'BinaryEquals',
  'StringEqualz',
  'aws:SourceIp',
  'sts:ExternalId',
  'aws:PrincipalTag/x',
  'Version',
  'Statement',
  'x',
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    str,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyName, tie('value'), { maxKeys: 5 }),
  ),
})).value;

const statement = fc.record(
  {
    Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), json),
    Principal: json,
    NotPrincipal: json,
    Action: fc.oneof(str, fc.array(str, { maxLength: 3 }), json),
    NotAction: json,
    Resource: fc.oneof(str, fc.array(str, { maxLength: 3 })),
    NotResource: json,
    Condition: json,
    Sid: json,
  },
  { requiredKeys: [] },
);
const document = fc.oneof(
  json,
  fc.record({
    Version: fc.constantFrom('2012-10-17', '2008-10-17', undefined, 7),
    Statement: fc.oneof(statement, fc.array(fc.oneof(statement, json), { maxLength: 4 })),
  }),
);

const callers: Caller[] = [
  {
    type: 'user',
    arn: 'arn:aws:iam::111111111111:user/u',
    accountId: '111111111111',
    partition: 'aws',
  },
  {
    type: 'role-session',
    roleArn: 'arn:aws:iam::111111111111:role/R',
    accountId: '111111111111',
    partition: 'aws',
  },
  { type: 'root', accountId: '111111111111', partition: 'aws' },
  { type: 'service', service: 'lambda.amazonaws.com' },
  { type: 'oidc', provider: 'cognito-identity.amazonaws.com' },
  { type: 'anonymous' },
  { type: 'account', accountId: '222222222222', partition: 'aws' },
];
const contexts = [
  new RequestContext({ otherKeys: 'absent' }),
  new RequestContext({ otherKeys: 'unknown' }),
  new RequestContext({
    known: { 'aws:SourceIp': '10.1.2.3', 'aws:username': 'u', 'sts:ExternalId': 'x' },
  }),
];

describe('compilePolicy / evaluatePolicy on arbitrary documents', () => {
  it('never throw, and a statement with an error never grants for certain (IAM-SEMANTICS.md §2.7)', () => {
    fc.assert(
      fc.property(
        document,
        fc.constantFrom(...KINDS),
        fc.constantFrom(...callers),
        fc.constantFrom(...contexts),
        (doc, kind, caller, context) => {
          const policy = compilePolicy(doc, {
            kind,
            name: 'fuzz',
            arn: 'arn:aws:iam::111111111111:role/R',
          });
          const broken = new Set(
            policy.issues
              .filter((i) => i.severity === 'error' && !OVER_APPROXIMATIONS.has(i.code))
              .map((i) => i.statementIndex),
          );
          for (const action of ['sts:AssumeRole', 's3:GetObject']) {
            const result = evaluatePolicy(policy, {
              action,
              resource: 'arn:aws:iam::111111111111:role/R',
              caller,
              context,
            });
            // An invalid Allow grants nothing in a granting policy; in a limiting one (SCP, RCP,
            // boundary, session) it possibly applies: never with certainty.
            for (const hit of result.allows)
              if (broken.has(hit.statementIndex)) {
                expect(LIMITING_KINDS.has(kind), JSON.stringify(hit)).toBe(true);
                expect(hit.applies).toBe('unknown');
              }
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a document whose statements are all invalid allows nothing', () => {
    // (identity policy: a granting policy; see IAM-SEMANTICS.md §2.7)
    const invalidStatement = fc.oneof(
      fc.record({
        Effect: fc.constant('Allow'),
        Action: fc.constant('GetObject'),
        Resource: fc.constant('*'),
      }),
      fc.record({
        Effect: fc.constant('Allow'),
        Action: fc.constant('*'),
        Resource: fc.constant('*'),
        Principal: fc.constant({ AWS: '*' }),
      }),
      fc.record({
        Effect: fc.constant('Allow'),
        Action: fc.constant('*'),
        Resource: fc.constant('*'),
        Condition: fc.constant({ StringEqualz: { a: 'b' } }),
      }),
      fc.record({
        Effect: fc.constant('Allow'),
        Action: fc.constant('*'),
        NotAction: fc.constant('iam:*'),
        Resource: fc.constant('*'),
      }),
      fc.record({
        Effect: fc.constantFrom('allow', 'ALLOW', 'Permit'),
        Action: fc.constant('*'),
        Resource: fc.constant('*'),
      }),
      fc.record({ Effect: fc.constant('Allow'), Action: fc.constant('*') }),
      fc.record({
        Effect: fc.constant('Allow'),
        Action: fc.constant('*'),
        Resource: fc.constant('*'),
        Condition: fc.constant({ NumericLessThan: { n: 'x' } }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(invalidStatement, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...contexts),
        (stmts, context) => {
          const policy = compilePolicy(
            { Version: '2012-10-17', Statement: stmts },
            { kind: 'identity', name: 'p' },
          );
          // An Effect that is neither Allow nor Deny is kept as a possible Deny only.
          expect(policy.statements.filter((st) => st.effect === 'Allow')).toEqual([]);
          const r = evaluatePolicy(policy, {
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::b/k',
            context,
          });
          expect(r.allows).toEqual([]);
        },
      ),
    );
  });

  it('survives hostile objects (throwing getters, deep nesting)', () => {
    const hostile = {
      Version: '2012-10-17',
      get Statement(): unknown {
        throw new Error('boom');
      },
    };
    const p = compilePolicy(hostile, { kind: 'identity', name: 'p' });
    expect(p.issues[0]?.code).toBe('unreadable-document');
    let deep: unknown = 's3:GetObject';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const q = compilePolicy(
      { Statement: { Effect: 'Allow', Action: deep, Resource: '*' } },
      { kind: 'identity', name: 'q' },
    );
    expect(q.statements).toEqual([]);
  });
});
