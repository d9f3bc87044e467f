/**
 * Initial positions of a principal-level view: one spiral cluster per account (its account node
 * at the centre, then roles, users, groups, buckets), the clusters themselves on a larger spiral,
 * and nodes without an account (`anyone`, services, built-in identity providers) in a cluster of
 * their own. O(n) and deterministic, so a 50,000-node view has positions before its first frame;
 * a ForceAtlas2 pass in a web worker may refine them afterwards.
 */
import type { NodeAttributes } from '../../../shared/graph/types.js';
import { spiralPoint, spiralRadius, type Point } from './phyllotaxis.js';

export interface PrincipalLayoutNode {
  key: string;
  attributes: Pick<NodeAttributes, 'kind' | 'accountId' | 'label'>;
}

const SPACING = 6;
const KIND_ORDER: readonly NodeAttributes['kind'][] = [
  'account',
  'role',
  'user',
  'group',
  'bucket',
  'idp',
  'service',
  'anyone',
];
const NO_ACCOUNT = '';

export function layoutPrincipalView(nodes: readonly PrincipalLayoutNode[]): Map<string, Point> {
  const groups = new Map<string, PrincipalLayoutNode[]>();
  for (const node of nodes) {
    const account = node.attributes.accountId ?? NO_ACCOUNT;
    const list = groups.get(account) ?? [];
    list.push(node);
    groups.set(account, list);
  }
  const accounts = [...groups.keys()].sort();
  const largest = Math.max(1, ...[...groups.values()].map((g) => g.length));
  // Cluster centres on a spiral wide enough for the largest cluster.
  const clusterSpacing = 2.2 * spiralRadius(largest, SPACING);
  const positions = new Map<string, Point>();
  accounts.forEach((account, index) => {
    const centre = spiralPoint(index, clusterSpacing);
    const members = [...(groups.get(account) ?? [])].sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.attributes.kind) - KIND_ORDER.indexOf(b.attributes.kind) ||
        (a.attributes.label < b.attributes.label
          ? -1
          : a.attributes.label > b.attributes.label
            ? 1
            : 0),
    );
    members.forEach((node, i) => {
      positions.set(node.key, spiralPoint(i, SPACING, centre.x, centre.y));
    });
  });
  return positions;
}
