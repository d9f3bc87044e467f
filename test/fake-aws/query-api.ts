/**
 * Fake IAM and STS (AWS query protocol: a form-encoded POST with `Action=…`, XML responses,
 * `<ErrorResponse>` errors). IAM answers from the calling account's data; AssumeRole checks the
 * role name and ExternalId against the scenario's audit role and hands out session keys that
 * encode the target account.
 */
import { randomBytes } from 'node:crypto';
import type { IamData, Scenario } from './scenario.js';
import {
  FakeApiError,
  pageOf,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
} from './fake-request.js';
import { queryError, queryResponse } from './xml.js';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function formOf(req: FakeRequest): URLSearchParams {
  return new URLSearchParams(req.body);
}

function xml(body: string): FakeResponse {
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

export function iamService(scenario: Scenario): FakeService {
  return {
    identify(req) {
      const form = formOf(req);
      const action = form.get('Action') ?? '';
      const resource = form.get('OpenIDConnectProviderArn') ?? undefined;
      return {
        operation: `iam:${action}`,
        accountId: req.callerAccount,
        ...(resource === undefined ? {} : { resource }),
      };
    },
    error(req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml' },
        body: queryError(IAM_NS, error.code, error.message, req.requestId),
      };
    },
    respond(req, operation) {
      const form = formOf(req);
      const account = scenario.account(req.callerAccount);
      if (account === undefined)
        throw new FakeApiError(
          'InvalidClientTokenId',
          403,
          'The security token included in the request is invalid.',
        );
      const action = operation.slice('iam:'.length);
      switch (action) {
        case 'GetAccountAuthorizationDetails': {
          const items = flatten(account.iam);
          const maxItems = Number(form.get('MaxItems') ?? '100');
          const page = pageOf(items, form.get('Marker'), Math.min(maxItems, scenario.pageSize.iam));
          const result: Record<string, unknown> = {
            UserDetailList: page.items
              .filter((i) => i.list === 'UserDetailList')
              .map((i) => i.item),
            GroupDetailList: page.items
              .filter((i) => i.list === 'GroupDetailList')
              .map((i) => i.item),
            RoleDetailList: page.items
              .filter((i) => i.list === 'RoleDetailList')
              .map((i) => i.item),
            Policies: page.items.filter((i) => i.list === 'Policies').map((i) => i.item),
            IsTruncated: page.next !== undefined,
            ...(page.next === undefined ? {} : { Marker: page.next }),
          };
          return xml(queryResponse(action, IAM_NS, result, req.requestId));
        }
        case 'ListOpenIDConnectProviders':
          return xml(
            queryResponse(
              action,
              IAM_NS,
              { OpenIDConnectProviderList: account.oidcProviders.map((p) => ({ Arn: p.Arn })) },
              req.requestId,
            ),
          );
        case 'GetOpenIDConnectProvider': {
          const arn = form.get('OpenIDConnectProviderArn');
          const provider = account.oidcProviders.find((p) => p.Arn === arn);
          if (provider === undefined)
            throw new FakeApiError(
              'NoSuchEntity',
              404,
              `OpenIDConnect provider not found for arn ${arn ?? ''}`,
            );
          return xml(
            queryResponse(
              action,
              IAM_NS,
              {
                Url: provider.Url,
                ClientIDList: provider.ClientIDList,
                ThumbprintList: provider.ThumbprintList,
                CreateDate: provider.CreateDate,
              },
              req.requestId,
            ),
          );
        }
        case 'ListSAMLProviders':
          return xml(
            queryResponse(
              action,
              IAM_NS,
              { SAMLProviderList: account.samlProviders },
              req.requestId,
            ),
          );
        default:
          throw new FakeApiError('InvalidAction', 400, `the fake does not implement ${operation}`);
      }
    },
  };
}

type ListName = keyof IamData;

function flatten(iam: IamData): { list: ListName; item: unknown }[] {
  const lists: ListName[] = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'];
  return lists.flatMap((list) => iam[list].map((item) => ({ list, item })));
}

export function stsService(scenario: Scenario): FakeService {
  let sessions = 0;
  const targetOf = (req: FakeRequest): string | undefined => {
    const roleArn = formOf(req).get('RoleArn') ?? '';
    return /^arn:[^:]+:iam::(\d{12}):role\/.+$/.exec(roleArn)?.[1];
  };
  return {
    identify(req) {
      const action = formOf(req).get('Action') ?? '';
      const accountId =
        action === 'AssumeRole' ? (targetOf(req) ?? req.callerAccount) : req.callerAccount;
      return { operation: `sts:${action}`, accountId };
    },
    error(req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml' },
        body: queryError(STS_NS, error.code, error.message, req.requestId),
      };
    },
    respond(req, operation) {
      const form = formOf(req);
      if (operation === 'sts:GetCallerIdentity') {
        const assumed = req.accessKeyId.startsWith('ASIA');
        const arn = assumed
          ? `arn:${scenario.partition}:sts::${req.callerAccount}:assumed-role/session/${req.accessKeyId}`
          : scenario.caller.arn;
        return xml(
          queryResponse(
            'GetCallerIdentity',
            STS_NS,
            { UserId: `AIDA${req.callerAccount}`, Account: req.callerAccount, Arn: arn },
            req.requestId,
          ),
        );
      }
      if (operation !== 'sts:AssumeRole')
        throw new FakeApiError('InvalidAction', 400, `the fake does not implement ${operation}`);
      const roleArn = form.get('RoleArn') ?? '';
      const target = targetOf(req);
      const account = target === undefined ? undefined : scenario.account(target);
      const roleName = roleArn.split(':role/')[1] ?? '';
      const denied = (): FakeApiError =>
        new FakeApiError(
          'AccessDenied',
          403,
          `User: ${scenario.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        );
      if (account?.auditRole === undefined || account.auditRole.name !== roleName) throw denied();
      if (
        account.auditRole.externalId !== undefined &&
        account.auditRole.externalId !== form.get('ExternalId')
      )
        throw denied();
      sessions += 1;
      const keyId = `ASIA${target}${sessions.toString(36).toUpperCase().padStart(4, '0').slice(-4)}`;
      const expiration = new Date(Date.now() + 3600_000).toISOString();
      return xml(
        queryResponse(
          'AssumeRole',
          STS_NS,
          {
            Credentials: {
              AccessKeyId: keyId,
              SecretAccessKey: randomBytes(20).toString('hex'),
              SessionToken: randomBytes(32).toString('base64'),
              Expiration: expiration,
            },
            AssumedRoleUser: {
              AssumedRoleId: `AROA${target}:${form.get('RoleSessionName') ?? ''}`,
              Arn: `arn:${scenario.partition}:sts::${target}:assumed-role/${roleName}/${form.get('RoleSessionName') ?? ''}`,
            },
          },
          req.requestId,
        ),
      );
    },
  };
}
