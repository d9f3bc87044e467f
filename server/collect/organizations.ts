/**
 * The organization as `organization.json` holds it (DESIGN.md "Snapshot directory"):
 * DescribeOrganization, ListAccounts, the roots, the OU tree with each account's parent, and the
 * SCPs and RCPs with their content and targets. Works from the management account and from a
 * delegated administrator (the same read calls). A policy type is read only when it is enabled
 * on the root: a disabled type is not in effect and is therefore left out of `Policies`.
 */
import { dataRecord } from '../../shared/data-record.js';
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  type OrganizationsClient,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { isAccountId } from '../../shared/arn/parse-arn.js';
import {
  errorNameOf,
  MalformedResponseError,
  toCollectionError,
  type CollectionErrorRecord,
} from './aws-errors.js';
import { toCliJson, type JsonValue } from './aws-json.js';
import { mapWithConcurrency } from './concurrency-limit.js';
import { readAllPages } from './paginate.js';

export interface OrganizationPolicyJson {
  Id: string;
  Name: string;
  Type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  /** The policy text as DescribePolicy returned it. */
  Content: string;
  Targets: string[];
}

export interface OrganizationalUnitJson {
  Id: string;
  Name: string;
  ParentId: string;
}

/** The content of `organization.json`. Keys are absent when their calls failed. */
export interface OrganizationFile {
  Organization: JsonValue;
  Accounts: { Id: string; Status?: string; State?: string; [key: string]: JsonValue | undefined }[];
  Roots?: JsonValue[];
  OrganizationalUnits?: OrganizationalUnitJson[];
  AccountParents?: Record<string, string>;
  Policies?: OrganizationPolicyJson[];
}

export type OrganizationRead =
  | {
      kind: 'available';
      organizationId: string | undefined;
      file: OrganizationFile;
      /** Calls that failed after the account list was read: the file lacks what they return. */
      errors: CollectionErrorRecord[];
    }
  /** The caller's account is in no organization (AWSOrganizationsNotInUseException). */
  | { kind: 'not-in-organization' }
  /** The organization exists but could not be read (denied, or another error). */
  | { kind: 'unreadable'; errors: CollectionErrorRecord[] };

/** Organizations calls run a few at once: its API rate limits are low. */
const TREE_CONCURRENCY = 4;
const POLICY_TYPES: readonly ('SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY')[] = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
];

/** `callerAccountId` is recorded as the account of organization-level errors. */
export async function readOrganization(
  client: OrganizationsClient,
  callerAccountId: string,
): Promise<OrganizationRead> {
  const errors: CollectionErrorRecord[] = [];
  const fail = (call: string, err: unknown): void => {
    errors.push(toCollectionError(`organizations:${call}`, err, callerAccountId));
  };

  let organization: JsonValue;
  let organizationId: string | undefined;
  try {
    const out = await client.send(new DescribeOrganizationCommand({}));
    organization = toCliJson(out.Organization ?? {});
    organizationId = out.Organization?.Id;
  } catch (err: unknown) {
    if (errorNameOf(err) === 'AWSOrganizationsNotInUseException')
      return { kind: 'not-in-organization' };
    fail('DescribeOrganization', err);
    return { kind: 'unreadable', errors };
  }

  const accounts: OrganizationFile['Accounts'] = [];
  try {
    const pages = await readAllPages('organizations:ListAccounts', async (token) => {
      const out = await client.send(
        new ListAccountsCommand(token === undefined ? {} : { NextToken: token }),
      );
      return { items: out.Accounts ?? [], next: out.NextToken };
    });
    for (const account of pages.flat()) {
      const id = account.Id ?? '';
      if (!isAccountId(id)) {
        errors.push({
          accountId: callerAccountId,
          call: 'organizations:ListAccounts',
          errorName: 'InvalidAccountId',
          message: `account id ${JSON.stringify(id.slice(0, 40))} is not 12 digits; the account was left out`,
        });
        continue;
      }
      accounts.push({ ...(toCliJson(account) as Record<string, JsonValue>), Id: id });
    }
  } catch (err: unknown) {
    fail('ListAccounts', err);
    return { kind: 'unreadable', errors };
  }

  const file: OrganizationFile = { Organization: organization, Accounts: accounts };

  let roots: { Id: string; enabledTypes: Set<string> }[] = [];
  try {
    const pages = await readAllPages('organizations:ListRoots', async (token) => {
      const out = await client.send(
        new ListRootsCommand(token === undefined ? {} : { NextToken: token }),
      );
      return { items: out.Roots ?? [], next: out.NextToken };
    });
    const list = pages.flat();
    file.Roots = list.map((root) => toCliJson(root));
    roots = list
      .filter((root): root is typeof root & { Id: string } => typeof root.Id === 'string')
      .map((root) => ({
        Id: root.Id,
        enabledTypes: new Set(
          (root.PolicyTypes ?? [])
            .filter((t) => t.Status === 'ENABLED' || t.Status === 'PENDING_DISABLE')
            .map((t) => t.Type ?? ''),
        ),
      }));
  } catch (err: unknown) {
    fail('ListRoots', err);
  }

  if (roots.length > 0) {
    const tree = await readTree(
      client,
      roots.map((r) => r.Id),
      fail,
    );
    if (tree !== undefined) {
      file.OrganizationalUnits = tree.ous;
      file.AccountParents = tree.accountParents;
    }
    const enabled = POLICY_TYPES.filter((type) => roots.some((r) => r.enabledTypes.has(type)));
    const policies = await readPolicies(client, enabled, fail);
    if (policies !== undefined) file.Policies = policies;
  }

  return { kind: 'available', organizationId, file, errors };
}

/** Walks the OU tree breadth first; undefined when any listing failed (the tree is unknown). */
async function readTree(
  client: OrganizationsClient,
  rootIds: readonly string[],
  fail: (call: string, err: unknown) => void,
): Promise<{ ous: OrganizationalUnitJson[]; accountParents: Record<string, string> } | undefined> {
  const ous: OrganizationalUnitJson[] = [];
  const accountParents = dataRecord<string>();
  const state = { complete: true };
  let level: string[] = [...rootIds];
  const visited = new Set<string>(level);
  while (level.length > 0) {
    const children = await mapWithConcurrency(level, TREE_CONCURRENCY, async (parentId) => {
      const found: string[] = [];
      try {
        const pages = await readAllPages(
          'organizations:ListOrganizationalUnitsForParent',
          async (token) => {
            const out = await client.send(
              new ListOrganizationalUnitsForParentCommand({
                ParentId: parentId,
                ...(token === undefined ? {} : { NextToken: token }),
              }),
            );
            return { items: out.OrganizationalUnits ?? [], next: out.NextToken };
          },
        );
        for (const ou of pages.flat()) {
          if (ou.Id === undefined || visited.has(ou.Id)) continue;
          visited.add(ou.Id);
          ous.push({ Id: ou.Id, Name: ou.Name ?? '', ParentId: parentId });
          found.push(ou.Id);
        }
      } catch (err: unknown) {
        state.complete = false;
        fail('ListOrganizationalUnitsForParent', err);
      }
      try {
        const pages = await readAllPages('organizations:ListAccountsForParent', async (token) => {
          const out = await client.send(
            new ListAccountsForParentCommand({
              ParentId: parentId,
              ...(token === undefined ? {} : { NextToken: token }),
            }),
          );
          return { items: out.Accounts ?? [], next: out.NextToken };
        });
        for (const account of pages.flat()) {
          if (account.Id !== undefined && isAccountId(account.Id))
            accountParents[account.Id] = parentId;
        }
      } catch (err: unknown) {
        state.complete = false;
        fail('ListAccountsForParent', err);
      }
      return found;
    });
    level = children.flat();
  }
  return state.complete ? { ous, accountParents } : undefined;
}

/**
 * Every policy of the enabled types with content and targets. Undefined when any call failed:
 * a policy with unknown targets or content would change what the policies allow, while leaving
 * `Policies` out makes analysis treat organization policies as not in effect (and the failed
 * calls are recorded, so the collection is reported partial).
 */
async function readPolicies(
  client: OrganizationsClient,
  types: readonly ('SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY')[],
  fail: (call: string, err: unknown) => void,
): Promise<OrganizationPolicyJson[] | undefined> {
  const summaries: { Id: string; Name: string; Type: OrganizationPolicyJson['Type'] }[] = [];
  for (const type of types) {
    try {
      const pages = await readAllPages('organizations:ListPolicies', async (token) => {
        const out = await client.send(
          new ListPoliciesCommand({
            Filter: type satisfies PolicyType,
            ...(token === undefined ? {} : { NextToken: token }),
          }),
        );
        return { items: out.Policies ?? [], next: out.NextToken };
      });
      for (const policy of pages.flat()) {
        if (policy.Id === undefined) continue;
        summaries.push({ Id: policy.Id, Name: policy.Name ?? '', Type: type });
      }
    } catch (err: unknown) {
      fail('ListPolicies', err);
      return undefined;
    }
  }
  const state = { complete: true };
  const policies = await mapWithConcurrency(summaries, TREE_CONCURRENCY, async (summary) => {
    const policy: OrganizationPolicyJson = { ...summary, Content: '', Targets: [] };
    try {
      const out = await client.send(new DescribePolicyCommand({ PolicyId: summary.Id }));
      const content = out.Policy?.Content;
      if (content === undefined)
        throw new MalformedResponseError(`policy ${summary.Id} has no content`);
      policy.Content = content;
    } catch (err: unknown) {
      state.complete = false;
      fail('DescribePolicy', err);
    }
    try {
      const pages = await readAllPages('organizations:ListTargetsForPolicy', async (token) => {
        const out = await client.send(
          new ListTargetsForPolicyCommand({
            PolicyId: summary.Id,
            ...(token === undefined ? {} : { NextToken: token }),
          }),
        );
        return { items: out.Targets ?? [], next: out.NextToken };
      });
      policy.Targets = pages
        .flat()
        .map((target) => target.TargetId)
        .filter((id): id is string => id !== undefined);
    } catch (err: unknown) {
      state.complete = false;
      fail('ListTargetsForPolicy', err);
    }
    return policy;
  });
  return state.complete ? policies : undefined;
}

/** An account AWS reports as suspended or closing cannot be read (and no longer acts). */
export function isSuspendedAccount(account: { Status?: unknown; State?: unknown }): boolean {
  const status = typeof account.Status === 'string' ? account.Status : undefined;
  const state = typeof account.State === 'string' ? account.State : undefined;
  return (
    status === 'SUSPENDED' ||
    status === 'PENDING_CLOSURE' ||
    state === 'SUSPENDED' ||
    state === 'PENDING_CLOSURE' ||
    state === 'CLOSED'
  );
}
