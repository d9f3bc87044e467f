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
import type { CompiledPolicy } from '../../policy/types.js';
import type { AccessGraph } from '../types.js';

const BROAD_ACTIONS = new Set(['*', '*:*', 'iam:*']);

function broad(policy: CompiledPolicy, effect: 'Allow' | 'Deny'): boolean {
  for (const stmt of policy.statements) {
    if (stmt.effect !== effect) continue;
    const v = statementView(stmt);
    if (v.conditionKeys.length > 0) continue;
    const actions = (v.actions ?? []).map((a) => a.toLowerCase());
    const resources = v.resources ?? [];
    if (actions.some((a) => BROAD_ACTIONS.has(a)) && resources.includes('*')) return true;
  }
  return false;
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
