/**
 * `service-trust-without-source`: a role trusting an AWS service principal with no
 * `aws:SourceAccount` / `aws:SourceArn` / `aws:SourceOrgID` / `aws:SourceOrgPaths` condition,
 * for services that put those keys in the request when they assume a role on behalf of a
 * resource (IAM-SEMANTICS.md §5.3; AWS "cross-service confused deputy prevention").
 *
 * Only the services below are judged: Lambda, EC2 and most others do not send source keys when
 * they assume their role, so a condition there would break the role and its absence is no gap
 * (docs/demo-organization.md; prowler-cloud/prowler issue 2810). Service-linked roles are
 * managed by AWS and never reported.
 */
import { attrsOf, edgesFrom, isOrgRole, nameOf } from '../rule-support.js';
import { keyTests, statementsOfEdge, type KeyTest } from '../statement-conditions.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';
import type { StatementView } from '../../policy/types.js';
import { SERVICE_CONTEXT_KEYS } from '../../authorize/authz-context.js';

/**
 * Services documented to send `aws:SourceAccount` / `aws:SourceArn` when they assume a role, and
 * whose documentation shows those conditions in the role's trust policy (each service guide's
 * "Cross-service confused deputy prevention" section, and the IAM confused deputy guide).
 */
export const SERVICES_SENDING_SOURCE: ReadonlySet<string> = new Set([
  'appstream.amazonaws.com',
  'bedrock.amazonaws.com',
  'codebuild.amazonaws.com',
  'config.amazonaws.com',
  'datasync.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'frauddetector.amazonaws.com',
  'iot.amazonaws.com',
  'personalize.amazonaws.com',
  'sagemaker.amazonaws.com',
  'scheduler.amazonaws.com',
  'states.amazonaws.com',
  'transfer.amazonaws.com',
]);

const SOURCE_KEYS = SERVICE_CONTEXT_KEYS;

/** A positive test that pins the source (not `*`, not an ARN with any account). */
function pins(t: KeyTest): boolean {
  if (t.parts.negated || t.parts.base.toLowerCase() === 'null' || t.values.length === 0)
    return false;
  return t.values.every((v) => {
    if (v === '*' || v === '') return false;
    const parts = v.split(':');
    return !(
      t.key.toLowerCase() === 'aws:sourcearn' &&
      parts.length >= 6 &&
      /^[*?]*$/.test(parts[4] ?? '')
    );
  });
}

/** A Deny that refuses every source but fixed ones. */
function refusesOthers(t: KeyTest): boolean {
  return t.parts.negated && t.values.length > 0 && t.values.every((v) => v !== '*' && v !== '');
}

function guarded(allows: StatementView[], denies: StatementView[]): boolean {
  const tests = (v: StatementView): KeyTest[] => keyTests(v, (k) => SOURCE_KEYS.has(k));
  if (denies.some((d) => tests(d).some(refusesOthers))) return true;
  return allows.every((a) => tests(a).some(pins));
}

export const serviceTrustWithoutSource: FindingRule = {
  id: 'service-trust-without-source',
  severity: 'medium',
  title: 'Service trust without a source condition',
  help:
    'This role trusts an AWS service that acts on behalf of resources (AppStream fleets, CodeBuild ' +
    'projects, Step Functions state machines …) and that tells IAM which resource and account it ' +
    'acts for, but the trust policy does not check it: it has no aws:SourceAccount, aws:SourceArn ' +
    'or aws:SourceOrgID condition. The service can then be made to use this role for a resource ' +
    'you do not own (the cross-service confused deputy problem). Fix: add StringEquals ' +
    'aws:SourceAccount with your account id and, where you can, ArnLike aws:SourceArn with the ' +
    'resources that should use the role. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    const drafts = new Map<string, FindingDraft>();
    for (const { source, target, attrs } of edgesFrom(
      graph,
      'can-assume',
      (_k, a) => a.kind === 'service' && SERVICES_SENDING_SOURCE.has(a.label.toLowerCase()),
    )) {
      const from = attrsOf(graph, source);
      if (from?.kind !== 'service' || !SERVICES_SENDING_SOURCE.has(from.label.toLowerCase()))
        continue;
      if (!isOrgRole(graph, target) || attrsOf(graph, target)?.serviceLinked === true) continue;
      const id = `${target}\u0000${source}`;
      if (drafts.has(id)) continue;
      const { allows, denies } = statementsOfEdge(
        model.roles.get(target)?.trustPolicy,
        attrs.evidence,
        'trust',
      );
      const named = allows.filter((v) =>
        (v.principals?.Service ?? []).some((s) => s.toLowerCase() === from.label.toLowerCase()),
      );
      const judged = named.length > 0 ? named : allows;
      // Without the trust statements (role not in the model): the edge's deciding keys.
      if (judged.length === 0 && attrs.conditionKeys.some((k) => SOURCE_KEYS.has(k.toLowerCase())))
        continue;
      if (judged.length > 0 && guarded(judged, denies)) continue;
      const draft: FindingDraft = {
        subject: target,
        title: `Role ${nameOf(graph, target)} trusts ${from.label} without an aws:SourceAccount or aws:SourceArn condition`,
        evidence: attrs.evidence,
        discriminator: source,
      };
      const accountId = attrsOf(graph, target)?.accountId;
      if (accountId !== undefined) draft.accountId = accountId;
      drafts.set(id, draft);
    }
    return [...drafts.values()];
  },
};
