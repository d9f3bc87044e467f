/**
 * Small builders for the policy documents of the demo organization, so that the planted
 * scenarios read like the JSON they produce.
 */
import type { ConditionBlock, PolicyDocument, PolicyStatement } from './iam-types.js';

export const POLICY_VERSION = '2012-10-17';

export function policy(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: POLICY_VERSION, Statement: statements };
}

/** One value stays a string (as people write policies); several become a list. */
function oneOrMany(values: string[]): string | string[] {
  return values.length === 1 && values[0] !== undefined ? values[0] : values;
}

export function allow(
  actions: string | string[],
  resources: string | string[],
  condition?: ConditionBlock,
  sid?: string,
): PolicyStatement {
  const s: PolicyStatement = { Effect: 'Allow', Action: actions, Resource: resources };
  if (sid !== undefined) s.Sid = sid;
  if (condition !== undefined) s.Condition = condition;
  return s;
}

export function deny(
  actions: string | string[],
  resources: string | string[],
  condition?: ConditionBlock,
  sid?: string,
): PolicyStatement {
  const s: PolicyStatement = { Effect: 'Deny', Action: actions, Resource: resources };
  if (sid !== undefined) s.Sid = sid;
  if (condition !== undefined) s.Condition = condition;
  return s;
}

/** Trust statement for AWS principals (accounts, roles, users, `*` or unique ids). */
export function trustAws(principals: string[], condition?: ConditionBlock): PolicyDocument {
  const s: PolicyStatement = {
    Effect: 'Allow',
    Principal: { AWS: oneOrMany(principals) },
    Action: 'sts:AssumeRole',
  };
  if (condition !== undefined) s.Condition = condition;
  return policy(s);
}

/** Trust statement for an AWS service principal such as `lambda.amazonaws.com`. */
export function trustService(service: string, condition?: ConditionBlock): PolicyDocument {
  const s: PolicyStatement = {
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sts:AssumeRole',
  };
  if (condition !== undefined) s.Condition = condition;
  return policy(s);
}

/** IAM Identity Center permission-set role trust, as Identity Center writes it. */
export function trustSaml(providerArn: string): PolicyDocument {
  return policy({
    Effect: 'Allow',
    Principal: { Federated: providerArn },
    Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
    Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
  });
}

/** OIDC web-identity trust with the given claim conditions. */
export function trustOidc(providerArn: string, condition: ConditionBlock): PolicyDocument {
  return policy({
    Effect: 'Allow',
    Principal: { Federated: providerArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition,
  });
}

/** `arn:aws:s3:::NAME` and `arn:aws:s3:::NAME/*`. */
export function bucketAndObjects(partition: string, bucket: string): [string, string] {
  return [`arn:${partition}:s3:::${bucket}`, `arn:${partition}:s3:::${bucket}/*`];
}
