/**
 * From the wire to the screen: turns graphology export JSON sent by `/api/graph` into the graph
 * Sigma draws — domain attributes kept, display attributes (position, size, colour, shape, edge
 * state) added. The JSON is untrusted: a node or edge that does not have the expected shape is
 * skipped and reported, never drawn half-read. Pure (graphology only, no DOM).
 */
import { MultiDirectedGraph } from 'graphology';
import type { AccountScope, NodeKind } from '../../../shared/graph/types.js';
import {
  classifyEdge,
  EDGE_STATE_COLORS,
  parseEdgeState,
  worseEdgeState,
  type EdgeState,
} from './edge-state.js';
import { isImportantNode, KIND_SHAPES, nodeColor, nodeSize, type NodeShape } from './node-look.js';
import { layoutAccountView } from '../layout/account-layout.js';
import { layoutPrincipalView } from '../layout/principal-layout.js';

export type GraphLevel = 'account' | 'principal';

export interface DisplayNodeAttributes {
  kind: NodeKind;
  label: string;
  scope?: AccountScope;
  vendor?: string;
  accountId?: string;
  accountName?: string;
  ouPath?: string;
  crownJewel?: boolean;
  admin?: boolean;
  x: number;
  y: number;
  size: number;
  color: string;
  shape: NodeShape;
  important: boolean;
}

export interface DisplayEdgeAttributes {
  kind: string;
  state: EdgeState;
  /** How many role-level edges this edge stands for (1 for a role-level edge). */
  count: number;
  decision?: string;
  conditionKeys: readonly string[];
  size: number;
  color: string;
  /** The attributes as sent (evidence, actions, claims …), for the side panel. Untrusted. */
  detail: Readonly<Record<string, unknown>>;
}

export interface SerializedNode {
  key: string;
  attributes?: Record<string, unknown>;
}
export interface SerializedEdge {
  key?: string;
  source: string;
  target: string;
  attributes?: Record<string, unknown>;
}
export interface SerializedGraph {
  nodes: readonly SerializedNode[];
  edges: readonly SerializedEdge[];
}

export interface DisplayGraphResult {
  graph: MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>;
  /** What was skipped and why (shown in the UI, never thrown). */
  problems: string[];
}

const NODE_KINDS: readonly NodeKind[] = [
  'account',
  'user',
  'group',
  'role',
  'service',
  'idp',
  'anyone',
  'bucket',
];
const SCOPES: readonly AccountScope[] = ['org', 'vendor', 'external'];
const MAX_LABEL = 80;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function shortLabel(value: string): string {
  return value.length > MAX_LABEL ? `${value.slice(0, MAX_LABEL - 1)}…` : value;
}

function readNode(
  node: SerializedNode,
): Omit<DisplayNodeAttributes, 'x' | 'y' | 'size' | 'color' | 'shape' | 'important'> | undefined {
  const a = node.attributes ?? {};
  const kind = text(a.kind);
  if (kind === undefined || !(NODE_KINDS as readonly string[]).includes(kind)) return undefined;
  const scope = text(a.scope);
  const result: ReturnType<typeof readNode> = {
    kind: kind as NodeKind,
    label: shortLabel(text(a.label) ?? node.key),
  };
  if (scope !== undefined && (SCOPES as readonly string[]).includes(scope))
    result.scope = scope as AccountScope;
  const vendor = text(a.vendor);
  if (vendor !== undefined) result.vendor = vendor;
  const accountId = text(a.accountId);
  if (accountId !== undefined) result.accountId = accountId;
  const accountName = text(a.accountName);
  if (accountName !== undefined) result.accountName = accountName;
  const ouPath = text(a.ouPath);
  if (ouPath !== undefined) result.ouPath = ouPath;
  if (a.crownJewel === true) result.crownJewel = true;
  if (a.admin === true) result.admin = true;
  return result;
}

function edgeSize(count: number): number {
  return 1 + Math.min(7, Math.log2(Math.max(1, count)));
}

/**
 * Builds the display graph with positions (`layoutAccountView` at account level,
 * `layoutPrincipalView` otherwise).
 */
export function toDisplayGraph(data: SerializedGraph, level: GraphLevel): DisplayGraphResult {
  const graph = new MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>();
  const problems: string[] = [];
  const read = new Map<string, NonNullable<ReturnType<typeof readNode>>>();
  for (const node of data.nodes) {
    if (typeof node.key !== 'string' || read.has(node.key)) {
      problems.push(`node ${JSON.stringify(node.key)}: missing or duplicate key`);
      continue;
    }
    const attrs = readNode(node);
    if (attrs === undefined) {
      problems.push(`node ${node.key}: attributes.kind is not one of ${NODE_KINDS.join(', ')}`);
      continue;
    }
    read.set(node.key, attrs);
  }

  const degrees = new Map<string, number>();
  const edges: { key?: string; source: string; target: string; attrs: DisplayEdgeAttributes }[] =
    [];
  for (const edge of data.edges) {
    const source = read.get(edge.source);
    if (source === undefined || !read.has(edge.target)) {
      problems.push(`edge ${edge.source} → ${edge.target}: unknown endpoint`);
      continue;
    }
    const a = edge.attributes ?? {};
    const decision = text(a.decision);
    const count =
      typeof a.count === 'number' && Number.isFinite(a.count) && a.count > 0 ? a.count : 1;
    const own = classifyEdge(source, {
      decision: decision === 'conditional' ? 'conditional' : 'allow',
    });
    const sent = parseEdgeState(a.worst);
    // The server's aggregate state wins, but never hides a worse state the endpoints prove.
    const state =
      sent === undefined ? own : source.kind === 'anyone' ? worseEdgeState(sent, own) : sent;
    const conditionKeys = Array.isArray(a.conditionKeys)
      ? a.conditionKeys.filter((k): k is string => typeof k === 'string')
      : [];
    const attrs: DisplayEdgeAttributes = {
      kind: text(a.kind) ?? 'can-assume',
      state,
      count,
      conditionKeys,
      size: edgeSize(count),
      color: EDGE_STATE_COLORS[state],
      detail: a,
    };
    if (decision !== undefined) attrs.decision = decision;
    edges.push({
      ...(edge.key === undefined ? {} : { key: edge.key }),
      source: edge.source,
      target: edge.target,
      attrs,
    });
    degrees.set(edge.source, (degrees.get(edge.source) ?? 0) + count);
    degrees.set(edge.target, (degrees.get(edge.target) ?? 0) + count);
  }

  const layoutInput = [...read].map(([key, attributes]) => ({ key, attributes }));
  const positions =
    level === 'account' ? layoutAccountView(layoutInput) : layoutPrincipalView(layoutInput);
  for (const [key, attrs] of read) {
    const p = positions.get(key) ?? { x: 0, y: 0 };
    graph.addNode(key, {
      ...attrs,
      x: p.x,
      y: p.y,
      size: nodeSize(attrs, degrees.get(key) ?? 0),
      color: nodeColor(attrs),
      shape: KIND_SHAPES[attrs.kind],
      important: isImportantNode(attrs),
    });
  }
  for (const e of edges) {
    if (e.key !== undefined) {
      if (graph.hasEdge(e.key)) {
        problems.push(`edge ${e.key}: duplicate key`);
        continue;
      }
      graph.addEdgeWithKey(e.key, e.source, e.target, e.attrs);
    } else {
      graph.addEdge(e.source, e.target, e.attrs);
    }
  }
  return { graph, problems };
}
