/**
 * authorizeAssumeRole called directly, for what the simulate contract does not reach: the
 * ProvidedContexts action (sts:SetContext), the graph builder's callers ("any AWS principal",
 * opaque accounts under hypotheses), and the shape of results (sorted keys, evidence per action).
 */
import { describe, expect, it } from 'vitest';
import {
  authorizeAssumeRole,
  compileAuthzModel,
  requiredActions,
  type AssumeRoleRequest,
  type CallerProfile,
} from '../../../shared/authorize/index.js';
import { buildSnapshot } from './world.js';

const A = '111111111111';
const ROLE = `arn:aws:iam::${A}:role/target`;

function modelWith(trust: Record<string, unknown>) {
  return compileAuthzModel(
    buildSnapshot({ caller: { arn: `arn:aws:iam::${A}:user/alice` }, role: { arn: ROLE, trust } }),
  );
}

const anyone: CallerProfile = {
  caller: { type: 'account', accountId: '*', partition: 'aws' },
  key: '*',
  identityPolicies: [],
  policiesKnown: false,
  serviceLinked: false,
  contextKeys: {},
};

describe('authorizeAssumeRole', () => {
  it('needs sts:SetContext when ProvidedContexts are passed (IAM-SEMANTICS.md §3.1)', () => {
    const model = modelWith({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    const req: AssumeRoleRequest = {
      action: 'sts:AssumeRole',
      caller: model.principals.get(`arn:aws:iam::${A}:user/alice`)!,
      role: model.roles.get(ROLE)!,
      model,
      context: { otherKeys: 'absent' },
      contextsProvided: true,
    };
    expect(requiredActions(req)).toEqual(['sts:AssumeRole', 'sts:SetContext']);
    const r = authorizeAssumeRole(req);
    expect(r.decision).toBe('deny');
    expect(r.evidence.some((e) => e.action === 'sts:SetContext' && e.role === 'requires')).toBe(
      true,
    );
    expect(authorizeAssumeRole({ ...req, contextsProvided: false }).decision).toBe('allow');
  });

  it('"any AWS principal" (the graph builder\'s anyone) matches AWS * and is cross-account', () => {
    const model = modelWith({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    });
    const r = authorizeAssumeRole({
      action: 'sts:AssumeRole',
      caller: anyone,
      role: model.roles.get(ROLE)!,
      model,
      context: { otherKeys: 'unknown', unknown: ['aws:PrincipalAccount'] },
    });
    expect(r.decision).toBe('allow');
    expect(r.notes).toContain('caller-scps-unknown');
    expect(r.evidence.some((e) => e.role === 'note' && e.policy.kind === 'identity')).toBe(true);
  });

  it('"any AWS principal" against an organization condition, under the no-organization hypothesis', () => {
    const model = modelWith({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } },
        },
      ],
    });
    const role = model.roles.get(ROLE)!;
    const absent = authorizeAssumeRole({
      action: 'sts:AssumeRole',
      caller: anyone,
      role,
      model,
      context: { otherKeys: 'unknown', absent: ['aws:PrincipalOrgID'] },
    });
    expect(absent.decision).toBe('deny');
    const other = authorizeAssumeRole({
      action: 'sts:AssumeRole',
      caller: anyone,
      role,
      model,
      context: { otherKeys: 'unknown', known: { 'aws:PrincipalOrgID': 'o-other' } },
    });
    expect(other.decision).toBe('deny');
  });

  it('condition keys of a conditional result are sorted and unique', () => {
    const model = modelWith({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'sts:ExternalId': 'x', 'aws:SourceVpce': 'v' },
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          },
        },
      ],
    });
    const r = authorizeAssumeRole({
      action: 'sts:AssumeRole',
      caller: model.principals.get(`arn:aws:iam::${A}:user/alice`)!,
      role: model.roles.get(ROLE)!,
      model,
      context: { otherKeys: 'unknown' },
    });
    expect(r.decision).toBe('conditional');
    expect(r.conditionKeys).toEqual([
      'aws:MultiFactorAuthPresent',
      'aws:SourceVpce',
      'sts:ExternalId',
    ]);
  });
});
