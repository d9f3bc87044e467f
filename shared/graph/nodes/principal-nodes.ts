/**
 * Nodes of the scanned accounts' users, groups, roles and buckets, and the `member-of` edges
 * from users to their groups.
 */
import type { Snapshot } from '../../snapshot/types.js';
import { edgeKey } from '../edge-key.js';
import type { AccessGraph, NodeAttributes } from '../types.js';
import type { AccountDirectory } from './account-nodes.js';

function principalAttrs(
  dir: AccountDirectory,
  kind: 'user' | 'group' | 'role',
  accountId: string,
  name: string,
  path: string,
): NodeAttributes {
  const attrs: NodeAttributes = {
    kind,
    label: name,
    accountId,
    scope: dir.scopeOf(accountId),
    scanned: true,
    path,
  };
  const vendor = dir.vendorOf(accountId);
  if (vendor !== undefined) attrs.vendor = vendor;
  return attrs;
}

/** Adds users, groups, roles and buckets of every scanned account; users get `member-of` edges. */
export function addPrincipalNodes(
  graph: AccessGraph,
  snapshot: Snapshot,
  dir: AccountDirectory,
): void {
  for (const account of snapshot.accounts.values()) {
    const groupArns = new Map<string, string>();
    for (const g of account.groups) {
      groupArns.set(g.name, g.arn);
      graph.mergeNode(g.arn, principalAttrs(dir, 'group', account.accountId, g.name, g.path));
    }
    for (const r of account.roles) {
      const attrs = principalAttrs(dir, 'role', account.accountId, r.name, r.path);
      if (r.serviceLinked) attrs.serviceLinked = true;
      if (Object.keys(r.tags).length > 0) attrs.tags = r.tags;
      graph.mergeNode(r.arn, attrs);
    }
    for (const u of account.users) {
      const attrs = principalAttrs(dir, 'user', account.accountId, u.name, u.path);
      if (Object.keys(u.tags).length > 0) attrs.tags = u.tags;
      graph.mergeNode(u.arn, attrs);
      for (const groupName of u.groups) {
        const groupArn = groupArns.get(groupName);
        if (groupArn === undefined) continue;
        graph.mergeEdgeWithKey(edgeKey('member-of', u.arn, groupArn), u.arn, groupArn, {
          kind: 'member-of',
          decision: 'allow',
          conditionKeys: [],
          evidence: [],
        });
      }
    }
    for (const b of account.s3?.buckets ?? []) {
      graph.mergeNode(b.arn, {
        kind: 'bucket',
        label: b.name,
        accountId: account.accountId,
        scope: dir.scopeOf(account.accountId),
        scanned: true,
        ...(b.encryption?.algorithm.startsWith('aws:kms') === true
          ? { kmsKeyId: b.encryption.kmsKeyId ?? 'alias/aws/s3' }
          : {}),
      });
    }
  }
}
