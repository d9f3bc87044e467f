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

/** Reads one node into its display attributes (position and size are set later). */
function readNode(node: SerializedNode): DisplayNodeAttributes | undefined {
  const a = node.attributes ?? {};
  const kind = text(a.kind);
  if (kind === undefined || !(NODE_KINDS as readonly string[]).includes(kind)) return undefined;
  const scope = text(a.scope);
  const result: DisplayNodeAttributes = {
    kind: kind as NodeKind,
    label: shortLabel(text(a.label) ?? node.key),
    x: 0,
    y: 0,
    size: 1,
    color: '',
    shape: KIND_SHAPES[kind as NodeKind],
    important: false,
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
  result.color = nodeColor(result);
  result.important = isImportantNode(result);
  return result;
}

function edgeSize(count: number): number {
  return 1 + Math.min(7, Math.log2(Math.max(1, count)));
}

/** Items processed between two yields of `buildDisplayGraph` (keeps frames under ~50 ms). */
const CHUNK = 5_000;

/**
 * The builder as a generator that yields every `CHUNK` items, so that the async variant can let
 * the page breathe while a 50,000-node answer is turned into a graph. Attribute objects are
 * created once and completed in place (positions, sizes) before anyone renders them.
 */
function* buildDisplayGraph(
  data: SerializedGraph,
  level: GraphLevel,
): Generator<void, DisplayGraphResult> {
  const graph = new MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>();
  const problems: string[] = [];
  let n = 0;
  for (const node of data.nodes) {
    if (++n % CHUNK === 0) yield;
    if (typeof node.key !== 'string' || graph.hasNode(node.key)) {
      problems.push(`node ${JSON.stringify(node.key)}: missing or duplicate key`);
      continue;
    }
    const attrs = readNode(node);
    if (attrs === undefined) {
      problems.push(`node ${node.key}: attributes.kind is not one of ${NODE_KINDS.join(', ')}`);
      continue;
    }
    graph.addNode(node.key, attrs);
  }

  const degrees = new Map<string, number>();
  for (const edge of data.edges) {
    if (++n % CHUNK === 0) yield;
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) {
      problems.push(`edge ${edge.source} → ${edge.target}: unknown endpoint`);
      continue;
    }
    if (edge.key !== undefined && graph.hasEdge(edge.key)) {
      problems.push(`edge ${edge.key}: duplicate key`);
      continue;
    }
    const source = graph.getNodeAttributes(edge.source);
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
    if (edge.key === undefined) graph.addEdge(edge.source, edge.target, attrs);
    else graph.addEdgeWithKey(edge.key, edge.source, edge.target, attrs);
    degrees.set(edge.source, (degrees.get(edge.source) ?? 0) + count);
    degrees.set(edge.target, (degrees.get(edge.target) ?? 0) + count);
  }
  yield;

  const layoutInput: { key: string; attributes: DisplayNodeAttributes }[] = [];
  graph.forEachNode((key, attributes) => {
    layoutInput.push({ key, attributes });
  });
  const positions =
    level === 'account' ? layoutAccountView(layoutInput) : layoutPrincipalView(layoutInput);
  // The same identity provider registered in many accounts (e.g. IAM Identity Center's SAML
  // provider) would print one identical label per account: only unique ones stay always labelled.
  const idpLabels = new Map<string, number>();
  for (const { attributes } of layoutInput)
    if (attributes.kind === 'idp')
      idpLabels.set(attributes.label, (idpLabels.get(attributes.label) ?? 0) + 1);
  for (const { key, attributes } of layoutInput) {
    if (attributes.kind === 'idp' && (idpLabels.get(attributes.label) ?? 0) > 1)
      attributes.important = false;
    // Completed in place: the graph has no listener yet.
    const p = positions.get(key);
    attributes.x = p?.x ?? 0;
    attributes.y = p?.y ?? 0;
    attributes.size = nodeSize(attributes, degrees.get(key) ?? 0);
  }
  return { graph, problems };
}

/**
 * Builds the display graph with positions (`layoutAccountView` at account level,
 * `layoutPrincipalView` otherwise), in one go.
 */
export function toDisplayGraph(data: SerializedGraph, level: GraphLevel): DisplayGraphResult {
  const steps = buildDisplayGraph(data, level);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** As `toDisplayGraph`, yielding to the event loop between chunks; stops early when aborted. */
export async function toDisplayGraphAsync(
  data: SerializedGraph,
  level: GraphLevel,
  signal?: AbortSignal,
): Promise<DisplayGraphResult> {
  const steps = buildDisplayGraph(data, level);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
    signal?.throwIfAborted();
  }
}
