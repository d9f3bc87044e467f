/**
 * evaluateChain shares one result between requests the chain cannot tell apart. These cases make
 * two requests that differ only in what a shared result would hide — a context key a condition
 * reads, the resource, the caller — and check that each gets its own answer, whatever the order.
 */
import { describe, expect, it } from 'vitest';
import { evaluateChain } from '../../../shared/authorize/policy-set.js';
import type { OrgPolicyChain } from '../../../shared/authorize/types.js';
import { compilePolicy, RequestContext } from '../../../shared/policy/index.js';
import type { Caller, PolicyRequest, RequestContextLike } from '../../../shared/policy/types.js';

const FULL = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

function chain(kind: 'scp' | 'rcp', ...docs: unknown[]): OrgPolicyChain {
  const policies = docs.map((doc, i) => compilePolicy(doc, { kind, name: `p${i}`, arn: `p-${i}` }));
  return {
    levels: [
      { targetId: 'r-root', policies },
      { targetId: '111111111111', policies },
    ],
  };
}

const alice: Caller = {
  type: 'user',
  arn: 'arn:aws:iam::111111111111:user/alice',
  accountId: '111111111111',
  partition: 'aws',
};
const bob: Caller = {
  ...alice,
  arn: 'arn:aws:iam::222222222222:user/bob',
  accountId: '222222222222',
};

function request(over: Partial<PolicyRequest> & { known?: Record<string, string> }): PolicyRequest {
  const { known, ...rest } = over;
  return {
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::data/report.csv',
    caller: alice,
    context: new RequestContext(known ? { known, otherKeys: 'absent' } : { otherKeys: 'absent' }),
    ...rest,
  };
}

const denied = (r: ReturnType<typeof evaluateChain>): boolean =>
  r.denies.some((d) => d.applies === true);

describe('evaluateChain shared results', () => {
  it('a condition key the chain reads separates requests (both orders)', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'data' } },
        },
      ],
    };
    for (const order of [
      ['data', 'web'],
      ['web', 'data'],
    ]) {
      const c = chain('scp', FULL, doc);
      const results = order.map((team) => [
        team,
        denied(evaluateChain(c, request({ known: { 'aws:PrincipalTag/team': team } }))),
      ]);
      expect(Object.fromEntries(results)).toEqual({ data: false, web: true });
    }
  });

  it('an unknown and an absent key are different answers', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
      ],
    };
    const c = chain('scp', FULL, doc);
    const absent = evaluateChain(c, request({}));
    const unknown = evaluateChain(
      c,
      request({ context: new RequestContext({ unknown: ['aws:RequestedRegion'] }) }),
    );
    expect(absent.denies.map((d) => d.applies)).toEqual([true]);
    expect(unknown.denies.map((d) => d.applies)).toEqual(['unknown']);
  });

  it('a chain that names resources separates resources', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::secret/*' }],
    };
    const c = chain('scp', FULL, doc);
    expect(denied(evaluateChain(c, request({})))).toBe(false);
    expect(denied(evaluateChain(c, request({ resource: 'arn:aws:s3:::secret/key' })))).toBe(true);
    expect(denied(evaluateChain(c, request({})))).toBe(false);
  });

  it('a chain whose Principal names an account separates callers', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Principal: { AWS: '222222222222' }, Action: 's3:*', Resource: '*' },
      ],
    };
    const c = chain('rcp', FULL, doc);
    expect(denied(evaluateChain(c, request({ caller: alice })))).toBe(false);
    expect(denied(evaluateChain(c, request({ caller: bob })))).toBe(true);
    expect(denied(evaluateChain(c, request({ caller: alice })))).toBe(false);
  });

  it('a chain with Principal "*" and Resource "*" answers equal requests with one frozen result', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-1' } },
        },
      ],
    };
    const c = chain('rcp', FULL, doc);
    const inOrg = { known: { 'aws:PrincipalOrgID': 'o-1' } };
    const first = evaluateChain(c, request({ ...inOrg, caller: alice }));
    const second = evaluateChain(
      c,
      request({ ...inOrg, caller: bob, resource: 'arn:aws:s3:::other/x' }),
    );
    expect(second).toBe(first);
    expect(Object.isFrozen(first.denies)).toBe(true);
    expect(denied(evaluateChain(c, request({ known: { 'aws:PrincipalOrgID': 'o-2' } })))).toBe(
      true,
    );
  });

  it('presence and date-bound facts separate requests like values do (both orders)', () => {
    const nullDoc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { Null: { 'aws:userid': 'false' } },
        },
      ],
    };
    const dateDoc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' } },
        },
      ],
    };
    // aws:userid / aws:TokenIssueTime unknown in both; only the extra fact differs.
    const unknown = new RequestContext({ unknown: ['aws:userid', 'aws:TokenIssueTime'] });
    const withFacts: RequestContextLike = {
      lookup: (k) => unknown.lookup(k),
      presentLowerCase: (k) => k === 'aws:userid',
      dateBoundLowerCase: (k) =>
        k === 'aws:tokenissuetime'
          ? { after: Date.UTC(2026, 0, 1), mayBeAbsent: false }
          : undefined,
    };
    for (const doc of [nullDoc, dateDoc])
      for (const order of [
        ['facts', 'none'],
        ['none', 'facts'],
      ]) {
        const c = chain('scp', FULL, doc);
        const results = order.map((which) => [
          which,
          evaluateChain(
            c,
            request({ context: which === 'facts' ? withFacts : unknown }),
          ).denies.map((d) => d.applies),
        ]);
        expect(Object.fromEntries(results)).toEqual({ facts: [true], none: ['unknown'] });
      }
  });
});
