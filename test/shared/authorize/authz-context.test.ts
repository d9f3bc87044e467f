/**
 * The request context of a decision: caller facts, then resource facts, then the request, then
 * `otherKeys` (shared/authorize/authz-context.ts, IAM-SEMANTICS.md §5.2 key classes).
 */
import { describe, expect, it } from 'vitest';
import {
  bucketRequestContext,
  roleRequestContext,
  type AuthzContext,
} from '../../../shared/authorize/authz-context.js';
import type {
  BucketProfile,
  CallerProfile,
  ContextOptions,
  RoleProfile,
} from '../../../shared/authorize/types.js';

const A = '111111111111';

function knownUser(extra: Partial<CallerProfile> = {}): CallerProfile {
  return {
    caller: { type: 'user', arn: `arn:aws:iam::${A}:user/alice`, accountId: A, partition: 'aws' },
    key: `arn:aws:iam::${A}:user/alice`,
    accountId: A,
    identityPolicies: [],
    policiesKnown: true,
    serviceLinked: false,
    contextKeys: {
      'aws:PrincipalArn': `arn:aws:iam::${A}:user/alice`,
      'aws:PrincipalAccount': A,
      'aws:PrincipalOrgID': 'o-exampleorg1',
      'aws:PrincipalTag/Team': 'blue',
    },
    ...extra,
  };
}

const role: RoleProfile = {
  arn: `arn:aws:iam::${A}:role/r`,
  name: 'r',
  accountId: A,
  partition: 'aws',
  trustPolicy: {
    ref: { kind: 'trust', name: 'trust policy' },
    version: '2012-10-17',
    statements: [],
    issues: [],
  },
  serviceLinked: false,
  tags: { env: 'prod' },
  resourceContextKeys: { 'aws:ResourceAccount': A, 'aws:ResourceTag/env': 'prod' },
};

const bucket: BucketProfile = {
  arn: 'arn:aws:s3:::b',
  name: 'b',
  accountId: A,
  partition: 'aws',
  publicAccessBlock: {
    blockPublicAcls: false,
    ignorePublicAcls: false,
    blockPublicPolicy: false,
    restrictPublicBuckets: false,
  },
  resourceContextKeys: { 'aws:ResourceAccount': A },
};

function ctx(
  caller: CallerProfile,
  options: ContextOptions,
  resource: 'role' | 'bucket' = 'role',
): AuthzContext {
  return resource === 'role'
    ? roleRequestContext(caller, role, options)
    : bucketRequestContext(caller, bucket, options);
}

describe('AuthzContext', () => {
  it('reads caller and resource facts case-insensitively, tag keys included', () => {
    const c = ctx(knownUser(), { otherKeys: 'absent' });
    expect(c.lookup('AWS:principaltag/team')).toEqual({ kind: 'known', values: ['blue'] });
    expect(c.lookup('aws:resourcetag/ENV')).toEqual({ kind: 'known', values: ['prod'] });
  });

  it('a principal key a known caller does not have is absent, whatever the request or otherKeys say', () => {
    const c = ctx(knownUser(), {
      otherKeys: 'unknown',
      known: { 'aws:PrincipalTag/admin': 'true' },
      unknown: ['aws:username'],
    });
    expect(c.lookup('aws:PrincipalTag/admin')).toEqual({ kind: 'absent' });
    expect(c.lookup('aws:username')).toEqual({ kind: 'absent' });
  });

  it('a caller outside the organization: aws:PrincipalOrgID comes from the request', () => {
    const outsider = knownUser({
      contextKeys: { 'aws:PrincipalArn': 'arn:aws:iam::333333333333:user/c' },
    });
    expect(
      ctx(outsider, { otherKeys: 'absent', known: { 'aws:PrincipalOrgID': 'o-other' } }).lookup(
        'aws:PrincipalOrgID',
      ),
    ).toEqual({
      kind: 'known',
      values: ['o-other'],
    });
    expect(ctx(outsider, { otherKeys: 'absent' }).lookup('aws:PrincipalOrgID')).toEqual({
      kind: 'absent',
    });
    expect(ctx(outsider, { otherKeys: 'unknown' }).lookup('aws:PrincipalOrgPaths')).toEqual({
      kind: 'unknown',
    });
  });

  it('keys the caller lists as unknown are unknown, with their sub-keys', () => {
    const c = ctx(knownUser({ unknownContextKeys: ['aws:userid', 'aws:PrincipalTag'] }), {
      otherKeys: 'absent',
    });
    expect(c.lookup('aws:userid')).toEqual({ kind: 'unknown' });
    expect(c.lookup('aws:PrincipalTag/cost-center')).toEqual({ kind: 'unknown' });
    // A fact beats the unknown list entry above it.
    expect(c.lookup('aws:PrincipalTag/team')).toEqual({ kind: 'known', values: ['blue'] });
  });

  it('aws:userid / aws:PrincipalArn a user or role session leaves unknown are still present (signed requests)', () => {
    const user = ctx(knownUser({ unknownContextKeys: ['aws:userid', 'aws:PrincipalTag'] }), {
      otherKeys: 'absent',
    });
    expect(user.presentLowerCase('aws:userid')).toBe(true);
    // Another unknown principal key may be absent (a tag the principal may not have).
    expect(user.presentLowerCase('aws:principaltag/cost-center')).toBe(false);
    // Known, not unknown: nothing to add.
    expect(user.presentLowerCase('aws:principalarn')).toBe(false);
    const session = ctx(
      knownUser({
        caller: {
          type: 'role-session',
          roleArn: `arn:aws:iam::${A}:role/app`,
          accountId: A,
          partition: 'aws',
        },
        contextKeys: { 'aws:PrincipalAccount': A },
        unknownContextKeys: ['aws:userid', 'aws:PrincipalArn'],
      }),
      { otherKeys: 'absent' },
    );
    expect(session.presentLowerCase('aws:userid')).toBe(true);
    expect(session.presentLowerCase('aws:principalarn')).toBe(true);
    // Unknown because the request leaves it so, not the caller: it may be absent.
    const opaque = ctx(
      {
        caller: { type: 'account', accountId: '444444444444', partition: 'aws' },
        key: 'arn:aws:iam::444444444444:root',
        accountId: '444444444444',
        identityPolicies: [],
        policiesKnown: false,
        serviceLinked: false,
        contextKeys: {},
      },
      { otherKeys: 'unknown' },
    );
    expect(opaque.lookup('aws:userid')).toEqual({ kind: 'unknown' });
    expect(opaque.presentLowerCase('aws:userid')).toBe(false);
  });

  it('an opaque caller: principal keys come from the request, then otherKeys', () => {
    const opaque: CallerProfile = {
      caller: { type: 'account', accountId: '444444444444', partition: 'aws' },
      key: 'arn:aws:iam::444444444444:root',
      accountId: '444444444444',
      identityPolicies: [],
      policiesKnown: false,
      serviceLinked: false,
      contextKeys: { 'aws:PrincipalAccount': '444444444444' },
    };
    expect(ctx(opaque, { otherKeys: 'unknown' }).lookup('aws:PrincipalArn')).toEqual({
      kind: 'unknown',
    });
    expect(ctx(opaque, { otherKeys: 'absent' }).lookup('aws:PrincipalArn')).toEqual({
      kind: 'absent',
    });
    expect(
      ctx(opaque, { otherKeys: 'unknown', absent: ['aws:PrincipalOrgID'] }).lookup(
        'aws:PrincipalOrgID',
      ),
    ).toEqual({ kind: 'absent' });
    expect(ctx(opaque, { otherKeys: 'absent' }).lookup('aws:PrincipalIsAWSService')).toEqual({
      kind: 'known',
      values: ['false'],
    });
  });

  it('request keys: unknown beats known, known beats absent, otherKeys last', () => {
    const c = ctx(knownUser(), {
      otherKeys: 'unknown',
      known: { 'sts:ExternalId': 'x', 'aws:SourceIp': '10.0.0.1' },
      unknown: ['aws:SourceIp'],
      absent: ['aws:SourceVpce'],
    });
    expect(c.lookup('sts:externalid')).toEqual({ kind: 'known', values: ['x'] });
    expect(c.lookup('aws:SourceIp')).toEqual({ kind: 'unknown' });
    expect(c.lookup('aws:SourceVpce')).toEqual({ kind: 'absent' });
    expect(c.lookup('aws:MultiFactorAuthPresent')).toEqual({ kind: 'unknown' });
    expect(ctx(knownUser(), { otherKeys: 'absent' }).lookup('aws:MultiFactorAuthPresent')).toEqual({
      kind: 'absent',
    });
  });

  it('role tags are complete; bucket tags are not collected, so they come from the request', () => {
    expect(ctx(knownUser(), { otherKeys: 'unknown' }).lookup('aws:ResourceTag/owner')).toEqual({
      kind: 'absent',
    });
    expect(
      ctx(knownUser(), { otherKeys: 'unknown' }, 'bucket').lookup('aws:ResourceTag/owner'),
    ).toEqual({ kind: 'unknown' });
    expect(
      ctx(knownUser(), { otherKeys: 'unknown' }, 'bucket').lookup('aws:ResourceOrgID'),
    ).toEqual({ kind: 'absent' });
  });

  it('service callers: aws:PrincipalIsAWSService is true and other principal keys are absent', () => {
    const svc: CallerProfile = {
      caller: { type: 'service', service: 'lambda.amazonaws.com' },
      key: 'service:lambda.amazonaws.com',
      identityPolicies: [],
      policiesKnown: false,
      serviceLinked: false,
      contextKeys: {},
    };
    const c = ctx(svc, { otherKeys: 'unknown' });
    expect(c.lookup('aws:PrincipalIsAWSService')).toEqual({ kind: 'known', values: ['true'] });
    expect(c.lookup('aws:PrincipalOrgID')).toEqual({ kind: 'absent' });
    expect(c.lookup('aws:SourceAccount')).toEqual({ kind: 'unknown' });
  });
});
