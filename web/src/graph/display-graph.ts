/**
 * From the wire to the screen: turns the graph sent by `/api/graph` (graphology export JSON, or
 * its compact form, shared/api/compact-graph.ts, read item by item without expanding it) into the graph
 * Sigma draws — domain attributes kept, display attributes (position, size, colour, shape, edge
 * state) added. The JSON is untrusted: a node or edge that does not have the expected shape is
 * skipped and reported, never drawn half-read. At account level, each OU cluster gets a
 * label-only node (`ou-label`) naming its path. Pure (graphology only, no DOM).
 */
import { MultiDirectedGraph } from 'graphology';
import { compactEdges, type CompactGraphColumns } from '../../../shared/api/compact-graph.js';
import { accountRootArn, parseArn } from '../../../shared/arn/parse-arn.js';
import type { AccountScope, NodeKind } from '../../../shared/graph/types.js';
import {
  classifyEdge,
  EDGE_STATE_COLORS,
  ESCALATION_EDGE_COLOR,
  parseEdgeState,
  worseEdgeState,
  type EdgeState,
} from './edge-state.js';
import { isImportantNode, KIND_SHAPES, nodeColor, nodeSize, type NodeShape } from './node-look.js';
import { layoutAccountView, ouOf } from '../layout/account-layout.js';
import { layoutPrincipalView } from '../layout/principal-layout.js';
import { nextTask } from './sliced-indexing.js';

export type GraphLevel = 'account' | 'principal';

/**
 * The kinds of node on screen: the access graph's own, plus `ou-label` — a label-only node that
 * names an OU cluster of the organization view (not a principal: not clickable, never searched).
 */
export type DisplayNodeKind = NodeKind | 'ou-label';

export interface DisplayNodeAttributes {
  kind: DisplayNodeKind;
  label: string;
  /**
   * The node's own name when `label` adds context: an identity provider registered under the
   * same name in several accounts is labelled `name · account` so that its copies can be told
   * apart on the canvas.
   */
  name?: string;
  /** Where the label goes around the node (OU labels only; Sigma's default is `right`). */
  labelPosition?: 'right' | 'left' | 'above' | 'below';
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

/** The attributes of a node of the access graph itself (any kind but `ou-label`). */
export type AccessNodeAttributes = DisplayNodeAttributes & { kind: NodeKind };

/** Is this a node of the access graph (not a label-only node)? */
export function isAccessNode(a: DisplayNodeAttributes): a is AccessNodeAttributes {
  return a.kind !== 'ou-label';
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
  /**
   * An edge of the previous scan that the scan shown lacks, added by the diff mode so that it
   * can be drawn (graph/diff-highlight.ts). Never drawn, counted or listed outside diff mode.
   */
  removed?: true;
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

/**
 * A graph as `/api/graph` sends it: export JSON, or the compact form (already checked with
 * `checkCompactGraph`: its indexes are in range).
 */
export type WireGraph = SerializedGraph | CompactGraphColumns<unknown, unknown>;

function isCompact(data: WireGraph): data is CompactGraphColumns<unknown, unknown> {
  return 'nodeKeys' in data;
}

/** The nodes of `data` in order, as export JSON lists them. */
function* nodesOf(data: WireGraph): Generator<SerializedNode> {
  if (!isCompact(data)) {
    yield* data.nodes;
    return;
  }
  const { nodeKeys, nodeAttributes } = data;
  for (let i = 0; i < nodeKeys.length; i++) {
    const attributes = nodeAttributes[i];
    yield typeof attributes === 'object' && attributes !== null
      ? { key: nodeKeys[i] as string, attributes: attributes as Record<string, unknown> }
      : { key: nodeKeys[i] as string };
  }
}

/** The edges of `data` in order, as export JSON lists them (compact keys rebuilt). */
function edgesOf(data: WireGraph): Iterable<SerializedEdge> {
  return isCompact(data) ? (compactEdges(data) as Iterable<SerializedEdge>) : data.edges;
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
  'resource',
  'sso-user',
  'sso-group',
  'workload',
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
function readNode(node: SerializedNode): AccessNodeAttributes | undefined {
  const a = node.attributes ?? {};
  const kind = text(a.kind);
  if (kind === undefined || !(NODE_KINDS as readonly string[]).includes(kind)) return undefined;
  const scope = text(a.scope);
  const result: AccessNodeAttributes = {
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
  data: WireGraph,
  level: GraphLevel,
): Generator<void, DisplayGraphResult> {
  const graph = new MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>();
  const problems: string[] = [];
  let n = 0;
  for (const node of nodesOf(data)) {
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
  for (const edge of edgesOf(data)) {
    if (++n % CHUNK === 0) yield;
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) {
      problems.push(`edge ${edge.source} → ${edge.target}: unknown endpoint`);
      continue;
    }
    const source = graph.getNodeAttributes(edge.source);
    if (!isAccessNode(source)) continue; // Label nodes are added after the edges.
    const a = edge.attributes ?? {};
    const decision = text(a.decision);
    const count =
      typeof a.count === 'number' && Number.isFinite(a.count) && a.count > 0 ? a.count : 1;
    const claims = claimsOf(a.claims);
    const own = classifyEdge(
      source,
      {
        decision: decision === 'conditional' ? 'conditional' : 'allow',
        ...(claims === undefined ? {} : { claims }),
        ...(a.otherOrganizationsOnly === true ? { otherOrganizationsOnly: true } : {}),
        ...(a.gatedForOutsiders === true ? { gatedForOutsiders: true } : {}),
      },
      edge.source,
    );
    const sent = parseEdgeState(a.worst);
    // The server's aggregate state wins, but never hides a worse state the endpoints prove.
    const state = sent === undefined ? own : own === 'public' ? worseEdgeState(sent, own) : sent;
    const conditionKeys = Array.isArray(a.conditionKeys)
      ? a.conditionKeys.filter((k): k is string => typeof k === 'string')
      : [];
    const attrs: DisplayEdgeAttributes = {
      kind: text(a.kind) ?? 'can-assume',
      state,
      count,
      conditionKeys,
      size: edgeSize(count),
      color: text(a.kind) === 'can-escalate' ? ESCALATION_EDGE_COLOR : EDGE_STATE_COLORS[state],
      detail: a,
    };
    if (decision !== undefined) attrs.decision = decision;
    if (edge.key === undefined) graph.addEdge(edge.source, edge.target, attrs);
    else {
      // graphology refuses a key it holds before changing anything; asking first would look
      // every key up twice.
      try {
        graph.addEdgeWithKey(edge.key, edge.source, edge.target, attrs);
      } catch (err: unknown) {
        if (!graph.hasEdge(edge.key)) throw err;
        problems.push(`edge ${edge.key}: duplicate key`);
        continue;
      }
    }
    degrees.set(edge.source, (degrees.get(edge.source) ?? 0) + count);
    degrees.set(edge.target, (degrees.get(edge.target) ?? 0) + count);
  }
  yield;

  const layoutInput: { key: string; attributes: AccessNodeAttributes }[] = [];
  graph.forEachNode((key, attributes) => {
    if (isAccessNode(attributes)) layoutInput.push({ key, attributes });
  });
  const positions =
    level === 'account' ? layoutAccountView(layoutInput) : layoutPrincipalView(layoutInput);
  labelSharedIdentityProviders(graph, layoutInput);
  for (const { key, attributes } of layoutInput) {
    // Completed in place: the graph has no listener yet.
    const p = positions.get(key);
    attributes.x = p?.x ?? 0;
    attributes.y = p?.y ?? 0;
    attributes.size = nodeSize(attributes, degrees.get(key) ?? 0);
  }
  if (level === 'account') {
    // The ring of outsiders: labels on its right half go left, so that they stay on screen and
    // run into the free space inside the ring instead of off the canvas.
    for (const { attributes } of layoutInput)
      if (!isInOuCluster(attributes) && attributes.x > 0) attributes.labelPosition = 'left';
    addOuLabels(graph, layoutInput);
  }
  graph.setAttribute('level', level);
  return { graph, problems };
}

/** Longest name kept in the label of an identity provider shown once per account. */
const MAX_SHARED_NAME = 24;

/**
 * The same identity provider name registered in many accounts (IAM Identity Center's SAML
 * provider is in every account) would print one identical label per account: each copy is
 * labelled with its account (`name · account name`), keeps its own name in `name`, and is no
 * longer always labelled (39 forced labels would hide the ring of outsiders).
 */
function labelSharedIdentityProviders(
  graph: MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>,
  nodes: readonly { key: string; attributes: AccessNodeAttributes }[],
): void {
  const copies = new Map<string, number>();
  for (const { attributes } of nodes)
    if (attributes.kind === 'idp')
      copies.set(attributes.label, (copies.get(attributes.label) ?? 0) + 1);
  for (const { key, attributes } of nodes) {
    if (attributes.kind !== 'idp' || (copies.get(attributes.label) ?? 0) < 2) continue;
    const name = attributes.label;
    const account = accountNameOf(graph, key, attributes);
    const short = name.length > MAX_SHARED_NAME ? `${name.slice(0, MAX_SHARED_NAME - 1)}…` : name;
    attributes.name = name;
    attributes.label = shortLabel(account === undefined ? short : `${short} · ${account}`);
    attributes.important = false;
  }
}

/** The account of a node in words: its account node's label, else the account id. */
function accountNameOf(
  graph: MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>,
  key: string,
  attributes: DisplayNodeAttributes,
): string | undefined {
  const arn = parseArn(key);
  const accountId = attributes.accountId ?? arn?.accountId;
  if (accountId === undefined || accountId === '') return undefined;
  if (attributes.accountName !== undefined) return attributes.accountName;
  const root = accountRootArn(arn?.partition ?? 'aws', accountId);
  return graph.hasNode(root) ? graph.getNodeAttribute(root, 'label') : accountId;
}

/** Key prefix of the OU label nodes (never an ARN, `*` or `service:` key). */
export const OU_LABEL_PREFIX = 'ou-label:';
const OU_LABEL_COLOR = '#5b6b7f';

/** Is this node placed in an OU cluster by the account layout (an organization node)? */
function isInOuCluster(a: AccessNodeAttributes): boolean {
  switch (a.kind) {
    case 'account':
      return a.scope === 'org';
    case 'user':
    case 'group':
    case 'role':
    case 'bucket':
    case 'resource':
    case 'workload':
      return a.scope === 'org' || a.scope === undefined;
    case 'anyone':
    case 'idp':
    case 'service':
    case 'sso-user':
    case 'sso-group':
      return false;
  }
}

/**
 * One `ou-label` node per OU cluster, labelled with the OU's path (`Root/Workloads/Prod`). The
 * clusters sit side by side on a ring, so each label goes on the cluster's outer side (away from
 * the centre of the organization, towards the free space before the ring of outsiders), its text
 * turned away from the cluster. Positions are final, so the label sits where the cluster is drawn.
 */
function addOuLabels(
  graph: MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>,
  nodes: readonly { key: string; attributes: AccessNodeAttributes }[],
): void {
  const clusters = new Map<string, AccessNodeAttributes[]>();
  for (const { attributes } of nodes) {
    if (!isInOuCluster(attributes)) continue;
    const ou = ouOf(attributes);
    const members = clusters.get(ou) ?? [];
    members.push(attributes);
    clusters.set(ou, members);
  }
  for (const [ou, members] of [...clusters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const key = `${OU_LABEL_PREFIX}${ou}`;
    if (graph.hasNode(key)) continue;
    const cx = members.reduce((sum, a) => sum + a.x, 0) / members.length;
    const cy = members.reduce((sum, a) => sum + a.y, 0) / members.length;
    const radius = Math.max(...members.map((a) => Math.hypot(a.x - cx, a.y - cy) + a.size));
    const away = Math.hypot(cx, cy);
    // A lone cluster at the centre: label above it.
    const [ux, uy] = away < 1e-6 ? [0, 1] : [cx / away, cy / away];
    graph.addNode(key, {
      kind: 'ou-label',
      label: shortLabel(ou),
      x: cx + ux * (radius + OU_LABEL_GAP),
      y: cy + uy * (radius + OU_LABEL_GAP),
      size: 1,
      color: OU_LABEL_COLOR,
      shape: 'circle',
      important: true,
      labelPosition: ux < -0.5 ? 'left' : ux > 0.5 ? 'right' : uy >= 0 ? 'above' : 'below',
    });
  }
}

/** Distance between the edge of an OU cluster and its label, in graph units. */
const OU_LABEL_GAP = 12;

/**
 * Builds the display graph with positions (`layoutAccountView` at account level,
 * `layoutPrincipalView` otherwise), in one go.
 */
export function toDisplayGraph(data: WireGraph, level: GraphLevel): DisplayGraphResult {
  const steps = buildDisplayGraph(data, level);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** As `toDisplayGraph`, yielding to the event loop between chunks; stops early when aborted. */
export async function toDisplayGraphAsync(
  data: WireGraph,
  level: GraphLevel,
  signal?: AbortSignal,
): Promise<DisplayGraphResult> {
  const steps = buildDisplayGraph(data, level);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    // A new task at once (a timer would be clamped to 4 ms after a few nested yields).
    await nextTask();
    signal?.throwIfAborted();
  }
}

/** The claim conditions of an edge as sent (`{ claim: [values] }`), or undefined. */
function claimsOf(value: unknown): Record<string, string[]> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  return out;
}
