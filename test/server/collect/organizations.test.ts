/**
 * Reading the organization, with aws-sdk-client-mock (the wire adds nothing here): which answers
 * mean "no organization", "not allowed", and how partial failures shape organization.json.
 */
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { isSuspendedAccount, readOrganization } from '../../../server/collect/organizations.js';

const org = mockClient(OrganizationsClient);
const CALLER = '111111111111';

function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: {} });
}

function client(): OrganizationsClient {
  return new OrganizationsClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
}

function mockHealthyOrganization(policyTypes: { Type: string; Status: string }[]): void {
  org
    .on(DescribeOrganizationCommand)
    .resolves({ Organization: { Id: 'o-abc', MasterAccountId: CALLER } });
  org.on(ListAccountsCommand).resolves({ Accounts: [{ Id: CALLER, Status: 'ACTIVE' }] });
  org
    .on(ListRootsCommand)
    .resolves({ Roots: [{ Id: 'r-ab12', Name: 'Root', PolicyTypes: policyTypes as never }] });
  org.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
  org.on(ListAccountsForParentCommand).resolves({ Accounts: [{ Id: CALLER }] });
  org
    .on(ListPoliciesCommand)
    .resolves({ Policies: [{ Id: 'p-FullAWSAccess', Name: 'FullAWSAccess' }] });
  org.on(DescribePolicyCommand).resolves({ Policy: { Content: '{"Statement":[]}' } });
  org.on(ListTargetsForPolicyCommand).resolves({ Targets: [{ TargetId: 'r-ab12' }] });
}

afterEach(() => {
  org.reset();
});

describe('readOrganization', () => {
  it('an account in no organization is "not-in-organization", not an error', async () => {
    org.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException'));
    expect(await readOrganization(client(), CALLER)).toEqual({ kind: 'not-in-organization' });
  });

  it('a member that may not list accounts (neither management nor delegated administrator) is "unreadable" with the error', async () => {
    org
      .on(DescribeOrganizationCommand)
      .resolves({ Organization: { Id: 'o-abc', MasterAccountId: '999999999999' } });
    org.on(ListAccountsCommand).rejects(awsError('AccessDeniedException', 'not allowed'));
    const read = await readOrganization(client(), CALLER);
    expect(read).toEqual({
      kind: 'unreadable',
      errors: [
        {
          accountId: CALLER,
          call: 'organizations:ListAccounts',
          errorName: 'AccessDeniedException',
          message: 'not allowed',
        },
      ],
    });
  });

  it('reads only the policy types enabled on the root (a disabled type is not in effect)', async () => {
    mockHealthyOrganization([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    const read = await readOrganization(client(), CALLER);
    expect(read.kind).toBe('available');
    const filters = org.commandCalls(ListPoliciesCommand).map((call) => call.args[0].input.Filter);
    expect(filters).toEqual(['SERVICE_CONTROL_POLICY']);
    if (read.kind !== 'available') return;
    expect(read.file.Policies).toEqual([
      {
        Id: 'p-FullAWSAccess',
        Name: 'FullAWSAccess',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: '{"Statement":[]}',
        Targets: ['r-ab12'],
      },
    ]);
    expect(read.errors).toEqual([]);
  });

  it('with no policy type enabled, Policies is an empty list (organization policies not in effect)', async () => {
    mockHealthyOrganization([]);
    const read = await readOrganization(client(), CALLER);
    expect(org.commandCalls(ListPoliciesCommand)).toHaveLength(0);
    expect(read.kind === 'available' && read.file.Policies).toEqual([]);
  });

  it("leaves Policies out when a policy's targets cannot be read, and records the error", async () => {
    mockHealthyOrganization([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    org.on(ListTargetsForPolicyCommand).rejects(awsError('AccessDeniedException'));
    const read = await readOrganization(client(), CALLER);
    expect(read.kind).toBe('available');
    if (read.kind !== 'available') return;
    expect(read.file.Policies).toBeUndefined();
    expect(read.errors.map((e) => e.call)).toEqual(['organizations:ListTargetsForPolicy']);
  });

  it('leaves the tree out when a listing fails, keeping accounts', async () => {
    mockHealthyOrganization([]);
    org.on(ListAccountsForParentCommand).rejects(awsError('TooManyRequestsException'));
    const read = await readOrganization(client(), CALLER);
    if (read.kind !== 'available') throw new Error('expected available');
    expect(read.file.AccountParents).toBeUndefined();
    expect(read.file.OrganizationalUnits).toBeUndefined();
    expect(read.file.Accounts.map((a) => a.Id)).toEqual([CALLER]);
    expect(read.errors.map((e) => e.errorName)).toEqual(['TooManyRequestsException']);
  });

  it('drops an account whose id is not 12 digits (it would name a folder) and records it', async () => {
    mockHealthyOrganization([]);
    org.on(ListAccountsCommand).resolves({ Accounts: [{ Id: CALLER }, { Id: '../../etc' }] });
    const read = await readOrganization(client(), CALLER);
    if (read.kind !== 'available') throw new Error('expected available');
    expect(read.file.Accounts.map((a) => a.Id)).toEqual([CALLER]);
    expect(read.errors[0]).toMatchObject({
      errorName: 'InvalidAccountId',
      call: 'organizations:ListAccounts',
    });
  });
});

describe('isSuspendedAccount', () => {
  it.each([
    [{ Status: 'ACTIVE', State: 'ACTIVE' }, false],
    [{ Status: 'SUSPENDED' }, true],
    [{ Status: 'PENDING_CLOSURE' }, true],
    [{ State: 'CLOSED' }, true],
    [{ State: 'PENDING_ACTIVATION' }, false],
    [{}, false],
  ])('%j → %s', (account, expected) => {
    expect(isSuspendedAccount(account)).toBe(expected);
  });
});
