/**
 * What the finding rules share: edges of one kind in a deterministic order, names for titles,
 * and evidence merged without duplicates. Determinism matters: a finding's evidence and title
 * must not depend on the order in which the graph builder inserted edges.
 */
import type { Evidence } from '../authorize/types.js';
import type {
  AccessGraph,
  EdgeAttributes,
  EdgeKind,
  NodeAttributes,
  ActionGroup,
} from '../graph/types.js';
import { compareKeys } from '../query/traversal.js';
import { startScope } from '../query/start-scope.js';
import type { Hop } from '../query/types.js';
import type { FindingRisk } from './types.js';

export interface GraphEdge {
  key: string;
  source: string;
  target: string;
  attrs: EdgeAttributes;
}

/**
 * Every edge of `kind` out of the nodes `acceptSource` selects, sorted by source, target, then
 * edge key. Selecting the sources first keeps the rules cheap on large graphs: only the edges a
 * rule can report are collected and sorted.
 */
export function edgesFrom(
  graph: AccessGraph,
  kind: EdgeKind,
  acceptSource: (key: string, attrs: NodeAttributes) => boolean,
): GraphEdge[] {
  const out: GraphEdge[] = [];
  graph.forEachNode((node, nodeAttrs) => {
    if (!acceptSource(node, nodeAttrs)) return;
    graph.forEachOutEdge(node, (key, attrs, source, target) => {
      if (attrs.kind === kind) out.push({ key, source, target, attrs });
    });
  });
  return out.sort(
    (a, b) =>
      compareKeys(a.source, b.source) ||
      compareKeys(a.target, b.target) ||
      compareKeys(a.key, b.key),
  );
}

/** Every edge of `kind` out of `source`, sorted by target then edge key. */
export function outEdgesOfKind(graph: AccessGraph, source: string, kind: EdgeKind): GraphEdge[] {
  const out: GraphEdge[] = [];
  if (!graph.hasNode(source)) return out;
  graph.forEachOutEdge(source, (key, attrs, s, target) => {
    if (attrs.kind === kind) out.push({ key, source: s, target, attrs });
  });
  return out.sort((a, b) => compareKeys(a.target, b.target) || compareKeys(a.key, b.key));
}

const MAX_NAME = 200;

/** A node's name for a title: its label (bounded), or its key. Untrusted text. */
export function nameOf(graph: AccessGraph, key: string): string {
  const label = graph.hasNode(key) ? graph.getNodeAttribute(key, 'label') : key;
  const name = label === '' ? key : label;
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/** The attributes of a node, or undefined. */
export function attrsOf(graph: AccessGraph, key: string): NodeAttributes | undefined {
  return graph.hasNode(key) ? graph.getNodeAttributes(key) : undefined;
}

/** Whether the node is a role of an organization account (the subjects of trust findings). */
export function isOrgRole(graph: AccessGraph, key: string): boolean {
  const a = attrsOf(graph, key);
  return a?.kind === 'role' && a.scope === 'org' && a.unresolved !== true;
}

/**
 * The risk of a finding made of one or more edges from one source (compare-findings.ts): `allow`
 * when some edge is unconditional, else `conditional` on the union of their keys; one hop; the
 * given scope.
 */
export function riskOfEdges(
  edges: readonly Pick<EdgeAttributes, 'decision' | 'conditionKeys'>[],
  scope: FindingRisk['scope'],
): FindingRisk {
  const allow = edges.some((e) => e.decision === 'allow');
  const keys = allow ? [] : [...new Set(edges.flatMap((e) => e.conditionKeys))].sort(compareKeys);
  const risk: FindingRisk = {
    decision: allow ? 'allow' : 'conditional',
    conditionKeys: keys,
    pathLength: 1,
  };
  if (scope !== undefined) risk.scope = scope;
  return risk;
}

/** The risk of a path: its decision and keys, its length and the scope of its start. */
export function riskOfPath(graph: AccessGraph, path: readonly Hop[]): FindingRisk {
  const keys = [...new Set(path.flatMap((h) => h.conditionKeys))].sort(compareKeys);
  const conditional = path.some((h) => h.decision === 'conditional');
  const risk: FindingRisk = {
    decision: conditional ? 'conditional' : 'allow',
    conditionKeys: conditional ? keys : [],
    pathLength: path.length,
  };
  const first = path[0];
  if (first !== undefined && graph.hasNode(first.from))
    risk.scope = startScope(graph, first.from, first.to);
  return risk;
}

/** Concatenates evidence lists, keeping the first of identical items. */
export function mergeEvidence(lists: readonly (readonly Evidence[])[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const list of lists)
    for (const e of list) {
      const k = JSON.stringify(e);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
    }
  return out;
}

/** `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

const S3_GROUP_VERBS: Readonly<Record<ActionGroup, string>> = {
  read: 'read',
  write: 'write',
  list: 'list',
  admin: 'change the access of',
  decrypt: 'decrypt with',
  encrypt: 'encrypt with',
  publish: 'publish to',
  subscribe: 'subscribe to',
  pull: 'pull from',
  push: 'push to',
  invoke: 'invoke',
  modify: 'change the code of',
};
const S3_GROUP_ORDER: readonly ActionGroup[] = [
  'read',
  'write',
  'list',
  'decrypt',
  'encrypt',
  'publish',
  'subscribe',
  'pull',
  'push',
  'invoke',
  'modify',
  'admin',
];

const PREPOSITION = / (with|to|from|of)$/;

/**
 * "read, write and list", "decrypt and encrypt with": the action groups held, in a fixed order,
 * as words; a preposition that the next verb repeats is said once, after it.
 */
export function actionGroupsText(groups: ReadonlySet<ActionGroup>): string {
  const verbs = S3_GROUP_ORDER.filter((a) => groups.has(a)).map((a) => S3_GROUP_VERBS[a]);
  return listText(
    verbs.map((verb, i) => {
      const own = PREPOSITION.exec(verb)?.[1];
      const next = PREPOSITION.exec(verbs[i + 1] ?? '')?.[1];
      return own !== undefined && own === next ? verb.slice(0, -own.length - 1) : verb;
    }),
  );
}
