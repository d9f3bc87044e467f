/**
 * The organization as the decision layer needs it (DESIGN.md "Snapshot directory", IAM-SEMANTICS.md
 * §8): which accounts are members, each account's place root → OUs → account, its
 * `aws:PrincipalOrgPaths` value, and its SCP and RCP chains.
 *
 * - A policy type with no policy at all in `Policies` is not in effect (no chain).
 * - SCPs do not restrict the management account; RCPs do not protect its resources.
 * - At every level some attached policy must allow; a level with nothing attached allows nothing.
 */
import type { CompiledPolicy, PolicyIssue, PolicyRef } from '../policy/types.js';
import type { OrgPolicy, OrgPolicyType, Organization } from '../snapshot/types.js';
import type { OrgPolicyChain } from './types.js';

export interface OrgStructure {
  organizationId?: string;
  managementAccountId?: string;
  orgAccountIds: ReadonlySet<string>;
  /** `o-…/r-…/ou-…/` of an organization account whose place is known. */
  orgPath(accountId: string): string | undefined;
  /** SCPs restricting the principals of `accountId`; undefined when none apply. */
  scpChain(accountId: string): OrgPolicyChain | undefined;
  /** RCPs protecting the resources of `accountId`; undefined when none apply. */
  rcpChain(accountId: string): OrgPolicyChain | undefined;
}

export type CompileOrgPolicy = (policy: OrgPolicy) => CompiledPolicy;
export type ReportIssue = (policy: PolicyRef, issue: PolicyIssue) => void;

/**
 * Builds the organization view. `accountFolders` are the scanned accounts: without an
 * organization.json they are all taken as organization accounts (DESIGN.md "Accounts").
 */
export function buildOrgStructure(
  org: Organization | undefined,
  accountFolders: Iterable<string>,
  compile: CompileOrgPolicy,
  report: ReportIssue,
): OrgStructure {
  if (!org) {
    const ids = new Set(accountFolders);
    return {
      orgAccountIds: ids,
      orgPath: () => undefined,
      scpChain: () => undefined,
      rcpChain: () => undefined,
    };
  }
  const members = new Set<string>(org.accounts.map((a) => a.id));
  for (const id of Object.keys(org.accountParents)) members.add(id);
  if (org.managementAccountId !== undefined) members.add(org.managementAccountId);
  const rootIds = new Set(org.roots.map((r) => r.id));
  const ouParent = new Map(org.ous.map((ou) => [ou.id, ou.parentId]));

  const pathCache = new Map<string, readonly string[] | undefined>();
  /** Root and OU ids from the root down to the account's parent. */
  const placeOf = (accountId: string): readonly string[] | undefined => {
    if (pathCache.has(accountId)) return pathCache.get(accountId);
    const path: string[] = [];
    const seen = new Set<string>();
    let node = org.accountParents[accountId];
    while (node !== undefined && !seen.has(node)) {
      seen.add(node);
      path.unshift(node);
      if (rootIds.has(node)) break;
      node = ouParent.get(node);
    }
    const only = rootIds.size === 1 ? [...rootIds][0] : undefined;
    if (path.length === 0 || !rootIds.has(path[0] ?? '')) {
      // The account's place is incomplete: anchor it at the only root when there is one.
      if (only !== undefined && members.has(accountId)) path.unshift(only);
    }
    const result = path.length > 0 ? path : undefined;
    pathCache.set(accountId, result);
    return result;
  };

  const chainBuilder = (
    type: OrgPolicyType,
  ): ((accountId: string) => OrgPolicyChain | undefined) => {
    const policies = org.policies.filter((p) => p.type === type);
    if (policies.length === 0) return () => undefined;
    const byTarget = new Map<string, CompiledPolicy[]>();
    for (const p of policies) {
      const compiled = compile(p);
      for (const t of p.targets) {
        let list = byTarget.get(t);
        if (!list) byTarget.set(t, (list = []));
        if (!list.includes(compiled)) list.push(compiled);
      }
    }
    const cache = new Map<string, OrgPolicyChain | undefined>();
    return (accountId) => {
      if (cache.has(accountId)) return cache.get(accountId);
      let chain: OrgPolicyChain | undefined;
      if (members.has(accountId) && accountId !== org.managementAccountId) {
        const levels = [...(placeOf(accountId) ?? []), accountId].map((targetId) => ({
          targetId,
          policies: byTarget.get(targetId) ?? [],
        }));
        if (placeOf(accountId) === undefined) {
          report(
            {
              kind: type === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp',
              name: 'organization',
              attachedTo: accountId,
            },
            {
              severity: 'warning',
              code: 'account-place-unknown',
              message: `The place of account ${accountId} in the organization (root and OUs) is unknown; only policies attached to the account itself are applied`,
              path: `AccountParents.${accountId}`,
            },
          );
        }
        chain = { levels };
      }
      cache.set(accountId, chain);
      return chain;
    };
  };

  const structure: OrgStructure = {
    orgAccountIds: members,
    orgPath: (accountId) => {
      if (org.id === undefined || !members.has(accountId)) return undefined;
      const place = placeOf(accountId);
      if (!place || !rootIds.has(place[0] ?? '')) return undefined;
      return `${org.id}/${place.join('/')}/`;
    },
    scpChain: chainBuilder('SERVICE_CONTROL_POLICY'),
    rcpChain: chainBuilder('RESOURCE_CONTROL_POLICY'),
  };
  if (org.id !== undefined) structure.organizationId = org.id;
  if (org.managementAccountId !== undefined)
    structure.managementAccountId = org.managementAccountId;
  return structure;
}
