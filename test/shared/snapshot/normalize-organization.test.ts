/**
 * normalizeOrganization: accounts, roots, OUs, account places, SCPs and RCPs with targets; what
 * is in effect and what is reported.
 */
import { describe, expect, it } from 'vitest';
import { FileReader } from '../../../shared/snapshot/json-reader.js';
import { normalizeOrganization } from '../../../shared/snapshot/normalize-organization.js';
import type { LoadIssue, Organization } from '../../../shared/snapshot/types.js';

const FULL = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

function load(raw: unknown): { org: Organization | undefined; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  return { org: normalizeOrganization(raw, new FileReader('organization.json', issues)), issues };
}
const at = (issues: LoadIssue[]): [string, string][] => issues.map((i) => [i.severity, i.path]);

describe('normalizeOrganization', () => {
  it('reads the organization as the AWS CLI prints its parts', () => {
    const { org, issues } = load({
      Organization: {
        Id: 'o-abc',
        Arn: 'arn:aws:organizations::111111111111:organization/o-abc',
        MasterAccountId: '111111111111',
        FeatureSet: 'ALL',
      },
      Accounts: [
        {
          Id: '111111111111',
          Name: 'mgmt',
          Email: 'm@example.com',
          Status: 'ACTIVE',
          Arn: 'arn:aws:organizations::111111111111:account/o-abc/111111111111',
        },
        { Id: '222222222222', Name: 'closed', State: 'SUSPENDED' },
      ],
      Roots: [
        {
          Id: 'r-ab12',
          Name: 'Root',
          PolicyTypes: [
            { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
            { Type: 'RESOURCE_CONTROL_POLICY', Status: 'PENDING_DISABLE' },
          ],
        },
      ],
      OrganizationalUnits: [{ Id: 'ou-ab12-11111111', Name: 'Prod', ParentId: 'r-ab12' }],
      AccountParents: { '111111111111': 'r-ab12', '222222222222': 'ou-ab12-11111111' },
      Policies: [
        {
          Id: 'p-FullAWSAccess',
          Name: 'FullAWSAccess',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: JSON.stringify(FULL),
          Targets: ['r-ab12', 'ou-ab12-11111111'],
        },
        {
          Id: 'p-RCPFullAWSAccess',
          Name: 'RCPFullAWSAccess',
          Type: 'RESOURCE_CONTROL_POLICY',
          Content: FULL,
          Targets: [{ TargetId: 'r-ab12', Type: 'ROOT' }],
        },
        { Id: 'p-tag', Name: 'Tags', Type: 'TAG_POLICY', Content: '{}', Targets: ['r-ab12'] },
      ],
    });
    expect(issues).toEqual([]);
    expect(org).toEqual({
      id: 'o-abc',
      arn: 'arn:aws:organizations::111111111111:organization/o-abc',
      managementAccountId: '111111111111',
      enabledPolicyTypes: ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'],
      accounts: [
        {
          id: '111111111111',
          name: 'mgmt',
          email: 'm@example.com',
          status: 'ACTIVE',
          arn: 'arn:aws:organizations::111111111111:account/o-abc/111111111111',
        },
        { id: '222222222222', name: 'closed', status: 'SUSPENDED' },
      ],
      roots: [{ id: 'r-ab12', name: 'Root' }],
      ous: [{ id: 'ou-ab12-11111111', name: 'Prod', parentId: 'r-ab12' }],
      accountParents: { '111111111111': 'r-ab12', '222222222222': 'ou-ab12-11111111' },
      policies: [
        {
          id: 'p-FullAWSAccess',
          name: 'FullAWSAccess',
          type: 'SERVICE_CONTROL_POLICY',
          document: FULL,
          targets: ['r-ab12', 'ou-ab12-11111111'],
        },
        {
          id: 'p-RCPFullAWSAccess',
          name: 'RCPFullAWSAccess',
          type: 'RESOURCE_CONTROL_POLICY',
          document: FULL,
          targets: ['r-ab12'],
        },
      ],
    });
  });

  it('leaves out policies of a type the root does not enable (AWS detaches them)', () => {
    const { org, issues } = load({
      Roots: [
        {
          Id: 'r-ab12',
          PolicyTypes: [
            { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
            { Type: 'RESOURCE_CONTROL_POLICY', Status: 'PENDING_ENABLE' },
          ],
        },
      ],
      Policies: [
        {
          Id: 'p-RCPFullAWSAccess',
          Name: 'RCPFullAWSAccess',
          Type: 'RESOURCE_CONTROL_POLICY',
          Content: FULL,
          Targets: ['r-ab12'],
        },
      ],
    });
    expect(org?.policies).toEqual([]);
    expect(at(issues)).toEqual([['warning', '$.Policies']]);
  });

  it('keeps every policy when the roots do not say which types are enabled', () => {
    const { org } = load({
      Roots: [{ Id: 'r-ab12' }],
      Policies: [
        {
          Id: 'p-1',
          Name: 'X',
          Type: 'RESOURCE_CONTROL_POLICY',
          Content: FULL,
          Targets: ['r-ab12'],
        },
      ],
    });
    expect(org?.policies).toHaveLength(1);
  });

  it('keeps an SCP whose content cannot be decoded, without a document, so its type stays in effect', () => {
    const { org, issues } = load({
      Policies: [
        {
          Id: 'p-1',
          Name: 'Broken',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: '{"Statement": [}',
          Targets: ['r-ab12'],
        },
      ],
    });
    expect(org?.policies).toEqual([
      { id: 'p-1', name: 'Broken', type: 'SERVICE_CONTROL_POLICY', targets: ['r-ab12'] },
    ]);
    expect(at(issues)).toEqual([['error', '$.Policies[0].Content']]);
    expect(issues[0]?.message).toContain(
      'SCP "Broken" is loaded without its content: it is taken as allowing nothing',
    );
  });

  it('reports policies without a type, id, name or targets', () => {
    const { org, issues } = load({
      Policies: [
        { Id: 'p-1', Name: 'NoType', Content: FULL, Targets: ['r-ab12'] },
        { Name: 'NoId', Type: 'SERVICE_CONTROL_POLICY', Content: FULL, Targets: ['r-ab12'] },
        { Id: 'p-3', Type: 'SERVICE_CONTROL_POLICY', Content: FULL },
      ],
    });
    expect(org?.policies.map((p) => [p.id, p.name, p.targets])).toEqual([
      ['policy-1', 'NoId', ['r-ab12']],
      ['p-3', 'p-3', []],
    ]);
    expect(at(issues)).toEqual([
      ['error', '$.Policies[0].Type'],
      ['error', '$.Policies[1].Id'],
      ['warning', '$.Policies[2].Name'],
      ['error', '$.Policies[2].Targets'],
    ]);
  });

  it('accepts only 12-digit account ids, reported at their path', () => {
    const { org, issues } = load({
      Organization: { MasterAccountId: 'mgmt' },
      Accounts: [
        { Id: 111111111111 },
        { Id: '2222' },
        { Id: '333333333333' },
        { Id: '333333333333' },
      ],
      AccountParents: { nope: 'r-1', '333333333333': 'r-1' },
      OrganizationalUnits: [
        { Id: 'ou-1', Name: 'NoParent' },
        { Id: 'ou-2', ParentId: 'r-1' },
      ],
    });
    expect(org?.managementAccountId).toBeUndefined();
    expect(org?.accounts.map((a) => a.id)).toEqual(['333333333333']);
    expect(org?.accountParents).toEqual({ '333333333333': 'r-1' });
    expect(org?.ous).toEqual([{ id: 'ou-2', name: 'ou-2', parentId: 'r-1' }]);
    expect(at(issues)).toEqual([
      ['error', '$.Organization.MasterAccountId'],
      ['error', '$.Accounts[0].Id'],
      ['error', '$.Accounts[1].Id'],
      ['warning', '$.Accounts[3]'],
      ['error', '$.OrganizationalUnits[0].ParentId'],
      ['warning', '$.OrganizationalUnits[1].Name'],
      ['error', '$.AccountParents.nope'],
    ]);
  });

  it('refuses a file that is not an object', () => {
    const { org, issues } = load([]);
    expect(org).toBeUndefined();
    expect(at(issues)).toEqual([['error', '$']]);
  });
});
