/**
 * A function created by a CloudFormation stack, invoked by the stack's creator (IAM-SEMANTICS.md
 * "Privilege escalation" E.3, new-compute row; CloudGoat s3_version_rollback_via_cfn): a principal
 * that may pass a role to CloudFormation (`iam:PassRole`, `iam:PassedToService` =
 * `cloudformation.amazonaws.com`) and `cloudformation:CreateStack` has a stack create an
 * `AWS::Lambda::Function` with another role; CloudFormation makes that call with the stack's role
 * ("If you specify a service role, CloudFormation uses that role's credentials":
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html), so
 * the stack's role needs `lambda:CreateFunction` and `iam:PassRole` of the function's role (to
 * `lambda.amazonaws.com`); the principal then invokes the function itself
 * (`lambda:InvokeFunction`, its own permission). The function's role must trust Lambda. The two
 * principals' permissions make one technique: the new-compute family of the stack's role alone
 * needs an invoke the stack's role may not have. A stack role that is an administrator is left
 * out (the creator already administers the account through it).
 */
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import { principalReferences } from '../../index/principal-references.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { fill, placesFor, type Template } from './pass-role.js';
import { serviceAssumes } from './service-trust.js';

const CLOUDFORMATION = 'cloudformation.amazonaws.com';
const LAMBDA = 'lambda.amazonaws.com';
const STACK: Template = 'arn:{p}:cloudformation:{r}:{a}:stack/{n}/zz';
const FN: Template = 'arn:{p}:lambda:{r}:{a}:function:{n}';
const TECHNIQUE =
  'iam:PassRole+cloudformation:CreateStack+lambda:CreateFunction+lambda:InvokeFunction';
const CREATE_STACK = ['cloudformation:CreateStack'] as const;
const CREATE_FUNCTION = ['lambda:CreateFunction'] as const;
const INVOKE = ['lambda:InvokeFunction'] as const;

/** Adds the edges creator → function role of this technique. */
export function addStackFunctionEdges(esc: EscalationContext): void {
  const { model } = esc.build;
  const creators = esc
    .attackers()
    .filter((p) => esc.holdsAny(p, CREATE_STACK) && esc.holdsAny(p, INVOKE));
  if (creators.length === 0) return;
  const byPass = new PermissionIndex(creators, ['iam:PassRole'], rolePatternKey);
  // Roles whose trust policy names Lambda (or any principal), by account: the function's role.
  const lambdaRoles = new Map<string, RoleProfile[]>();
  for (const r of model.roles.values()) {
    if (r.serviceLinked || !esc.inScope(r.accountId) || !namesLambda(r)) continue;
    let list = lambdaRoles.get(r.accountId);
    if (!list) lambdaRoles.set(r.accountId, (list = []));
    list.push(r);
  }
  for (const stackRole of model.roles.values()) {
    if (stackRole.serviceLinked || !esc.inScope(stackRole.accountId)) continue;
    if (esc.admins.has(stackRole.arn)) continue;
    const asCaller = model.principals.get(stackRole.arn);
    if (asCaller === undefined || !esc.holdsAny(asCaller, CREATE_FUNCTION)) continue;
    const candidates = byPass.candidates(stackRole.accountId, stackRole.arn, stackRole.accountId);
    if (candidates.size === 0) continue;
    for (const creator of candidates) {
      if (creator.key === stackRole.arn) continue;
      const stack = stackSteps(esc, creator, stackRole);
      if (stack === undefined) continue;
      for (const fnRole of lambdaRoles.get(stackRole.accountId) ?? []) {
        if (fnRole.arn === creator.key || fnRole.arn === stackRole.arn) continue;
        const fn = functionSteps(esc, creator, asCaller, fnRole);
        if (fn === undefined) continue;
        esc.addEdge(creator.key, fnRole.arn, TECHNIQUE, [...stack, ...fn]);
      }
    }
  }
}

function namesLambda(role: RoleProfile): boolean {
  return principalReferences(role.trustPolicy).some(
    (ref) =>
      ref.type === 'wildcard' || (ref.type === 'service' && ref.service.startsWith('lambda.')),
  );
}

/** PassRole of the stack's role to CloudFormation, CreateStack, and the role's trust of it. */
function stackSteps(
  esc: EscalationContext,
  creator: CallerProfile,
  stackRole: RoleProfile,
): Step[] | undefined {
  const account = stackRole.accountId;
  for (const place of placesFor(
    creator,
    'cloudformation:CreateStack',
    STACK,
    stackRole.partition,
    account,
  )) {
    const stack = fill(STACK, place);
    const pass = esc.decide(
      creator,
      'iam:PassRole',
      stackRole.arn,
      account,
      esc.roleFacts(stackRole),
      {
        known: { 'iam:PassedToService': CLOUDFORMATION, 'iam:AssociatedResourceArn': stack },
      },
    );
    if (pass.result.decision === 'deny') return undefined;
    const create = esc.decide(
      creator,
      'cloudformation:CreateStack',
      stack,
      account,
      esc.accountFacts(account),
    );
    if (create.result.decision === 'deny') continue;
    const trust = serviceAssumes(esc, stackRole, CLOUDFORMATION, stack);
    if (trust.result.decision === 'deny') return undefined;
    return [pass, create, trust];
  }
  return undefined;
}

/**
 * The stack's role creates a function running as `fnRole` (CreateFunction, PassRole to Lambda),
 * the function's role trusts Lambda, and the creator invokes the function.
 */
function functionSteps(
  esc: EscalationContext,
  creator: CallerProfile,
  stackRole: CallerProfile,
  fnRole: RoleProfile,
): Step[] | undefined {
  const account = fnRole.accountId;
  const facts = esc.accountFacts(account);
  for (const place of placesFor(creator, 'lambda:InvokeFunction', FN, fnRole.partition, account)) {
    const fn = fill(FN, place);
    const invoke = esc.decide(creator, 'lambda:InvokeFunction', fn, account, facts);
    if (invoke.result.decision === 'deny') continue;
    const create = esc.decide(stackRole, 'lambda:CreateFunction', fn, account, facts);
    if (create.result.decision === 'deny') continue;
    const pass = esc.decide(stackRole, 'iam:PassRole', fnRole.arn, account, esc.roleFacts(fnRole), {
      known: { 'iam:PassedToService': LAMBDA, 'iam:AssociatedResourceArn': fn },
    });
    if (pass.result.decision === 'deny') return undefined;
    const trust = serviceAssumes(esc, fnRole, LAMBDA, fn);
    if (trust.result.decision === 'deny') return undefined;
    return [create, pass, trust, invoke];
  }
  return undefined;
}
