/**
 * Marks admin principals and crown jewels.
 *
 * "Admin" (the findings' meaning): a principal whose effective policies allow `*` or `iam:*` on
 * every resource — an identity Allow statement without conditions with such an action and
 * resource `*`, that its permissions boundary (if any) and every SCP level (if SCPs apply) also
 * allow, and that no unconditional Deny of the same breadth removes. Holding `iam:*` is enough to
 * grant oneself anything, which is why it counts.
 */
import type { CallerProfile } from '../../authorize/types.js';
import { statementView } from '../index/statement-views.js';
import type { CompiledPolicy, CompiledStatement } from '../../policy/types.js';
import type { AccessGraph } from '../types.js';

const BROAD_ACTIONS = new Set(['*', '*:*', 'iam:*']);

/** Per statement list (shared by identical policies): whether it has a broad Allow / Deny. */
const BREADTH = new WeakMap<readonly CompiledStatement[], { Allow: boolean; Deny: boolean }>();

function broadStatement(stmt: CompiledStatement): boolean {
  const v = statementView(stmt);
  if (v.conditionKeys.length > 0) return false;
  const resources = v.resources ?? [];
  return (
    resources.includes('*') && (v.actions ?? []).some((a) => BROAD_ACTIONS.has(a.toLowerCase()))
  );
}

function broad(policy: CompiledPolicy, effect: 'Allow' | 'Deny'): boolean {
  let breadth = BREADTH.get(policy.statements);
  if (breadth === undefined) {
    breadth = { Allow: false, Deny: false };
    for (const stmt of policy.statements)
      if (!breadth[stmt.effect] && broadStatement(stmt)) breadth[stmt.effect] = true;
    BREADTH.set(policy.statements, breadth);
  }
  return breadth[effect];
}

/** Whether the caller's effective policies allow `*` or `iam:*` on `*`. */
export function isAdminPrincipal(p: CallerProfile): boolean {
  if (!p.policiesKnown) return false;
  if (!p.identityPolicies.some((pol) => broad(pol, 'Allow'))) return false;
  const all = [...p.identityPolicies];
  if (p.permissionsBoundary) {
    if (!broad(p.permissionsBoundary, 'Allow')) return false;
    all.push(p.permissionsBoundary);
  }
  for (const level of p.scps?.levels ?? []) {
    if (!level.policies.some((pol) => broad(pol, 'Allow'))) return false;
    all.push(...level.policies);
  }
  return !all.some((pol) => broad(pol, 'Deny'));
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Sets `admin` on admin principals and `crownJewel` on nodes matching the config patterns. */
export function markAdminsAndCrownJewels(
  graph: AccessGraph,
  principals: Iterable<CallerProfile>,
  crownJewels: readonly string[],
): void {
  for (const p of principals) {
    if (graph.hasNode(p.key) && isAdminPrincipal(p)) graph.setNodeAttribute(p.key, 'admin', true);
  }
  if (crownJewels.length === 0) return;
  const patterns = crownJewels.map(globToRegExp);
  graph.forEachNode((key) => {
    if (patterns.some((re) => re.test(key))) graph.setNodeAttribute(key, 'crownJewel', true);
  });
}
