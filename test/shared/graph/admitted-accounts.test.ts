/**
 * Which caller accounts a resource policy can admit (the cross-account candidates of the graph
 * builders): the principals of its Allow statements; `*`, NotPrincipal and unique ids admit any.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../shared/policy/index.js';
import { admittedAccounts } from '../../../shared/graph/index/admitted-accounts.js';

const FN = 'arn:aws:lambda:us-east-1:111111111111:function:f';
const policy = (...Statement: unknown[]) =>
  compilePolicy(
    { Version: '2012-10-17', Statement },
    { kind: 'resource', name: 'function policy', arn: FN },
  );
const allow = (Principal: unknown, extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal,
  Action: 'lambda:InvokeFunction',
  Resource: FN,
  ...extra,
});
const set = (r: ReturnType<typeof admittedAccounts>) => (r === 'any' ? 'any' : [...r].sort());

describe('admittedAccounts', () => {
  it.each([
    {
      name: 'a service principal admits no account (a trigger policy)',
      statements: [allow({ Service: 'sns.amazonaws.com' })],
      expected: [],
    },
    {
      name: 'accounts, roles, users and sessions admit their accounts',
      statements: [
        allow({ AWS: '222222222222' }),
        allow({ AWS: 'arn:aws:iam::333333333333:role/r' }),
        allow({ AWS: ['arn:aws:iam::444444444444:user/u', 'arn:aws:iam::555555555555:root'] }),
        allow({ AWS: 'arn:aws:sts::666666666666:assumed-role/r/s' }),
      ],
      expected: ['222222222222', '333333333333', '444444444444', '555555555555', '666666666666'],
    },
    {
      name: '"*" admits any account',
      statements: [allow({ Service: 's3.amazonaws.com' }), allow('*')],
      expected: 'any',
    },
    {
      name: '{"AWS": "*"} admits any account',
      statements: [allow({ AWS: '*' })],
      expected: 'any',
    },
    {
      name: 'a unique id (of a deleted principal or not resolved) admits any account',
      statements: [allow({ AWS: 'AROAEXAMPLEID1234567' })],
      expected: 'any',
    },
    {
      name: 'Allow with NotPrincipal admits any account',
      statements: [
        {
          Effect: 'Allow',
          NotPrincipal: { AWS: 'arn:aws:iam::222222222222:root' },
          Action: 'lambda:InvokeFunction',
          Resource: FN,
        },
      ],
      expected: 'any',
    },
    {
      name: 'Deny statements admit nobody',
      statements: [{ ...allow('*'), Effect: 'Deny' }, allow({ AWS: '222222222222' })],
      expected: ['222222222222'],
    },
  ])('$name', ({ statements, expected }) => {
    expect(set(admittedAccounts(policy(...statements)))).toEqual(expected);
  });
});
