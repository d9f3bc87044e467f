/**
 * Technique family "new principal" (IAM-SEMANTICS.md "Privilege escalation" E.3): a principal
 * that may create an IAM user, give it AdministratorAccess and create its credentials — or create
 * a role whose trust policy names itself, give it AdministratorAccess and assume it — becomes an
 * administrator of its account, even when none of these permissions covers itself (Resource
 * `user/new-*`): DataDog/stratus-red-team `aws.persistence.iam-create-admin-user` and
 * `aws.persistence.iam-create-backdoor-role` run by a principal limited to new names.
 *
 * Every permission is decided by the engine on a name the attacker's own Allow statements point
 * to (or a fresh one): `iam:CreateUser` / `iam:CreateRole` without a permissions boundary
 * (`iam:PermissionsBoundary` absent: a policy that forces one gives no edge — a miss, never a
 * false edge), `iam:AttachUserPolicy` / `iam:AttachRolePolicy` with `iam:PolicyARN` =
 * AdministratorAccess or `iam:PutUserPolicy` / `iam:PutRolePolicy`, then `iam:CreateAccessKey` or
 * `iam:CreateLoginProfile`, or `sts:AssumeRole` decided as after a trust rewrite (the new trust
 * names the attacker; the role's account RCPs apply). The edge goes to the account node only when
 * the new principal — AdministratorAccess, no boundary, no tags, the account's SCPs — passes the
 * administrator test (E.2).
 */
import { isAdministrator } from '../../../authorize/is-administrator.js';
import type { AuthzModel, CallerProfile, RoleProfile } from '../../../authorize/types.js';
import type { ContextValue } from '../../../policy/types.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { placesFor, type Template } from './pass-role.js';
import { administratorAccessArn, administratorPolicy } from './policy-changes.js';
import { newPolicyAttachments } from './new-policy.js';
import { assumeAfterRewrite } from './trust-rewrite.js';

export const NEW_PRINCIPAL_ACTIONS = ['iam:CreateUser', 'iam:CreateRole'] as const;

const NEW_USER: Template = 'arn:{p}:iam::{a}:user/{n}';
const NEW_ROLE: Template = 'arn:{p}:iam::{a}:role/{n}';
const NO_BOUNDARY = ['iam:PermissionsBoundary'] as const;
const USER_STEPS = [
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
] as const;
const ROLE_STEPS = ['iam:AttachRolePolicy', 'iam:PutRolePolicy'] as const;
const ACCOUNT_KEYS = ['aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'];

function partitionOf(p: CallerProfile): string {
  return p.caller.type === 'user' || p.caller.type === 'role-session' ? p.caller.partition : 'aws';
}

/** The new principal's own keys: its ARN and type, the attacker's account and organization. */
function newPrincipalKeys(
  attacker: CallerProfile,
  arn: string,
  type: 'User' | 'AssumedRole',
  name: string,
): Record<string, ContextValue> {
  const keys = Object.create(null) as Record<string, ContextValue>;
  for (const k of ACCOUNT_KEYS) {
    const v = attacker.contextKeys[k];
    if (v !== undefined) keys[k] = v;
  }
  keys['aws:PrincipalArn'] = arn;
  keys['aws:PrincipalType'] = type;
  keys['aws:PrincipalIsAWSService'] = 'false';
  if (type === 'User') keys['aws:username'] = name;
  return keys;
}

/** The new user or role session with AdministratorAccess, no boundary, the account's SCPs. */
function newAdministrator(
  model: AuthzModel,
  attacker: CallerProfile,
  accountId: string,
  arn: string,
  kind: 'user' | 'role',
): CallerProfile {
  const partition = partitionOf(attacker);
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const profile: CallerProfile = {
    caller:
      kind === 'user'
        ? { type: 'user', arn, accountId, partition }
        : { type: 'role-session', roleArn: arn, accountId, partition },
    key: arn,
    accountId,
    identityPolicies: [administratorPolicy(model, partition)],
    policiesKnown: true,
    serviceLinked: false,
    contextKeys: newPrincipalKeys(attacker, arn, kind === 'user' ? 'User' : 'AssumedRole', name),
    unknownContextKeys: ['aws:userid'],
  };
  if (attacker.scps) profile.scps = attacker.scps;
  return profile;
}

/** A role of the account to take its RCPs and resource keys from (tags dropped). */
function roleTemplate(esc: EscalationContext, accountId: string): RoleProfile | undefined {
  for (const r of esc.build.model.roles.values())
    if (r.accountId === accountId && !r.serviceLinked) return r;
  return undefined;
}

function newRole(template: RoleProfile, arn: string): RoleProfile {
  const keys = Object.create(null) as Record<string, ContextValue>;
  for (const [k, v] of Object.entries(template.resourceContextKeys)) {
    const lower = k.toLowerCase();
    if (!lower.startsWith('aws:resourcetag/') && !lower.startsWith('iam:resourcetag/')) keys[k] = v;
  }
  const { roleId: _id, maxSessionDuration: _max, ...rest } = template;
  return {
    ...rest,
    arn,
    name: arn.slice(arn.lastIndexOf('/') + 1),
    serviceLinked: false,
    tags: {},
    resourceContextKeys: keys,
  };
}

/** Adds the new-principal edges (attacker → its account node). */
export function addNewPrincipalEdges(esc: EscalationContext): void {
  const { model, accounts } = esc.build;
  for (const p of esc.attackers()) {
    const accountId = p.accountId;
    if (accountId === undefined || p.serviceLinked || esc.admins.has(p.key)) continue;
    if (!esc.inScope(accountId) || !esc.holdsAny(p, NEW_PRINCIPAL_ACTIONS)) continue;
    const partition = partitionOf(p);
    const facts = esc.accountFacts(accountId);
    const policyArn = { 'iam:PolicyARN': administratorAccessArn(partition) };
    const decide = (action: string, arn: string, known?: Record<string, string>): Step =>
      esc.decide(p, action, arn, accountId, facts, {
        ...(known ? { known } : {}),
        ...(action === 'iam:CreateUser' || action === 'iam:CreateRole'
          ? { absent: NO_BOUNDARY }
          : {}),
      });
    const record = (technique: string[], steps: Step[]): void => {
      const added = esc.addEdge(
        p.key,
        accounts.ensureAccount(accountId),
        technique.join('+'),
        steps,
        {
          notes: ['new-principal'],
        },
      );
      if (added && steps.every((s) => s.result.decision === 'allow')) esc.owners.add(p.key);
    };
    const denied = (s: Step): boolean => s.result.decision === 'deny';
    /**
     * The grant steps not denied; an Attach…Policy its iam:PolicyARN condition denies for
     * AdministratorAccess is tried with a policy the attacker creates (new-policy.ts).
     */
    const withNewPolicy = (grants: Step[], arn: string): Step[][] =>
      grants.flatMap((g) =>
        !denied(g)
          ? [[g]]
          : g.action.startsWith('iam:Attach')
            ? newPolicyAttachments(esc, p, accountId, partition, g.action, arn, facts)
            : [],
      );

    const created = (
      action: 'iam:CreateUser' | 'iam:CreateRole',
      template: Template,
      grantActions: readonly string[],
    ): { arn: string; create: Step }[] => {
      // Names the attacker's Allow statements point to (for any step), then a fresh one.
      const names = new Set<string>();
      for (const a of [action, ...grantActions])
        for (const place of placesFor(p, a, template, partition, accountId)) names.add(place.name);
      const out: { arn: string; create: Step }[] = [];
      for (const name of names) {
        const arn = template
          .replace('{p}', partition)
          .replace('{a}', accountId)
          .replace('{n}', name);
        const create = decide(action, arn);
        if (!denied(create)) out.push({ arn, create });
      }
      return out;
    };

    for (const { arn, create } of created('iam:CreateUser', NEW_USER, USER_STEPS)) {
      if (!isAdministrator(newAdministrator(model, p, accountId, arn, 'user'), model)) continue;
      const grants = withNewPolicy(
        [decide('iam:AttachUserPolicy', arn, policyArn), decide('iam:PutUserPolicy', arn)],
        arn,
      );
      const creds = [decide('iam:CreateAccessKey', arn), decide('iam:CreateLoginProfile', arn)];
      let any = false;
      for (const grant of grants)
        for (const cred of creds)
          if (!denied(cred)) {
            const steps = [create, ...grant, cred];
            record(
              steps.map((s) => s.action),
              steps,
            );
            any = true;
          }
      if (any) break;
    }

    const template = roleTemplate(esc, accountId);
    if (template === undefined) continue;
    for (const { arn, create } of created('iam:CreateRole', NEW_ROLE, ROLE_STEPS)) {
      if (!isAdministrator(newAdministrator(model, p, accountId, arn, 'role'), model)) continue;
      const assume = assumeAfterRewrite(esc, p, newRole(template, arn));
      if (denied(assume)) continue;
      const grants = withNewPolicy(
        [decide('iam:AttachRolePolicy', arn, policyArn), decide('iam:PutRolePolicy', arn)],
        arn,
      );
      let any = false;
      for (const grant of grants) {
        const steps = [create, ...grant, assume];
        record(
          steps.map((s) => s.action),
          steps,
        );
        any = true;
      }
      if (any) break;
    }
  }
}
