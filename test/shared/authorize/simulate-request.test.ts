/**
 * The simulate request contract: validation errors name the field; the request maps to the
 * decision layer (session tags → aws:RequestTag and sts:TagSession, source identity, role
 * chaining, session policy, bucket vs object ARNs, supported actions).
 */
import { describe, expect, it } from 'vitest';
import {
  SimulateRequestError,
  compileAuthzModel,
  parseSimulateRequest,
  planSimulation,
  simulate,
} from '../../../shared/authorize/index.js';
import { buildSnapshot } from './world.js';

const A = '111111111111';
const ROLE = `arn:aws:iam::${A}:role/target`;
const USER = `arn:aws:iam::${A}:user/alice`;
const model = compileAuthzModel(
  buildSnapshot({
    caller: { arn: USER },
    role: {
      arn: ROLE,
      trust: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: USER },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
          },
        ],
      },
    },
    bucket: { name: 'acme-data', account: A },
  }),
);

function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err: unknown) {
    if (err instanceof SimulateRequestError) return err.field;
    throw err;
  }
  return undefined;
}

describe('parseSimulateRequest', () => {
  it('accepts the full contract', () => {
    const r = parseSimulateRequest({
      principal: USER,
      action: 'sts:AssumeRole',
      resource: ROLE,
      context: { 'sts:ExternalId': 'x', 'aws:PrincipalOrgPaths': ['o-1/r-1/'] },
      unknownContextKeys: ['aws:SourceIp'],
      sessionPolicy: { Version: '2012-10-17', Statement: [] },
      sessionTags: { team: 'blue' },
      sourceIdentity: 'alice',
      durationSeconds: 3600,
      roleChaining: false,
    });
    expect(r.context).toEqual({ 'sts:ExternalId': 'x', 'aws:PrincipalOrgPaths': ['o-1/r-1/'] });
    expect(r.roleChaining).toBe(false);
  });

  it.each([
    [{}, 'principal'],
    [{ principal: USER, resource: ROLE }, 'action'],
    [{ principal: USER, action: 'sts:AssumeRole' }, 'resource'],
    [{ principal: 42, action: 'sts:AssumeRole', resource: ROLE }, 'principal'],
    [
      { principal: { service: 'x', federated: 'y' }, action: 'sts:AssumeRole', resource: ROLE },
      'principal',
    ],
    [{ principal: { anonymous: false }, action: 's3:GetObject', resource: ROLE }, 'principal'],
    [
      { principal: USER, action: 'sts:AssumeRole', resource: ROLE, context: { 'aws:SourceIp': 5 } },
      'context.aws:SourceIp',
    ],
    [
      { principal: USER, action: 'sts:AssumeRole', resource: ROLE, context: { k: ['a', 1] } },
      'context.k[1]',
    ],
    [{ principal: USER, action: 'sts:AssumeRole', resource: ROLE, context: [] }, 'context'],
    [
      { principal: USER, action: 'sts:AssumeRole', resource: ROLE, unknownContextKeys: 'x' },
      'unknownContextKeys',
    ],
    [
      { principal: USER, action: 'sts:AssumeRole', resource: ROLE, sessionPolicy: 'x' },
      'sessionPolicy',
    ],
    [
      { principal: USER, action: 'sts:AssumeRole', resource: ROLE, sessionTags: { a: 1 } },
      'sessionTags.a',
    ],
    [
      { principal: USER, action: 'sts:AssumeRole', resource: ROLE, durationSeconds: 1.5 },
      'durationSeconds',
    ],
    [
      { principal: USER, action: 'sts:AssumeRole', resource: ROLE, roleChaining: 'yes' },
      'roleChaining',
    ],
    [
      { principal: USER, action: 'sts:AssumeRole', resource: ROLE, unknownContextKey: [] },
      'unknownContextKey',
    ],
  ])('rejects %j naming %s', (json, field) => {
    expect(fieldOf(() => parseSimulateRequest(json))).toBe(field);
  });

  it('rejects a request that is not an object', () => {
    expect(fieldOf(() => parseSimulateRequest([]))).toBe('(request)');
  });
});

describe('planSimulation', () => {
  const base = { principal: USER, context: {}, unknownContextKeys: [] as string[] };

  it('session tags become aws:RequestTag/… and aws:TagKeys and require sts:TagSession', () => {
    const plan = planSimulation(model, {
      ...base,
      action: 'STS:assumerole',
      resource: ROLE,
      sessionTags: { team: 'blue' },
      sourceIdentity: 'alice',
    });
    if (plan.kind !== 'assume-role') throw new Error('expected an assume-role plan');
    expect(plan.request.action).toBe('sts:AssumeRole');
    expect(plan.request.tagsPassed).toBe(true);
    expect(plan.request.sourceIdentitySet).toBe(true);
    expect(plan.request.context.known).toMatchObject({
      'aws:RequestTag/team': 'blue',
      'aws:TagKeys': ['team'],
      'sts:SourceIdentity': 'alice',
    });
    expect(plan.request.context.otherKeys).toBe('absent');
  });

  it('a role-session principal is role chaining unless told otherwise', () => {
    const p1 = planSimulation(model, {
      ...base,
      principal: `arn:aws:sts::${A}:assumed-role/target/s`,
      action: 'sts:AssumeRole',
      resource: ROLE,
    });
    expect(p1.kind === 'assume-role' && p1.request.roleChaining).toBe(true);
    const p2 = planSimulation(model, {
      ...base,
      principal: `arn:aws:sts::${A}:assumed-role/target/s`,
      action: 'sts:AssumeRole',
      resource: ROLE,
      roleChaining: false,
    });
    expect(p2.kind === 'assume-role' && p2.request.roleChaining).toBe(false);
  });

  it('only a role session or federated user has a session policy', () => {
    expect(
      fieldOf(() =>
        planSimulation(model, {
          ...base,
          action: 'sts:AssumeRole',
          resource: ROLE,
          sessionPolicy: { Statement: [] },
        }),
      ),
    ).toBe('sessionPolicy');
  });

  it.each([
    ['passrole', ROLE, 'action'],
    ['ec2:RunInstances', 'not an arn', 'resource'],
    ['s3:Get*', 'arn:aws:s3:::acme-data/x', 'action'],
    ['sts:AssumeRole', 'arn:aws:s3:::acme-data', 'resource'],
    ['sts:AssumeRole', `arn:aws:iam::${A}:role/missing`, 'resource'],
    ['s3:GetObject', 'arn:aws:s3:::acme-data', 'resource'],
    ['s3:ListBucket', 'arn:aws:s3:::acme-data/x', 'resource'],
    ['s3:GetObject', 'arn:aws:s3:::other-bucket/x', 'resource'],
  ])('%s on %s is rejected naming %s', (action, resource, field) => {
    expect(fieldOf(() => planSimulation(model, { ...base, action, resource }))).toBe(field);
  });

  it('sts-only fields are rejected for S3 actions', () => {
    expect(
      fieldOf(() =>
        planSimulation(model, {
          ...base,
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::acme-data/x',
          durationSeconds: 900,
        }),
      ),
    ).toBe('durationSeconds');
  });

  it('an object ARN gives the object key; simulate decides', () => {
    const plan = planSimulation(model, {
      ...base,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::acme-data/a/b.txt',
    });
    expect(plan.kind === 's3' && plan.request.objectKey).toBe('a/b.txt');
    expect(simulate(model, { ...base, action: 'sts:AssumeRole', resource: ROLE }).decision).toBe(
      'allow',
    );
    expect(
      simulate(model, {
        ...base,
        action: 'sts:AssumeRole',
        resource: ROLE,
        sessionTags: { t: 'v' },
      }).decision,
    ).toBe('allow');
  });
});
