/**
 * The policies of a node for the node-detail endpoint, with full documents from the normalized
 * snapshot: a role's trust policy first, then inline and managed identity policies and the
 * permissions boundary; a bucket's bucket policy; a resource's policy. `statementsGranting` lists the statements the
 * node's edges rely on (from their evidence). A KMS key, secret, queue, topic, repository or
 * Lambda function: its resource policy (and its aliases').
 */
import type { PolicyView } from '../../shared/api/types.js';
import { serviceOfType, serviceRules } from '../../shared/authorize/resource-services.js';
import type { EdgeAttributes, NodeAttributes } from '../../shared/graph/types.js';
import type { PolicyRef } from '../../shared/policy/types.js';
import type { AccountData, NamedPolicy, Snapshot } from '../../shared/snapshot/types.js';

function managed(
  account: AccountData,
  arns: readonly string[],
  attachedTo: string,
  kind: PolicyRef['kind'] = 'identity',
): PolicyView[] {
  return arns.map((arn) => {
    const p = account.managedPolicies.find((m) => m.arn === arn);
    return {
      ref: { kind, name: p?.name ?? arn.split('/').pop() ?? arn, arn, attachedTo },
      document: p?.document ?? null,
    };
  });
}

function inline(list: readonly NamedPolicy[], attachedTo: string): PolicyView[] {
  return list.map((p) => ({
    ref: { kind: 'identity', name: p.name, attachedTo },
    document: p.document,
  }));
}

/**
 * A resource's own policy (key, secret, queue, topic, repository policy; a Lambda function's
 * policy) and, for a function, each alias's policy — named as the engine names them, so the
 * statements its edges rely on are marked.
 */
function resourcePolicies(account: AccountData, key: string): PolicyView[] {
  const out: PolicyView[] = [];
  const r = account.resources?.resources.find((x) => x.arn === key);
  if (r?.policy !== undefined)
    out.push({
      ref: { kind: 'resource', name: serviceRules(serviceOfType(r.type)).policyName, arn: r.arn },
      document: r.policy,
    });
  const w = account.workloads?.find((x) => x.arn === key && x.type === 'lambda-function');
  if (w !== undefined) {
    const name = serviceRules('lambda').policyName;
    if (w.resourcePolicy !== undefined)
      out.push({ ref: { kind: 'resource', name, arn: w.arn }, document: w.resourcePolicy });
    for (const alias of [...(w.aliases ?? []), ...(w.versions ?? [])])
      if (alias.resourcePolicy !== undefined)
        out.push({
          ref: { kind: 'resource', name, arn: alias.arn },
          document: alias.resourcePolicy,
        });
  }
  return out;
}

function sameRef(a: PolicyRef, b: PolicyRef): boolean {
  if (a.attachedTo !== undefined && b.attachedTo !== undefined && a.attachedTo !== b.attachedTo)
    return false;
  return a.kind === b.kind && a.name === b.name && (a.arn ?? '') === (b.arn ?? '');
}

/** The policies of node `key`; `edges` are its in- and outbound edges (for statementsGranting). */
export function nodePolicies(
  snapshot: Snapshot,
  key: string,
  attrs: NodeAttributes,
  edges: readonly EdgeAttributes[],
): PolicyView[] {
  const account =
    attrs.accountId === undefined ? undefined : snapshot.accounts.get(attrs.accountId);
  if (account === undefined) return [];
  let out: PolicyView[] = [];
  if (attrs.kind === 'role') {
    const r = account.roles.find((x) => x.arn === key);
    if (r !== undefined) {
      out.push({
        ref: { kind: 'trust', name: 'trust policy', arn: r.arn, attachedTo: r.arn },
        document: r.trustPolicy ?? null,
      });
      out.push(
        ...inline(r.inlinePolicies, r.arn),
        ...managed(account, r.attachedPolicyArns, r.arn),
      );
      if (r.permissionsBoundaryArn !== undefined)
        out.push(...managed(account, [r.permissionsBoundaryArn], r.arn, 'boundary'));
    }
  } else if (attrs.kind === 'user') {
    const u = account.users.find((x) => x.arn === key);
    if (u !== undefined) {
      out.push(
        ...inline(u.inlinePolicies, u.arn),
        ...managed(account, u.attachedPolicyArns, u.arn),
      );
      if (u.permissionsBoundaryArn !== undefined)
        out.push(...managed(account, [u.permissionsBoundaryArn], u.arn, 'boundary'));
    }
  } else if (attrs.kind === 'group') {
    const g = account.groups.find((x) => x.arn === key);
    if (g !== undefined)
      out.push(
        ...inline(g.inlinePolicies, g.arn),
        ...managed(account, g.attachedPolicyArns, g.arn),
      );
  } else if (attrs.kind === 'resource') {
    out.push(...resourcePolicies(account, key));
  } else if (attrs.kind === 'bucket') {
    const b = account.s3?.buckets.find((x) => x.arn === key);
    if (b?.policy !== undefined)
      out.push({
        ref: { kind: 'resource', name: 'bucket policy', arn: b.arn },
        document: b.policy,
      });
  }
  out = out.map((p) => {
    const idx = new Set<number>();
    for (const e of edges)
      for (const ev of e.evidence)
        if (ev.role === 'grants' && ev.statementIndex !== undefined && sameRef(ev.policy, p.ref))
          idx.add(ev.statementIndex);
    return idx.size === 0 ? p : { ...p, statementsGranting: [...idx].sort((a, b) => a - b) };
  });
  return out;
}
