/**
 * Positions of the organization view, computed before rendering: organization accounts packed in
 * one cluster per OU on an inner ring (OUs in path order, so sibling OUs sit side by side), and
 * everything outside the organization on an outer ring in sectors — `anyone` first, then identity
 * providers, known vendors (by vendor name), unknown external accounts, AWS services. Outsiders
 * therefore stand apart from the organization at a glance. Pure and deterministic.
 */
import type { NodeAttributes } from '../../../shared/graph/types.js';
import { spiralPoint, spiralRadius, type Point } from './phyllotaxis.js';

export interface LayoutNode {
  key: string;
  attributes: Pick<NodeAttributes, 'kind' | 'scope' | 'ouPath' | 'vendor' | 'label'>;
}

const SPACING = 10;
/** Gap between clusters on the inner ring, and between the inner and outer ring. */
const CLUSTER_GAP = 30;
const RING_GAP = 160;

/** Order of the outer sectors, clockwise from the top. */
const OUTSIDE_ORDER = ['anyone', 'idp', 'vendor', 'external', 'service', 'other'] as const;
type OutsideGroup = (typeof OUTSIDE_ORDER)[number];

/** The OU label of an organization account (`Root` when the organization does not say). */
export function ouOf(attributes: Pick<NodeAttributes, 'ouPath'>): string {
  const path = attributes.ouPath?.trim();
  return path !== undefined && path !== '' ? path : 'Root';
}

function outsideGroup(a: LayoutNode['attributes']): OutsideGroup | undefined {
  switch (a.kind) {
    case 'anyone':
      return 'anyone';
    case 'idp':
      return 'idp';
    case 'service':
      return 'service';
    case 'account':
      if (a.scope === 'org') return undefined;
      return a.scope === 'vendor' ? 'vendor' : 'external';
    case 'user':
    case 'group':
    case 'role':
    case 'bucket':
    case 'resource':
    case 'workload':
      if (a.scope === 'org' || a.scope === undefined) return undefined;
      return a.scope === 'vendor' ? 'vendor' : 'external';
    case 'sso-user':
    case 'sso-group':
      // People of the organization's Identity Center: not in an account, on the outer ring
      // beside the identity providers they sign in through (as display-graph.ts places them).
      return 'idp';
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Computes a position for every node. Organization nodes are keyed by OU; a node inside the
 * organization with no OU goes to `Root`.
 */
export function layoutAccountView(nodes: readonly LayoutNode[]): Map<string, Point> {
  const positions = new Map<string, Point>();
  const byOu = new Map<string, LayoutNode[]>();
  const outside = new Map<OutsideGroup, LayoutNode[]>();
  for (const node of nodes) {
    const group = outsideGroup(node.attributes);
    if (group === undefined) {
      const ou = ouOf(node.attributes);
      const list = byOu.get(ou) ?? [];
      list.push(node);
      byOu.set(ou, list);
    } else {
      const list = outside.get(group) ?? [];
      list.push(node);
      outside.set(group, list);
    }
  }

  // Inner ring: one spiral per OU, its arc proportional to the cluster's diameter.
  const ous = [...byOu.keys()].sort(compareText);
  const radii = ous.map((ou) => spiralRadius(byOu.get(ou)?.length ?? 0, SPACING));
  const circumference = radii.reduce((sum, r) => sum + 2 * r + CLUSTER_GAP, 0);
  const innerRadius = ous.length <= 1 ? 0 : circumference / (2 * Math.PI);
  let arc = 0;
  ous.forEach((ou, index) => {
    const r = radii[index] ?? 0;
    const angle = ((arc + r) / Math.max(circumference, 1)) * 2 * Math.PI - Math.PI / 2;
    arc += 2 * r + CLUSTER_GAP;
    const cx = innerRadius * Math.cos(angle);
    const cy = innerRadius * Math.sin(angle);
    const members = [...(byOu.get(ou) ?? [])].sort((a, b) =>
      compareText(a.attributes.label, b.attributes.label),
    );
    members.forEach((node, i) => positions.set(node.key, spiralPoint(i, SPACING, cx, cy)));
  });
  const orgRadius = innerRadius + Math.max(0, ...radii);

  // Outer ring: outsiders evenly spaced, grouped by kind, sorted by vendor name then label.
  const ring: LayoutNode[] = [];
  for (const group of OUTSIDE_ORDER) {
    const members = [...(outside.get(group) ?? [])].sort(
      (a, b) =>
        compareText(a.attributes.vendor ?? '', b.attributes.vendor ?? '') ||
        compareText(a.attributes.label, b.attributes.label),
    );
    ring.push(...members);
  }
  const outerRadius = Math.max(orgRadius + RING_GAP, (ring.length * SPACING * 2) / (2 * Math.PI));
  ring.forEach((node, i) => {
    const angle = (i / Math.max(ring.length, 1)) * 2 * Math.PI - Math.PI / 2;
    positions.set(node.key, {
      x: outerRadius * Math.cos(angle),
      y: outerRadius * Math.sin(angle),
    });
  });
  return positions;
}
