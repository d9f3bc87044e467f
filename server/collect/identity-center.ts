/**
 * IAM Identity Center, read from the caller (the organization's management account or the
 * Identity Center delegated administrator) in its region (`--identity-center-region`, default the
 * home region): sso-admin ListInstances,
 * ListPermissionSets, DescribePermissionSet, ListAccountsForProvisionedPermissionSet,
 * ListAccountAssignments, and identitystore ListUsers, ListGroups, ListGroupMemberships, every
 * page. `identity-center.json` is written only when every call succeeded: a partial list of
 * users or memberships would read as "this person does not exist". No instance, or a denied
 * call, is recorded in collection.json (`identityCenter`) and never fails the collection.
 */
import {
  ListGroupMembershipsCommand,
  ListGroupsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-identitystore';
import {
  DescribePermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListInstancesCommand,
  ListPermissionSetsCommand,
  type InstanceMetadata,
} from '@aws-sdk/client-sso-admin';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { AwsClientFactory } from './aws-clients.js';
import { isAccessDeniedName, toCollectionError, type CollectionErrorRecord } from './aws-errors.js';
import { mapWithConcurrency } from './concurrency-limit.js';
import { readAllPages } from './paginate.js';

export const IDENTITY_CENTER_FILE = 'identity-center.json';

/** The content of `identity-center.json` (DESIGN.md "Snapshot directory"). */
export interface IdentityCenterFile {
  InstanceArn: string;
  IdentityStoreId: string;
  Users: { UserId: string; UserName: string; DisplayName?: string }[];
  Groups: { GroupId: string; DisplayName: string }[];
  GroupMemberships: { GroupId: string; UserId: string }[];
  PermissionSets: { PermissionSetArn: string; Name: string }[];
  AccountAssignments: {
    AccountId: string;
    PermissionSetArn: string;
    PrincipalType: 'USER' | 'GROUP';
    PrincipalId: string;
  }[];
}

/**
 * `ok`: read in full; `not-found`: the caller sees no instance in the region; `denied` / `failed`:
 * a call failed (the file is not written).
 */
export type IdentityCenterStatus = 'ok' | 'not-found' | 'denied' | 'failed';

/** What collection.json records about Identity Center. */
export interface IdentityCenterRecord {
  status: IdentityCenterStatus;
  region: string;
  instanceArn?: string;
}

export interface IdentityCenterRead {
  record: IdentityCenterRecord;
  file: IdentityCenterFile | undefined;
  errors: CollectionErrorRecord[];
}

/** Calls in flight for the per-group and per-assignment listings. */
const CONCURRENCY = 4;

export async function readIdentityCenter(
  clients: AwsClientFactory,
  credentials: AwsCredentialIdentityProvider,
  callerAccountId: string,
  managementAccountId: string | undefined,
  region: string = clients.settings.region,
): Promise<IdentityCenterRead> {
  const sso = clients.regional('ssoAdmin', credentials, region);
  const store = clients.regional('identitystore', credentials, region);
  const errors: CollectionErrorRecord[] = [];
  const fail = (call: string, err: unknown, resource?: string): void => {
    errors.push({ ...toCollectionError(call, err, callerAccountId, resource), region });
  };
  const failed = (instanceArn?: string): IdentityCenterRead => ({
    record: {
      status: errors.some((e) => isAccessDeniedName(e.errorName)) ? 'denied' : 'failed',
      region,
      ...(instanceArn === undefined ? {} : { instanceArn }),
    },
    file: undefined,
    errors,
  });

  const instances: InstanceMetadata[] = [];
  try {
    await readAllPages('sso:ListInstances', async (token) => {
      const out = await sso.send(
        new ListInstancesCommand(token === undefined ? {} : { NextToken: token }),
      );
      instances.push(...(out.Instances ?? []));
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    fail('sso:ListInstances', err);
    return failed();
  }
  // The organization instance (owned by the management account) over account instances.
  const usable = instances.filter(
    (i): i is InstanceMetadata & { InstanceArn: string; IdentityStoreId: string } =>
      i.InstanceArn !== undefined && i.IdentityStoreId !== undefined,
  );
  const instance =
    usable.find(
      (i) => managementAccountId !== undefined && i.OwnerAccountId === managementAccountId,
    ) ?? usable[0];
  if (instance === undefined) {
    return { record: { status: 'not-found', region }, file: undefined, errors };
  }
  const { InstanceArn: instanceArn, IdentityStoreId: identityStoreId } = instance;

  const file: IdentityCenterFile = {
    InstanceArn: instanceArn,
    IdentityStoreId: identityStoreId,
    Users: [],
    Groups: [],
    GroupMemberships: [],
    PermissionSets: [],
    AccountAssignments: [],
  };

  try {
    await readAllPages('identitystore:ListUsers', async (token) => {
      const out = await store.send(
        new ListUsersCommand({
          IdentityStoreId: identityStoreId,
          MaxResults: 100,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const user of out.Users ?? []) {
        if (user.UserId === undefined) continue;
        file.Users.push({
          UserId: user.UserId,
          UserName: user.UserName ?? user.UserId,
          ...(user.DisplayName === undefined ? {} : { DisplayName: user.DisplayName }),
        });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    fail('identitystore:ListUsers', err);
  }

  try {
    await readAllPages('identitystore:ListGroups', async (token) => {
      const out = await store.send(
        new ListGroupsCommand({
          IdentityStoreId: identityStoreId,
          MaxResults: 100,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const group of out.Groups ?? []) {
        if (group.GroupId === undefined) continue;
        file.Groups.push({
          GroupId: group.GroupId,
          DisplayName: group.DisplayName ?? group.GroupId,
        });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    fail('identitystore:ListGroups', err);
  }

  const memberships = await mapWithConcurrency(file.Groups, CONCURRENCY, async (group) => {
    const found: { GroupId: string; UserId: string }[] = [];
    try {
      await readAllPages('identitystore:ListGroupMemberships', async (token) => {
        const out = await store.send(
          new ListGroupMembershipsCommand({
            IdentityStoreId: identityStoreId,
            GroupId: group.GroupId,
            MaxResults: 100,
            ...(token === undefined ? {} : { NextToken: token }),
          }),
        );
        for (const membership of out.GroupMemberships ?? []) {
          const member = membership.MemberId;
          if (member !== undefined && 'UserId' in member && typeof member.UserId === 'string') {
            found.push({ GroupId: group.GroupId, UserId: member.UserId });
          }
        }
        return { items: undefined, next: out.NextToken };
      });
    } catch (err: unknown) {
      fail('identitystore:ListGroupMemberships', err, group.GroupId);
    }
    return found;
  });
  file.GroupMemberships = memberships.flat();

  const permissionSetArns: string[] = [];
  try {
    await readAllPages('sso:ListPermissionSets', async (token) => {
      const out = await sso.send(
        new ListPermissionSetsCommand({
          InstanceArn: instanceArn,
          MaxResults: 100,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      permissionSetArns.push(...(out.PermissionSets ?? []));
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    fail('sso:ListPermissionSets', err);
  }

  const perPermissionSet = await mapWithConcurrency(
    permissionSetArns,
    CONCURRENCY,
    async (permissionSetArn) => {
      let name: string | undefined;
      try {
        const out = await sso.send(
          new DescribePermissionSetCommand({
            InstanceArn: instanceArn,
            PermissionSetArn: permissionSetArn,
          }),
        );
        name = out.PermissionSet?.Name;
      } catch (err: unknown) {
        fail('sso:DescribePermissionSet', err, permissionSetArn);
      }
      const accounts: string[] = [];
      try {
        await readAllPages('sso:ListAccountsForProvisionedPermissionSet', async (token) => {
          const out = await sso.send(
            new ListAccountsForProvisionedPermissionSetCommand({
              InstanceArn: instanceArn,
              PermissionSetArn: permissionSetArn,
              MaxResults: 100,
              ...(token === undefined ? {} : { NextToken: token }),
            }),
          );
          accounts.push(...(out.AccountIds ?? []));
          return { items: undefined, next: out.NextToken };
        });
      } catch (err: unknown) {
        fail('sso:ListAccountsForProvisionedPermissionSet', err, permissionSetArn);
      }
      const assignments: IdentityCenterFile['AccountAssignments'] = [];
      for (const accountId of accounts) {
        try {
          await readAllPages('sso:ListAccountAssignments', async (token) => {
            const out = await sso.send(
              new ListAccountAssignmentsCommand({
                InstanceArn: instanceArn,
                AccountId: accountId,
                PermissionSetArn: permissionSetArn,
                MaxResults: 100,
                ...(token === undefined ? {} : { NextToken: token }),
              }),
            );
            for (const a of out.AccountAssignments ?? []) {
              if (a.PrincipalId === undefined) continue;
              if (a.PrincipalType !== 'USER' && a.PrincipalType !== 'GROUP') continue;
              assignments.push({
                AccountId: a.AccountId ?? accountId,
                PermissionSetArn: a.PermissionSetArn ?? permissionSetArn,
                PrincipalType: a.PrincipalType,
                PrincipalId: a.PrincipalId,
              });
            }
            return { items: undefined, next: out.NextToken };
          });
        } catch (err: unknown) {
          fail('sso:ListAccountAssignments', err, `${permissionSetArn} ${accountId}`);
        }
      }
      return { permissionSetArn, name, assignments };
    },
  );
  for (const { permissionSetArn, name, assignments } of perPermissionSet) {
    if (name !== undefined)
      file.PermissionSets.push({ PermissionSetArn: permissionSetArn, Name: name });
    file.AccountAssignments.push(...assignments);
  }

  if (errors.length > 0) return failed(instanceArn);
  return { record: { status: 'ok', region, instanceArn }, file, errors };
}
