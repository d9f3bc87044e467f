/**
 * `incomplete-coverage`: accounts whose data is missing or partial — an organization account with
 * no IAM data in the snapshot, an account whose files were read with load issues that hide
 * principals or policies (`LoadIssue.hidesData`: a truncated listing, an unreadable document, a
 * skipped entry), or an account whose collection status is not `ok`
 * (docs/snapshot-format.md). Missing data is never read as "no access": every answer about such
 * an account may be incomplete. Severity medium; low when the account was skipped on purpose or
 * is suspended. Also, once, the organization whose SCPs or RCPs are in effect but were not read
 * (organization.json without `Policies`): analysis applies none, so it may show access they deny.
 */
import { accountRootArn } from '../../arn/parse-arn.js';
import type { CollectionError } from '../../snapshot/types.js';
import { compareKeys } from '../../query/traversal.js';
import { hiddenDataByAccount } from '../../snapshot/hidden-data.js';
import { unreadOrgPolicyTypes } from '../../authorize/unread-policies.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

const MAX_TEXT = 200;

function bounded(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT - 1)}…` : clean;
}

function firstError(errors: readonly CollectionError[] | undefined): string {
  const e = errors?.[0];
  return e === undefined ? '' : `: ${bounded(`${e.call} ${e.errorName}`)}`;
}

export const incompleteCoverage: FindingRule = {
  id: 'incomplete-coverage',
  severity: 'medium',
  title: 'Account not fully analyzed',
  help:
    'This account is in the organization but its IAM data is not in the snapshot, its files were ' +
    'read only in part (a truncated listing, e.g. one page of get-account-authorization-details ' +
    'with IsTruncated true; a policy document or entry that could not be read), or collecting ' +
    'it failed or stopped part way (collection.json status denied, failed or skipped). trustmap ' +
    'never reads missing data as "no access": roles of this account, who can assume them and what ' +
    'they reach are unknown, and paths through the account are missing from every query. Fix: ' +
    'let the collection role into the account (the audit role must exist there and trust the ' +
    'collector; SCPs must not deny iam:GetAccountAuthorizationDetails) and collect again. ' +
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access.html',
  evaluate({ graph, snapshot }: FindingsInput): FindingDraft[] {
    const partition =
      graph.getAttribute('partition') ??
      snapshot.organization?.arn?.split(':')[1] ??
      [...snapshot.accounts.values()][0]?.partition ??
      'aws';
    const org = snapshot.organization;
    const statuses = snapshot.collection?.accounts ?? {};
    const hidden = hiddenDataByAccount(snapshot);
    const ids = new Set<string>([
      ...(org?.accounts ?? []).map((a) => a.id),
      ...Object.keys(statuses),
      ...hidden.keys(),
    ]);
    const drafts: FindingDraft[] = [];
    for (const id of [...ids].sort(compareKeys)) {
      const account = org?.accounts.find((a) => a.id === id);
      const status = statuses[id];
      const hasData = snapshot.accounts.has(id);
      const hiding = hidden.get(id);
      if (hasData && hiding === undefined && (status === undefined || status.status === 'ok'))
        continue;
      const name = account?.name !== undefined ? ` (${bounded(account.name)})` : '';
      const suspended =
        account?.status !== undefined && /SUSPENDED|PENDING_CLOSURE/i.test(account.status);
      let why: string;
      if (status !== undefined && status.status !== 'ok')
        why = `${hasData ? 'was collected only in part' : 'could not be read'} (${status.status}${firstError(status.errors)})`;
      else if (hiding !== undefined) {
        const first = hiding[0];
        const more = hiding.length > 1 ? ` and ${String(hiding.length - 1)} more` : '';
        why = `was read only in part (${first === undefined ? '' : bounded(`${first.file} ${first.path}: ${first.message}`)}${more})`;
      } else why = 'has no IAM data in the snapshot';
      drafts.push({
        subject: accountRootArn(partition, id),
        accountId: id,
        title: `Account ${id}${name} ${why}: its access is unknown, not absent`,
        evidence: [],
        ...(status?.status === 'skipped' || suspended ? { severity: 'low' as const } : {}),
      });
    }
    const unread = unreadOrgPolicyTypes(snapshot);
    const management = org?.managementAccountId;
    if (unread !== undefined && management !== undefined) {
      const which = unread.types
        .map((t) => (t === 'SERVICE_CONTROL_POLICY' ? 'SCPs' : 'RCPs'))
        .join(' and ');
      drafts.push({
        subject: accountRootArn(partition, management),
        accountId: management,
        discriminator: 'organization-policies',
        title: `The organization's ${which} are in effect but were not read (${bounded(unread.why)}): every answer is computed without them, so one may deny access that is shown`,
        evidence: [],
      });
    }
    return drafts;
  },
};
