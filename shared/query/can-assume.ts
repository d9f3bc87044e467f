/**
 * `can-assume <role>`: who may assume a role directly — every `can-assume` edge into it, one
 * entry per principal (the best edge when there are several), with decision, condition keys and
 * the evidence. Account-level grants are listed with `aggregate: true` next to their expansion
 * (the account's principals that may call). Grants to deleted principals (`dangling-trust`) are
 * reported apart: they match nothing.
 */
import type { AccessGraph, EdgeAttributes } from '../graph/types.js';
import { describeStart, compareScopes } from './start-scope.js';
import { WrongNodeKindError, UnknownNodeError } from './query-errors.js';
import { compareKeys, compareParallelEdges } from './traversal.js';
import type {
  AssumingPrincipal,
  CanAssumeOptions,
  CanAssumeResult,
  DanglingGrant,
} from './types.js';

/**
 * Who can assume `roleKey` directly. Principals are ordered from the least trusted scope
 * (`public`, `external`, `vendor`, `org`), then by key. Throws `UnknownNodeError` when the key
 * is not in the graph and `WrongNodeKindError` when it is not a role.
 */
export function findWhoCanAssume(
  graph: AccessGraph,
  roleKey: string,
  options: CanAssumeOptions = {},
): CanAssumeResult {
  if (!graph.hasNode(roleKey)) throw new UnknownNodeError(roleKey, []);
  const kind = graph.getNodeAttribute(roleKey, 'kind');
  if (kind !== 'role') throw new WrongNodeKindError(roleKey, kind, ['role']);
  const includeConditional = options.includeConditional ?? true;

  const best = new Map<string, { key: string; attrs: EdgeAttributes }>();
  const dangling: DanglingGrant[] = [];
  graph.forEachInEdge(roleKey, (key, attrs, source) => {
    if (attrs.kind === 'dangling-trust') {
      dangling.push({ principal: source, evidence: attrs.evidence });
      return;
    }
    if (attrs.kind !== 'can-assume') return;
    if (!includeConditional && attrs.decision !== 'allow') return;
    const cand = { key, attrs };
    const old = best.get(source);
    if (old === undefined || compareParallelEdges(cand, old) < 0) best.set(source, cand);
  });

  const principals: AssumingPrincipal[] = [];
  for (const [source, { attrs }] of best) {
    const entry: AssumingPrincipal = {
      ...describeStart(graph, source, roleKey, attrs),
      decision: attrs.decision,
      conditionKeys: attrs.decision === 'conditional' ? attrs.conditionKeys : [],
      evidence: attrs.evidence,
      aggregate: attrs.aggregate === true,
    };
    if (attrs.action !== undefined) entry.action = attrs.action;
    if (attrs.claims !== undefined) entry.claims = attrs.claims;
    principals.push(entry);
  }
  principals.sort(
    (a, b) => compareScopes(a.scope, b.scope) || compareKeys(a.principal, b.principal),
  );
  dangling.sort((a, b) => compareKeys(a.principal, b.principal));
  return principals.length > 0
    ? { kind: 'found', role: roleKey, principals, dangling }
    : { kind: 'none', role: roleKey, dangling };
}
