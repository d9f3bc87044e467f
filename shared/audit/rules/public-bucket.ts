/**
 * `public-bucket`: a bucket anyone can act on — a `can-access` edge from `*` (anonymous callers
 * or any AWS principal, after Block Public Access and ownership settings, which the graph
 * builder already applied) that is allowed or conditional only on keys an outsider satisfies
 * (IAM-SEMANTICS.md §7.4, §9). Critical when anyone can write or change the bucket's access,
 * high when anyone can read or list it.
 */
import { ANYONE_KEY } from '../../graph/callers/opaque-callers.js';
import type { ActionGroup } from '../../graph/types.js';
import { isPublicEdge } from '../public-edges.js';
import {
  attrsOf,
  mergeEvidence,
  nameOf,
  outEdgesOfKind,
  actionGroupsText,
} from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';
import type { Evidence } from '../../authorize/types.js';

export const publicBucket: FindingRule = {
  id: 'public-bucket',
  severity: 'high',
  title: 'Public bucket',
  help:
    'Anyone on the internet, or any AWS principal of any account, can act on this bucket: its ' +
    'policy or ACL grants "*" (or AllUsers / AuthenticatedUsers) and neither Block Public Access ' +
    'nor a condition outsiders cannot meet stops it. Public write or a public change of the ' +
    'bucket policy is critical: anyone can plant or delete data, or take the bucket over. Fix: ' +
    'turn on S3 Block Public Access for the account and the bucket, and remove the public ' +
    'statement; serve public content through CloudFront with origin access control instead. ' +
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    const groups = new Map<string, { actions: Set<ActionGroup>; evidence: Evidence[][] }>();
    for (const { target, attrs } of outEdgesOfKind(graph, ANYONE_KEY, 'can-access')) {
      if (attrsOf(graph, target)?.kind !== 'bucket') continue;
      if (attrs.actionGroup === undefined || !isPublicEdge(model, target, attrs)) continue;
      if (attrsOf(graph, target)?.scope !== 'org') continue;
      let g = groups.get(target);
      if (g === undefined) groups.set(target, (g = { actions: new Set(), evidence: [] }));
      g.actions.add(attrs.actionGroup);
      g.evidence.push([...attrs.evidence]);
    }
    return [...groups].map(([bucket, g]) => {
      const verbs = actionGroupsText(g.actions);
      const draft: FindingDraft = {
        subject: bucket,
        title: `Bucket ${nameOf(graph, bucket)} is public: anyone can ${verbs} it`,
        evidence: mergeEvidence(g.evidence),
        severity: g.actions.has('write') || g.actions.has('admin') ? 'critical' : 'high',
      };
      const accountId = attrsOf(graph, bucket)?.accountId;
      if (accountId !== undefined) draft.accountId = accountId;
      return draft;
    });
  },
};
