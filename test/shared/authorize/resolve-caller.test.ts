/**
 * callerFromArn: every simulate principal form, snapshot principals matched case-insensitively,
 * principals outside the snapshot as opaque callers, mistakes as typed errors naming the field.
 */
import { describe, expect, it } from 'vitest';
import {
  SimulateRequestError,
  callerFromArn,
  compileAuthzModel,
} from '../../../shared/authorize/index.js';
import { buildSnapshot } from './world.js';

const A = '111111111111';
const B = '222222222222';
const X = '333333333333';
const doc = { Version: '2012-10-17', Statement: [] };

const model = compileAuthzModel(
  buildSnapshot({
    caller: { arn: `arn:aws:iam::${A}:user/Alice`, tags: { team: 'blue' } },
    role: { arn: `arn:aws:iam::${A}:role/ops/Deploy`, trust: doc },
    org: {
      id: 'o-exampleorg1',
      accounts: { [A]: 'r-root', [B]: 'r-root' },
      scps: [{ name: 'FullAWSAccess', targets: ['r-root', A, B] }],
    },
  }),
);

function field(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err: unknown) {
    if (err instanceof SimulateRequestError) return err.field;
    throw err;
  }
  return undefined;
}

describe('callerFromArn', () => {
  it('an IAM user of the snapshot, its name matched case-insensitively', () => {
    const p = callerFromArn(model, `arn:aws:iam::${A}:user/alice`);
    expect(p.key).toBe(`arn:aws:iam::${A}:user/Alice`);
    expect(p.policiesKnown).toBe(true);
    expect(p.contextKeys['aws:PrincipalTag/team']).toBe('blue');
  });

  it('a role ARN: some session of the role (session name unknown)', () => {
    const p = callerFromArn(model, `arn:aws:iam::${A}:role/ops/Deploy`);
    expect(p.caller).toMatchObject({
      type: 'role-session',
      roleArn: `arn:aws:iam::${A}:role/ops/Deploy`,
    });
    expect(p.caller.type === 'role-session' && p.caller.sessionName).toBe(undefined);
    expect(p.unknownContextKeys).toContain('aws:userid');
  });

  it('a role-session ARN: the role found by name (no path in session ARNs), the session name and aws:userid known', () => {
    const p = callerFromArn(model, `arn:aws:sts::${A}:assumed-role/deploy/ci-42`);
    expect(p.caller).toMatchObject({
      type: 'role-session',
      roleArn: `arn:aws:iam::${A}:role/ops/Deploy`,
      sessionName: 'ci-42',
    });
    expect(p.contextKeys['aws:PrincipalArn']).toBe(`arn:aws:iam::${A}:role/ops/Deploy`);
    expect(String(p.contextKeys['aws:userid'])).toMatch(/^AROA.*:ci-42$/);
    expect(p.unknownContextKeys).toBeUndefined();
  });

  it('an account root ARN is the root user, with SCPs when the account is a member', () => {
    const p = callerFromArn(model, `arn:aws:iam::${B}:root`);
    expect(p.caller).toEqual({ type: 'root', accountId: B, partition: 'aws' });
    expect(p.scps?.levels.map((l) => l.targetId)).toEqual(['r-root', B]);
    expect(p.contextKeys['aws:PrincipalOrgID']).toBe('o-exampleorg1');
  });

  it('a federated-user ARN', () => {
    const p = callerFromArn(model, `arn:aws:sts::${A}:federated-user/bob`);
    expect(p.caller.type).toBe('federated-user');
    expect(p.contextKeys['aws:userid']).toBe(`${A}:bob`);
  });

  it('a principal of an unscanned organization account: opaque, with organization facts and SCPs', () => {
    const p = callerFromArn(model, `arn:aws:iam::${B}:role/app`);
    expect(p.policiesKnown).toBe(false);
    expect(p.contextKeys['aws:PrincipalOrgID']).toBe('o-exampleorg1');
    expect(p.scps).toBeDefined();
  });

  it('a principal outside the organization: opaque, no organization facts, no SCPs', () => {
    const p = callerFromArn(model, `arn:aws:iam::${X}:user/carol`);
    expect(p.policiesKnown).toBe(false);
    expect(p.contextKeys['aws:PrincipalOrgID']).toBeUndefined();
    expect(p.scps).toBeUndefined();
    expect(p.contextKeys['aws:username']).toBe('carol');
  });

  it('a session of a role outside the snapshot: its ARN path is unknown', () => {
    const p = callerFromArn(model, `arn:aws:sts::${X}:assumed-role/vendor/s1`);
    expect(p.unknownContextKeys).toEqual(['aws:userid', 'aws:PrincipalArn']);
  });

  it('service, OIDC (ARN and built-in host), SAML and anonymous principals', () => {
    expect(callerFromArn(model, { service: 'lambda.amazonaws.com' }).caller).toEqual({
      type: 'service',
      service: 'lambda.amazonaws.com',
    });
    expect(
      callerFromArn(model, {
        federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`,
      }).caller.type,
    ).toBe('oidc');
    expect(callerFromArn(model, { federated: 'Accounts.Google.com' }).caller).toEqual({
      type: 'oidc',
      provider: 'accounts.google.com',
    });
    expect(
      callerFromArn(model, { federated: `arn:aws:iam::${A}:saml-provider/Okta` }).caller.type,
    ).toBe('saml');
    expect(callerFromArn(model, { anonymous: true }).caller).toEqual({ type: 'anonymous' });
  });

  it('mistakes are SimulateRequestErrors naming the field', () => {
    expect(field(() => callerFromArn(model, 'alice'))).toBe('principal');
    expect(field(() => callerFromArn(model, `arn:aws:iam::${A}:group/devs`))).toBe('principal');
    expect(field(() => callerFromArn(model, `arn:aws:iam::${A}:user/nobody`))).toBe('principal');
    expect(field(() => callerFromArn(model, `arn:aws:sts::${A}:assumed-role/nobody/s`))).toBe(
      'principal',
    );
    expect(field(() => callerFromArn(model, { service: 'not a service' }))).toBe(
      'principal.service',
    );
    expect(field(() => callerFromArn(model, { federated: 'example.com' }))).toBe(
      'principal.federated',
    );
  });
});
