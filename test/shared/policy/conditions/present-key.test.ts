/**
 * A key the context knows to be present though its value is unknown
 * (`RequestContextLike.presentLowerCase`, IAM-SEMANTICS.md §5.2): `aws:userid` of a role session
 * whose session name is not known. `Null` reads presence only, so it is decided; every other
 * operator on that key stays unknown.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluatePolicy } from '../../../../shared/policy/index.js';
import type { ContextLookup, RequestContextLike } from '../../../../shared/policy/types.js';

const caller = {
  type: 'role-session' as const,
  roleArn: 'arn:aws:iam::111111111111:role/app',
  accountId: '111111111111',
  partition: 'aws',
};

function context(present: boolean | undefined): RequestContextLike {
  const unknown: ContextLookup = { kind: 'unknown' };
  const c: RequestContextLike = { lookup: () => unknown };
  if (present !== undefined) c.presentLowerCase = (k) => k === 'aws:userid' && present;
  return c;
}

function applies(
  condition: Record<string, Record<string, string | string[]>>,
  present: boolean | undefined,
): boolean | 'unknown' {
  const policy = compilePolicy(
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*', Condition: condition },
      ],
    },
    { kind: 'identity', name: 'p' },
  );
  const r = evaluatePolicy(policy, {
    action: 'iam:CreateUser',
    resource: 'arn:aws:iam::111111111111:user/new',
    caller,
    context: context(present),
  });
  const hit = r.allows[0];
  return hit === undefined ? false : hit.applies;
}

describe('Null on a key known to be present, its value unknown', () => {
  it('Null "false" holds and Null "true" does not', () => {
    expect(applies({ Null: { 'aws:userid': 'false' } }, true)).toBe(true);
    expect(applies({ Null: { 'aws:userid': 'true' } }, true)).toBe(false);
    expect(applies({ Null: { 'aws:userid': ['true', 'false'] } }, true)).toBe(true);
  });

  it('without the presence fact (or when it says no) Null stays unknown', () => {
    expect(applies({ Null: { 'aws:userid': 'false' } }, undefined)).toBe('unknown');
    expect(applies({ Null: { 'aws:userid': 'false' } }, false)).toBe('unknown');
  });

  it('value operators on the key stay unknown', () => {
    expect(applies({ StringLike: { 'aws:userid': 'AROA*' } }, true)).toBe('unknown');
    expect(applies({ StringNotEquals: { 'aws:userid': 'x' } }, true)).toBe('unknown');
    expect(applies({ StringEqualsIfExists: { 'aws:userid': 'x' } }, true)).toBe('unknown');
  });
});
