/**
 * The organization named in the config (`organization: { id, managementAccountId, accounts }`)
 * for a snapshot without `organization.json`: a single-account dump whose roles trust the
 * management account (`OrganizationAccountAccessRole`, StackSets execution roles) must not read
 * that account as an unknown external one. Pure: returns a snapshot with the organization set.
 *
 * - Without `organization.json`: the organization is the config's, with the management account
 *   among its accounts. No SCP or RCP is in effect (none is known: DESIGN.md "A policy type with
 *   no policy at all in Policies is not in effect"), and accounts listed without a folder are
 *   `missing` in the coverage, like any organization account the snapshot does not hold.
 * - With `organization.json`: the file wins; a warning names the config key that was ignored.
 */
import type { AnalysisConfig } from './analysis-config.js';
import type { OrgAccount, Snapshot } from '../snapshot/types.js';

export function applyConfiguredOrganization(snapshot: Snapshot, config: AnalysisConfig): Snapshot {
  const org = config.organization;
  if (org === undefined) return snapshot;
  if (snapshot.organization !== undefined)
    return {
      ...snapshot,
      issues: [
        ...snapshot.issues,
        {
          file: 'organization.json',
          path: '$',
          severity: 'warning',
          message:
            'the config names an organization too (organization); organization.json wins and the config key is ignored',
        },
      ],
    };
  const accounts = new Map<string, OrgAccount>();
  for (const a of [{ id: org.managementAccountId }, ...org.accounts]) {
    const old = accounts.get(a.id);
    const entry: OrgAccount = { id: a.id, status: 'ACTIVE' };
    const name = 'name' in a && typeof a.name === 'string' ? a.name : old?.name;
    if (name !== undefined) entry.name = name;
    accounts.set(a.id, entry);
  }
  return {
    ...snapshot,
    organization: {
      id: org.id,
      managementAccountId: org.managementAccountId,
      roots: [],
      ous: [],
      accounts: [...accounts.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      accountParents: {},
      policies: [],
    },
  };
}
