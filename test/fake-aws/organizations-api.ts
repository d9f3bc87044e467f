/**
 * Fake AWS Organizations (JSON 1.1: `X-Amz-Target: AWSOrganizationsV20161128.<Operation>`,
 * errors as `{"__type": …}`, timestamps as epoch seconds). Only the management account and
 * delegated administrators may list; any member may DescribeOrganization.
 */
import type { Scenario } from './scenario.js';
import { FakeApiError, pageOf, type FakeResponse, type FakeService } from './fake-request.js';

const TARGET_PREFIX = 'AWSOrganizationsV20161128.';

export function organizationsService(scenario: Scenario): FakeService {
  const org = scenario.organization;

  const json = (value: unknown): FakeResponse => ({
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(toWire(value)),
  });

  return {
    identify(req) {
      const target = String(req.headers['x-amz-target'] ?? '');
      return {
        operation: `organizations:${target.slice(TARGET_PREFIX.length)}`,
        accountId: req.callerAccount,
      };
    },
    error(_req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': error.code },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
    },
    respond(req, operation) {
      if (org === 'not-in-use' || !org.Accounts.some((a) => a.Id === req.callerAccount)) {
        throw new FakeApiError(
          'AWSOrganizationsNotInUseException',
          400,
          'Your account is not a member of an organization.',
        );
      }
      const input = (req.body === '' ? {} : JSON.parse(req.body)) as Record<string, unknown>;
      const token = typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined;
      const size = Math.min(
        scenario.pageSize.organizations,
        typeof input['MaxResults'] === 'number' ? input['MaxResults'] : 1000,
      );
      if (operation === 'organizations:DescribeOrganization') {
        return json({ Organization: org.Organization });
      }
      const mayList =
        req.callerAccount === org.Organization.MasterAccountId ||
        org.delegatedAdministrators.includes(req.callerAccount);
      if (!mayList) {
        throw new FakeApiError(
          'AccessDeniedException',
          400,
          "You don't have permissions to access this resource.",
        );
      }
      const parentId = typeof input['ParentId'] === 'string' ? input['ParentId'] : '';
      const policyId = typeof input['PolicyId'] === 'string' ? input['PolicyId'] : '';
      switch (operation) {
        case 'organizations:ListAccounts': {
          const page = pageOf(org.Accounts, token, size);
          return json({ Accounts: page.items, NextToken: page.next });
        }
        case 'organizations:ListRoots': {
          const page = pageOf(org.Roots, token, size);
          return json({ Roots: page.items, NextToken: page.next });
        }
        case 'organizations:ListOrganizationalUnitsForParent': {
          const ous = org.OrganizationalUnits.filter((ou) => ou.ParentId === parentId).map(
            (ou) => ({
              Id: ou.Id,
              Arn: `arn:${scenario.partition}:organizations::${org.Organization.MasterAccountId}:ou/${org.Organization.Id}/${ou.Id}`,
              Name: ou.Name,
            }),
          );
          const page = pageOf(ous, token, size);
          return json({ OrganizationalUnits: page.items, NextToken: page.next });
        }
        case 'organizations:ListAccountsForParent': {
          const accounts = org.Accounts.filter((a) => org.AccountParents[a.Id] === parentId);
          const page = pageOf(accounts, token, size);
          return json({ Accounts: page.items, NextToken: page.next });
        }
        case 'organizations:ListPolicies': {
          const policies = org.Policies.filter((p) => p.Type === input['Filter']).map((p) => ({
            Id: p.Id,
            Arn: `arn:${scenario.partition}:organizations::${org.Organization.MasterAccountId}:policy/${org.Organization.Id}/${p.Type.toLowerCase()}/${p.Id}`,
            Name: p.Name,
            Description: '',
            Type: p.Type,
            AwsManaged: p.Id.startsWith('p-FullAWSAccess') || p.Name === 'FullAWSAccess',
          }));
          const page = pageOf(policies, token, size);
          return json({ Policies: page.items, NextToken: page.next });
        }
        case 'organizations:DescribePolicy': {
          const policy = org.Policies.find((p) => p.Id === policyId);
          if (policy === undefined)
            throw new FakeApiError('PolicyNotFoundException', 400, 'no such policy');
          return json({
            Policy: {
              PolicySummary: { Id: policy.Id, Name: policy.Name, Type: policy.Type },
              Content: policy.Content,
            },
          });
        }
        case 'organizations:ListTargetsForPolicy': {
          const policy = org.Policies.find((p) => p.Id === policyId);
          if (policy === undefined)
            throw new FakeApiError('PolicyNotFoundException', 400, 'no such policy');
          const targets = policy.Targets.map((id) => ({
            TargetId: id,
            Arn: `arn:${scenario.partition}:organizations::${org.Organization.MasterAccountId}:target/${id}`,
            Name: id,
            Type: id.startsWith('r-')
              ? 'ROOT'
              : id.startsWith('ou-')
                ? 'ORGANIZATIONAL_UNIT'
                : 'ACCOUNT',
          }));
          const page = pageOf(targets, token, size);
          return json({ Targets: page.items, NextToken: page.next });
        }
        default:
          throw new FakeApiError('InvalidAction', 400, `the fake does not implement ${operation}`);
      }
    },
  };
}

/** JSON 1.1 carries timestamps as epoch seconds; the scenario holds CLI strings. */
function toWire(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => toWire(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v, k)]));
  }
  if (typeof value === 'string' && key.endsWith('Timestamp')) return Date.parse(value) / 1000;
  return value;
}
