/**
 * Pass a role to an existing Lambda function (IAM-SEMANTICS.md "Privilege escalation" E.3, new
 * compute): a principal that may change a function's configuration (`UpdateFunctionConfiguration`
 * sets its execution role, with `iam:PassRole` on the new role) and its code, and then run it —
 * InvokeFunction, or an existing push trigger that its policy shows (workload-takeover.ts) —
 * acts as any role that trusts Lambda and that it may pass, whatever role the function had.
 * Every permission is decided on the function's ARN (with its policy), PassRole with
 * `iam:PassedToService` = lambda.amazonaws.com and `iam:AssociatedResourceArn` = the function,
 * and the role's trust must admit Lambda for that function. Roles are never passed across
 * accounts, so the function is in the role's account.
 */
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import type { Workload } from '../../../snapshot/types.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { workloadPolicy } from './workload-policies.js';
import { existingTrigger } from './workload-takeover.js';

export const ROLE_SWAP_ACTIONS: readonly string[] = [
  'lambda:UpdateFunctionConfiguration',
  'lambda:UpdateFunctionCode',
];
const CONFIGURE: readonly string[] = ['lambda:UpdateFunctionConfiguration'];
const CODE: readonly string[] = ['lambda:UpdateFunctionCode'];

/** The Lambda functions of each account's workloads.json. */
export function functionsByAccount(esc: EscalationContext): ReadonlyMap<string, Workload[]> {
  const out = new Map<string, Workload[]>();
  for (const [accountId, account] of esc.snapshot.accounts)
    for (const w of account.workloads ?? [])
      if (w.type === 'lambda-function') {
        let list = out.get(accountId);
        if (list === undefined) out.set(accountId, (list = []));
        list.push(w);
      }
  return out;
}

/**
 * Adds the edge attacker → role through the first function of `functions` (the role's account)
 * that the attacker can reconfigure, recode and run; `assumes` decides the role's trust for
 * Lambda acting for that function.
 */
export function swapFunctionRole(
  esc: EscalationContext,
  attacker: CallerProfile,
  role: RoleProfile,
  functions: readonly Workload[],
  assumes: (sourceArn: string) => Step,
): void {
  if (functions.length === 0) return;
  if (!esc.holdsAny(attacker, CONFIGURE) || !esc.holdsAny(attacker, CODE)) return;
  const account = role.accountId;
  const facts = esc.accountFacts(account);
  // Denied whatever the function (iam:AssociatedResourceArn unknown): no function needs trying.
  const passAny = esc.decide(attacker, 'iam:PassRole', role.arn, account, esc.roleFacts(role), {
    known: { 'iam:PassedToService': 'lambda.amazonaws.com' },
  });
  if (passAny.result.decision === 'deny') return;
  for (const fn of functions) {
    // The function's own role is the plain takeover's business.
    if (fn.roleArn === role.arn) continue;
    const policy = workloadPolicy(fn);
    const region = fn.region ?? fn.arn.split(':')[3] ?? '';
    const known: Record<string, string> = region !== '' ? { 'aws:RequestedRegion': region } : {};
    const on = (action: string): Step =>
      esc.decide(attacker, action, fn.arn, account, facts, {
        known,
        ...(policy !== undefined ? { resourcePolicy: policy } : {}),
      });
    const steps: Step[] = [];
    let denied = false;
    for (const action of ROLE_SWAP_ACTIONS) {
      const step = on(action);
      if (step.result.decision === 'deny') {
        denied = true;
        break;
      }
      steps.push(step);
    }
    if (denied) continue;
    const invoke = on('lambda:InvokeFunction');
    const trigger = invoke.result.decision === 'deny' ? existingTrigger(fn, policy) : undefined;
    if (invoke.result.decision === 'deny' && trigger === undefined) continue;
    if (trigger === undefined) steps.push(invoke);
    const pass = esc.decide(attacker, 'iam:PassRole', role.arn, account, esc.roleFacts(role), {
      known: { 'iam:PassedToService': 'lambda.amazonaws.com', 'iam:AssociatedResourceArn': fn.arn },
    });
    if (pass.result.decision === 'deny') continue;
    // The trust may name some functions only (aws:SourceArn): try the next one.
    const trust = assumes(fn.arn);
    if (trust.result.decision === 'deny') continue;
    const all = [pass, ...steps, trust];
    const technique = ['iam:PassRole', ...steps.map((s) => s.action)].join('+');
    const added = esc.addEdge(
      attacker.key,
      role.arn,
      technique,
      all,
      trigger === undefined
        ? { workload: fn.arn }
        : { workload: fn.arn, evidence: [trigger], notes: ['runs-at-existing-trigger'] },
    );
    if (added && all.every((s) => s.result.decision === 'allow')) return;
  }
}
