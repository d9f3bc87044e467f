/**
 * Turns what a user typed into a node key: an exact key; an account id (→ the account node); a
 * role, user or group name, or a `path/name`, when unique; a bucket name; a service name
 * (`lambda.amazonaws.com`); `anyone`. Anything else throws `UnknownNodeError` with up to five
 * closest names, and a name shared by several nodes throws `AmbiguousNodeError`.
 *
 * The lookup index is built once per graph (and rebuilt if the graph grows or shrinks).
 */
import { isAccountId, parseArn } from '../arn/parse-arn.js';
import type { AccessGraph, NodeKind } from '../graph/types.js';
import { AmbiguousNodeError, UnknownNodeError } from './query-errors.js';
import { compareKeys } from './traversal.js';

const MAX_SUGGESTIONS = 5;
const MAX_CANDIDATES = 10;
/** Longest input considered; longer text is cut (it is untrusted and only used for matching). */
const MAX_INPUT = 2048;

interface Entry {
  key: string;
  kind: NodeKind;
  accountId: string | undefined;
  keyLower: string;
  labelLower: string;
}

interface NodeIndex {
  order: number;
  entries: Entry[];
  byKeyLower: Map<string, string[]>;
  byLabelLower: Map<string, string[]>;
  accounts: Map<string, string>;
}

const INDEXES = new WeakMap<AccessGraph, NodeIndex>();

function push(map: Map<string, string[]>, k: string, v: string): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [v]);
  else list.push(v);
}

function indexOf(graph: AccessGraph): NodeIndex {
  const cached = INDEXES.get(graph);
  if (cached !== undefined && cached.order === graph.order) return cached;
  const index: NodeIndex = {
    order: graph.order,
    entries: [],
    byKeyLower: new Map(),
    byLabelLower: new Map(),
    accounts: new Map(),
  };
  graph.forEachNode((key, attrs) => {
    const keyLower = key.toLowerCase();
    const labelLower = attrs.label.toLowerCase();
    index.entries.push({ key, kind: attrs.kind, accountId: attrs.accountId, keyLower, labelLower });
    push(index.byKeyLower, keyLower, key);
    push(index.byLabelLower, labelLower, key);
    if (attrs.kind === 'account' && attrs.accountId !== undefined)
      index.accounts.set(attrs.accountId, key);
  });
  INDEXES.set(graph, index);
  return index;
}

function unique(input: string, keys: readonly string[] | undefined): string | undefined {
  if (keys === undefined || keys.length === 0) return undefined;
  if (keys.length === 1) return keys[0];
  throw new AmbiguousNodeError(input, [...keys].sort(compareKeys).slice(0, MAX_CANDIDATES));
}

/**
 * The node key `input` designates. Throws `UnknownNodeError` (with suggestions) or
 * `AmbiguousNodeError` (with the candidates).
 */
export function resolveNodeKey(graph: AccessGraph, input: string): string {
  const text = input.trim().slice(0, MAX_INPUT);
  if (text !== '' && graph.hasNode(text)) return text;
  if (text === '') throw new UnknownNodeError(input, []);
  const index = indexOf(graph);
  const lower = text.toLowerCase();

  if (lower === 'anyone' && graph.hasNode('*')) return '*';
  if (isAccountId(text)) {
    const account = index.accounts.get(text);
    if (account !== undefined) return account;
    throw new UnknownNodeError(input, suggestFrom(index, text));
  }
  const byKey = unique(text, index.byKeyLower.get(lower));
  if (byKey !== undefined) return byKey;
  const bucketName = lower.startsWith('s3://') ? lower.slice(5).replace(/\/.*$/, '') : undefined;
  if (bucketName !== undefined) {
    const buckets = (index.byLabelLower.get(bucketName) ?? []).filter(
      (k) => graph.getNodeAttribute(k, 'kind') === 'bucket',
    );
    const hit = unique(text, buckets);
    if (hit !== undefined) return hit;
  }
  if (graph.hasNode(`service:${lower}`)) return `service:${lower}`;
  if (!text.startsWith('arn:')) {
    const byLabel = unique(text, index.byLabelLower.get(lower));
    if (byLabel !== undefined) return byLabel;
    // `path/name` or `role/path/name`: the end of an IAM ARN's resource.
    if (lower.includes('/')) {
      const tail = index.entries
        .filter((e) => e.keyLower.endsWith(`:${lower}`) || e.keyLower.endsWith(`/${lower}`))
        .map((e) => e.key);
      const hit = unique(text, tail);
      if (hit !== undefined) return hit;
    }
  }
  throw new UnknownNodeError(input, suggestFrom(index, text));
}

/** The name part of an input: the last segment of an ARN's resource, or the input itself. */
function namePart(text: string): { name: string; accountId: string | undefined } {
  const arn = parseArn(text);
  if (arn === undefined) return { name: text.toLowerCase(), accountId: undefined };
  const resource = arn.resource;
  const name = resource.slice(resource.lastIndexOf('/') + 1) || resource;
  return {
    name: name.toLowerCase(),
    accountId: isAccountId(arn.accountId) ? arn.accountId : undefined,
  };
}

/**
 * Up to five node keys whose label (or account id) is closest to the input's name: edit distance
 * within a third of the name's length (at least 2), or one containing the other; nodes of the
 * input's account first on a tie.
 */
export function suggestNodeKeys(graph: AccessGraph, input: string): string[] {
  return suggestFrom(indexOf(graph), input.trim().slice(0, MAX_INPUT));
}

function suggestFrom(index: NodeIndex, text: string): string[] {
  const { name, accountId } = namePart(text);
  if (name === '') return [];
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: { key: string; score: number }[] = [];
  for (const e of index.entries) {
    let d = boundedLevenshtein(name, e.labelLower, limit);
    if (e.kind === 'account' && e.accountId !== undefined)
      d = Math.min(d, boundedLevenshtein(name, e.accountId, limit));
    if (
      name.length >= 3 &&
      (e.labelLower.includes(name) || (e.labelLower.length >= 3 && name.includes(e.labelLower)))
    )
      d = Math.min(d, limit);
    if (d > limit) continue;
    const sameAccount = accountId !== undefined && e.accountId === accountId ? 0 : 0.5;
    scored.push({ key: e.key, score: d + sameAccount });
  }
  scored.sort((a, b) => a.score - b.score || compareKeys(a.key, b.key));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.key);
}

/**
 * Levenshtein distance between `a` and `b`, or `limit + 1` as soon as it is certain to exceed
 * `limit` (length difference, or every cell of a row above the limit).
 */
export function boundedLevenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (curr[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev, curr] = [curr, prev];
  }
  return Math.min(prev[b.length] ?? limit + 1, limit + 1);
}
