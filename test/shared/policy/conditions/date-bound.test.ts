/**
 * A date key the context bounds (`RequestContextLike.dateBoundLowerCase`, IAM-SEMANTICS.md §5.4):
 * `aws:TokenIssueTime` of a principal created at a known time is later than that time, and absent
 * when a user signs with its access keys. A `DateLessThan…` / `DateGreaterThan…` clause is then
 * decided when every admitted value gives the same truth; otherwise, and for `DateEquals` /
 * `DateNotEquals`, it stays unknown.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluatePolicy } from '../../../../shared/policy/index.js';
import type {
  ContextLookup,
  DateBound,
  RequestContextLike,
} from '../../../../shared/policy/types.js';

const CREATED = Date.UTC(2026, 0, 1);
const caller = {
  type: 'user' as const,
  arn: 'arn:aws:iam::111111111111:user/u',
  accountId: '111111111111',
  partition: 'aws',
};

function context(bound: DateBound | undefined): RequestContextLike {
  const unknown: ContextLookup = { kind: 'unknown' };
  return {
    lookup: () => unknown,
    dateBoundLowerCase: (k) => (k === 'aws:tokenissuetime' ? bound : undefined),
  };
}

function applies(
  operator: string,
  value: string,
  bound: DateBound | undefined,
): boolean | 'unknown' {
  const policy = compilePolicy(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iam:CreatePolicyVersion',
          Resource: '*',
          Condition: { [operator]: { 'aws:TokenIssueTime': value } },
        },
      ],
    },
    { kind: 'identity', name: 'p' },
  );
  const r = evaluatePolicy(policy, {
    action: 'iam:CreatePolicyVersion',
    resource: 'arn:aws:iam::111111111111:policy/p',
    caller,
    context: context(bound),
  });
  const hit = r.allows[0];
  return hit === undefined ? false : hit.applies;
}

const SESSION: DateBound = { after: CREATED, mayBeAbsent: false };
const USER: DateBound = { after: CREATED, mayBeAbsent: true };

describe('a date key known to be later than the principal creation', () => {
  it('a role session: DateGreaterThan a date before the creation always holds, DateLessThan never', () => {
    expect(applies('DateGreaterThan', '2020-01-01T00:00:01Z', SESSION)).toBe(true);
    expect(applies('DateGreaterThanEquals', '2026-01-01T00:00:00Z', SESSION)).toBe(true);
    expect(applies('DateLessThan', '2020-01-01T00:00:01Z', SESSION)).toBe(false);
    expect(applies('DateLessThanEquals', '2026-01-01T00:00:00Z', SESSION)).toBe(false);
  });

  it('a user (the key absent with access keys): DateLessThan before the creation never holds, DateGreaterThan depends', () => {
    expect(applies('DateLessThan', '2020-01-01T00:00:01Z', USER)).toBe(false);
    expect(applies('DateGreaterThan', '2020-01-01T00:00:01Z', USER)).toBe('unknown');
    expect(applies('DateGreaterThanIfExists', '2020-01-01T00:00:01Z', USER)).toBe(true);
  });

  it('a date after the creation, DateEquals, DateNotEquals and no bound stay unknown', () => {
    expect(applies('DateGreaterThan', '2099-01-01T00:00:00Z', SESSION)).toBe('unknown');
    expect(applies('DateLessThan', '2099-01-01T00:00:00Z', SESSION)).toBe('unknown');
    expect(applies('DateEquals', '2020-01-01T00:00:01Z', SESSION)).toBe('unknown');
    expect(applies('DateNotEquals', '2020-01-01T00:00:01Z', SESSION)).toBe('unknown');
    expect(applies('DateGreaterThan', '2020-01-01T00:00:01Z', undefined)).toBe('unknown');
    expect(applies('StringLike', '2020*', SESSION)).toBe('unknown');
  });
});
