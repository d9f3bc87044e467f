/**
 * `bucket-reachable-from-outside-org`: a bucket of the organization whose own policy or ACL lets a
 * principal outside the organization act on it — an external or vendor account or principal, or
 * `*` through conditions an outsider satisfies (IAM-SEMANTICS.md §7.5, §9; Access Analyzer's
 * external access). One finding per bucket and outside principal, listing the action groups.
 *
 * Reach through a role (an outsider assumes a role that reads the bucket) is reported on the
 * role's trust (`external-trust-unknown-account`, `public-trust`, the OIDC rules,
 * `external-path-to-admin`) and shown by `query who-can-reach`; reporting it again on every bucket
 * the role can read would bury the trust that needs fixing.
 */
import { ANYONE_KEY } from '../../graph/callers/opaque-callers.js';
import type { ActionGroup } from '../../graph/types.js';
import { isPublicEdge } from '../public-edges.js';
import {
  attrsOf,
  edgesFrom,
  listText,
  mergeEvidence,
  nameOf,
  actionGroupsText,
  riskOfEdges,
} from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';
import type { Evidence } from '../../authorize/types.js';

export const bucketReachableFromOutsideOrg: FindingRule = {
  id: 'bucket-reachable-from-outside-org',
  severity: 'high',
  title: 'Bucket reachable from outside the organization',
  help:
    'The bucket policy (or ACL) of this bucket grants access to a principal outside your ' +
    'organization: an AWS account that is not a member, a vendor, or everyone. That principal ' +
    'can read, write, list or change the access of the bucket without going through any role of ' +
    "yours, and your organization's SCPs do not restrict it. Fix: remove the grant, or limit it " +
    'with aws:PrincipalOrgID, or — when the sharing is intended — record it as a suppression with ' +
    'the reason. https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html#access-analyzer-s3',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    const groups = new Map<
      string,
      {
        bucket: string;
        from: string;
        actions: Set<ActionGroup>;
        evidence: Evidence[][];
        keys: Set<string>;
        allow: boolean;
        scope: 'public' | 'external' | 'vendor';
      }
    >();
    for (const { source, target, attrs } of edgesFrom(
      graph,
      'can-access',
      (k, a) => k === ANYONE_KEY || a.scope === 'external' || a.scope === 'vendor',
    )) {
      const bucket = attrsOf(graph, target);
      if (bucket?.kind !== 'bucket' || bucket.scope !== 'org' || attrs.actionGroup === undefined)
        continue;
      const from = attrsOf(graph, source);
      if (from === undefined) continue;
      const outside =
        source === ANYONE_KEY
          ? isPublicEdge(model, target, attrs)
          : (from.kind === 'account' || from.kind === 'user' || from.kind === 'role') &&
            (from.scope === 'external' || from.scope === 'vendor');
      if (!outside) continue;
      const id = `${target}\u0000${source}`;
      let g = groups.get(id);
      if (g === undefined)
        groups.set(
          id,
          (g = {
            bucket: target,
            from: source,
            actions: new Set(),
            evidence: [],
            keys: new Set(),
            allow: false,
            scope:
              source === ANYONE_KEY ? 'public' : from.scope === 'vendor' ? 'vendor' : 'external',
          }),
        );
      g.actions.add(attrs.actionGroup);
      g.evidence.push([...attrs.evidence]);
      if (attrs.decision === 'allow') g.allow = true;
      else for (const k of attrs.conditionKeys) g.keys.add(k);
    }
    return [...groups.values()].map((g) => {
      const from = attrsOf(graph, g.from);
      const who =
        g.from === ANYONE_KEY
          ? 'anyone'
          : from?.kind === 'account'
            ? `account ${from.accountId ?? g.from}${from.vendor !== undefined ? ` (${from.vendor})` : ''}`
            : g.from;
      const verbs = actionGroupsText(g.actions);
      const conditional = g.allow ? '' : ` (conditional on ${listText([...g.keys].sort())})`;
      const draft: FindingDraft = {
        subject: g.bucket,
        title: `Bucket ${nameOf(graph, g.bucket)}: ${who}, outside the organization, can ${verbs} it${conditional}`,
        evidence: mergeEvidence(g.evidence),
        discriminator: g.from,
        risk: riskOfEdges(
          [{ decision: g.allow ? 'allow' : 'conditional', conditionKeys: [...g.keys] }],
          g.scope,
        ),
      };
      const accountId = attrsOf(graph, g.bucket)?.accountId;
      if (accountId !== undefined) draft.accountId = accountId;
      return draft;
    });
  },
};
