/**
 * Fake EC2 (the EC2 query protocol: a form-encoded POST, XML answers whose lists are `<item>`
 * elements, `<Response><Errors>` errors), SNS and CloudFormation (the AWS query protocol, as IAM)
 * and Lambda (REST-JSON). Each answers from the calling account's data in the region the request
 * was signed for, with real pagination.
 */
import type { AccountData, RegionData, Scenario } from './scenario.js';
import {
  FakeApiError,
  pageOf,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
} from './fake-request.js';
import { escapeXml, queryError, queryResponse } from './xml.js';

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const AUTOSCALING_NS = 'http://autoscaling.amazonaws.com/doc/2011-01-01/';

function xml(body: string): FakeResponse {
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

function accountOf(scenario: Scenario, req: FakeRequest): AccountData {
  const account = scenario.account(req.callerAccount);
  if (account === undefined) {
    throw new FakeApiError(
      'AuthFailure',
      401,
      'AWS was not able to validate the provided access credentials',
    );
  }
  return account;
}

function regionOf(account: AccountData, req: FakeRequest): RegionData {
  return account.regional?.[req.region] ?? {};
}

function pageSize(scenario: Scenario, asked: string | null): number {
  const limit = scenario.pageSize.regional ?? 1000;
  return asked === null ? limit : Math.min(limit, Number(asked));
}

/** A form-encoded query request: `service:Action`. */
function identifyQuery(service: string, resourceKey?: string): FakeService['identify'] {
  return (req) => {
    const form = new URLSearchParams(req.body);
    const resource = resourceKey === undefined ? undefined : (form.get(resourceKey) ?? undefined);
    return {
      operation: `${service}:${form.get('Action') ?? ''}`,
      accountId: req.callerAccount,
      ...(resource === undefined ? {} : { resource }),
    };
  };
}

export function ec2Service(scenario: Scenario): FakeService {
  return {
    identify: identifyQuery('ec2', 'LaunchTemplateId'),
    error(req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml' },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code>` +
          `<Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${req.requestId}</RequestID></Response>`,
      };
    },
    respond(req, operation) {
      const account = accountOf(scenario, req);
      const form = new URLSearchParams(req.body);
      if (operation === 'ec2:DescribeRegions') {
        const items = (account.regions ?? ['us-east-1'])
          .map(
            (name) =>
              `<item><regionName>${name}</regionName><regionEndpoint>ec2.${name}.amazonaws.com</regionEndpoint>` +
              `<optInStatus>opt-in-not-required</optInStatus></item>`,
          )
          .join('');
        return xml(
          `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeRegionsResponse xmlns="${EC2_NS}"><requestId>${req.requestId}</requestId>` +
            `<regionInfo>${items}</regionInfo></DescribeRegionsResponse>`,
        );
      }
      if (operation === 'ec2:DescribeInstances') {
        const page = pageOf(
          regionOf(account, req).instances ?? [],
          form.get('NextToken'),
          pageSize(scenario, form.get('MaxResults')),
        );
        const reservations = page.items
          .map((instance, i) => {
            const profile =
              instance.IamInstanceProfile === undefined
                ? ''
                : `<iamInstanceProfile><arn>${escapeXml(instance.IamInstanceProfile.Arn)}</arn><id>${instance.IamInstanceProfile.Id}</id></iamInstanceProfile>`;
            const tags = (instance.Tags ?? [])
              .map(
                (tag) =>
                  `<item><key>${escapeXml(tag.Key)}</key><value>${escapeXml(tag.Value)}</value></item>`,
              )
              .join('');
            return (
              `<item><reservationId>r-${i}${instance.InstanceId}</reservationId><ownerId>${req.callerAccount}</ownerId>` +
              `<instancesSet><item><instanceId>${instance.InstanceId}</instanceId>` +
              `<instanceState><code>16</code><name>${instance.State}</name></instanceState>${profile}` +
              `${tags === '' ? '' : `<tagSet>${tags}</tagSet>`}</item></instancesSet></item>`
            );
          })
          .join('');
        return xml(
          `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="${EC2_NS}"><requestId>${req.requestId}</requestId>` +
            `<reservationSet>${reservations}</reservationSet>` +
            `${page.next === undefined ? '' : `<nextToken>${page.next}</nextToken>`}</DescribeInstancesResponse>`,
        );
      }
      if (operation === 'ec2:DescribeLaunchTemplates') {
        const page = pageOf(
          regionOf(account, req).launchTemplates ?? [],
          form.get('NextToken'),
          pageSize(scenario, form.get('MaxResults')),
        );
        const items = page.items
          .map((t) => {
            const tags = (t.Tags ?? [])
              .map(
                (tag) =>
                  `<item><key>${escapeXml(tag.Key)}</key><value>${escapeXml(tag.Value)}</value></item>`,
              )
              .join('');
            return (
              `<item><launchTemplateId>${t.LaunchTemplateId}</launchTemplateId><launchTemplateName>${escapeXml(t.LaunchTemplateName)}</launchTemplateName>` +
              `<defaultVersionNumber>${t.DefaultVersionNumber}</defaultVersionNumber>` +
              `<latestVersionNumber>${Math.max(...t.Versions.map((v) => v.VersionNumber))}</latestVersionNumber>` +
              `<tagSet>${tags}</tagSet></item>`
            );
          })
          .join('');
        return xml(
          `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeLaunchTemplatesResponse xmlns="${EC2_NS}"><requestId>${req.requestId}</requestId>` +
            `<launchTemplates>${items}</launchTemplates>` +
            `${page.next === undefined ? '' : `<nextToken>${page.next}</nextToken>`}</DescribeLaunchTemplatesResponse>`,
        );
      }
      if (operation === 'ec2:DescribeLaunchTemplateVersions') {
        const id = form.get('LaunchTemplateId');
        const template = (regionOf(account, req).launchTemplates ?? []).find(
          (t) => t.LaunchTemplateId === id,
        );
        if (template === undefined)
          throw new FakeApiError(
            'InvalidLaunchTemplateId.NotFound',
            400,
            `The specified launch template, with template ID ${id ?? ''}, does not exist.`,
          );
        const latest = Math.max(...template.Versions.map((v) => v.VersionNumber));
        const wanted = [...form.entries()]
          .filter(([k]) => k.startsWith('LaunchTemplateVersion.'))
          .map(([, v]) =>
            v === '$Latest' ? latest : v === '$Default' ? template.DefaultVersionNumber : Number(v),
          );
        const items = template.Versions.filter((v) => wanted.includes(v.VersionNumber))
          .map((v) => {
            const p = v.IamInstanceProfile;
            const profile =
              p === undefined
                ? ''
                : `<iamInstanceProfile>${p.Arn === undefined ? '' : `<arn>${escapeXml(p.Arn)}</arn>`}${p.Name === undefined ? '' : `<name>${escapeXml(p.Name)}</name>`}</iamInstanceProfile>`;
            return (
              `<item><launchTemplateId>${template.LaunchTemplateId}</launchTemplateId><versionNumber>${v.VersionNumber}</versionNumber>` +
              `<defaultVersion>${v.VersionNumber === template.DefaultVersionNumber}</defaultVersion>` +
              `<launchTemplateData>${profile}</launchTemplateData></item>`
            );
          })
          .join('');
        return xml(
          `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeLaunchTemplateVersionsResponse xmlns="${EC2_NS}"><requestId>${req.requestId}</requestId>` +
            `<launchTemplateVersionSet>${items}</launchTemplateVersionSet></DescribeLaunchTemplateVersionsResponse>`,
        );
      }
      throw new FakeApiError('InvalidAction', 400, `the fake does not implement ${operation}`);
    },
  };
}

/** EC2 Auto Scaling (the AWS query protocol): DescribeAutoScalingGroups, every page. */
export function autoscalingService(scenario: Scenario): FakeService {
  return {
    identify: identifyQuery('autoscaling'),
    error(req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml' },
        body: queryError(AUTOSCALING_NS, error.code, error.message, req.requestId),
      };
    },
    respond(req, operation) {
      const account = accountOf(scenario, req);
      const form = new URLSearchParams(req.body);
      if (operation !== 'autoscaling:DescribeAutoScalingGroups') {
        throw new FakeApiError('InvalidAction', 400, `the fake does not implement ${operation}`);
      }
      const page = pageOf(
        regionOf(account, req).autoScalingGroups ?? [],
        form.get('NextToken'),
        pageSize(scenario, form.get('MaxRecords')),
      );
      return xml(
        queryResponse(
          'DescribeAutoScalingGroups',
          AUTOSCALING_NS,
          {
            AutoScalingGroups: page.items.map(
              ({ expectedInstanceProfileArn: _p, expectedRoleArn: _r, ...group }) => group,
            ),
            ...(page.next === undefined ? {} : { NextToken: page.next }),
          },
          req.requestId,
        ),
      );
    },
  };
}

export function snsService(scenario: Scenario): FakeService {
  return {
    identify: identifyQuery('sns', 'TopicArn'),
    error(req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml' },
        body: queryError(SNS_NS, error.code, error.message, req.requestId),
      };
    },
    respond(req, operation) {
      const account = accountOf(scenario, req);
      const form = new URLSearchParams(req.body);
      const topics = regionOf(account, req).topics ?? [];
      if (operation === 'sns:ListTopics') {
        const page = pageOf(topics, form.get('NextToken'), pageSize(scenario, null));
        return xml(
          queryResponse(
            'ListTopics',
            SNS_NS,
            {
              Topics: page.items.map((t) => ({ TopicArn: t.TopicArn })),
              ...(page.next === undefined ? {} : { NextToken: page.next }),
            },
            req.requestId,
          ),
        );
      }
      if (operation === 'sns:GetTopicAttributes') {
        const topic = topics.find((t) => t.TopicArn === form.get('TopicArn'));
        if (topic === undefined) throw new FakeApiError('NotFound', 404, 'Topic does not exist');
        const attributes: Record<string, string | undefined> = {
          TopicArn: topic.TopicArn,
          Owner: req.callerAccount,
          Policy: topic.Policy,
          KmsMasterKeyId: topic.KmsMasterKeyId,
        };
        const entries = Object.entries(attributes)
          .filter(([, value]) => value !== undefined)
          .map(
            ([key, value]) =>
              `<entry><key>${key}</key><value>${escapeXml(value ?? '')}</value></entry>`,
          )
          .join('');
        return xml(
          `<?xml version="1.0" encoding="UTF-8"?>\n<GetTopicAttributesResponse xmlns="${SNS_NS}"><GetTopicAttributesResult>` +
            `<Attributes>${entries}</Attributes></GetTopicAttributesResult>` +
            `<ResponseMetadata><RequestId>${req.requestId}</RequestId></ResponseMetadata></GetTopicAttributesResponse>`,
        );
      }
      throw new FakeApiError('InvalidAction', 400, `the fake does not implement ${operation}`);
    },
  };
}

export function cloudformationService(scenario: Scenario): FakeService {
  return {
    identify: identifyQuery('cloudformation', 'StackSetName'),
    error(req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml' },
        body: queryError(CFN_NS, error.code, error.message, req.requestId),
      };
    },
    respond(req, operation) {
      const account = accountOf(scenario, req);
      const form = new URLSearchParams(req.body);
      if (operation !== 'cloudformation:DescribeStacks') {
        return stackSetCall(scenario, req, operation, regionOf(account, req), form);
      }
      const page = pageOf(
        regionOf(account, req).stacks ?? [],
        form.get('NextToken'),
        pageSize(scenario, null),
      );
      return xml(
        queryResponse(
          'DescribeStacks',
          CFN_NS,
          {
            Stacks: page.items.map((s) => ({ ...s, CreationTime: '2021-03-04T05:06:07Z' })),
            ...(page.next === undefined ? {} : { NextToken: page.next }),
          },
          req.requestId,
        ),
      );
    },
  };
}

/** ListStackSets (the `Status` filter), DescribeStackSet and ListStackInstances of one region. */
function stackSetCall(
  scenario: Scenario,
  req: FakeRequest,
  operation: string,
  region: RegionData,
  form: URLSearchParams,
): FakeResponse {
  const sets = region.stackSets ?? [];
  const named = (): NonNullable<RegionData['stackSets']>[number] => {
    const name = form.get('StackSetName');
    const set = sets.find((s) => s.StackSetName === name || s.StackSetARN === name);
    if (set === undefined)
      throw new FakeApiError('StackSetNotFoundException', 404, `StackSet ${name ?? ''} not found`);
    return set;
  };
  const answer = (action: string, result: Record<string, unknown>): FakeResponse =>
    xml(queryResponse(action, CFN_NS, result, req.requestId));
  if (operation === 'cloudformation:ListStackSets') {
    const status = form.get('Status');
    const page = pageOf(
      sets.filter((s) => status === null || s.Status === status),
      form.get('NextToken'),
      pageSize(scenario, form.get('MaxResults')),
    );
    return answer('ListStackSets', {
      Summaries: page.items.map((s) => ({
        StackSetName: s.StackSetName,
        StackSetId: s.StackSetARN.slice(s.StackSetARN.indexOf('/') + 1),
        Status: s.Status,
        ...(s.PermissionModel !== undefined ? { PermissionModel: s.PermissionModel } : {}),
      })),
      ...(page.next === undefined ? {} : { NextToken: page.next }),
    });
  }
  if (operation === 'cloudformation:DescribeStackSet') {
    const s = named();
    return answer('DescribeStackSet', {
      StackSet: {
        StackSetName: s.StackSetName,
        StackSetARN: s.StackSetARN,
        Status: s.Status,
        ...(s.PermissionModel !== undefined ? { PermissionModel: s.PermissionModel } : {}),
        ...(s.AdministrationRoleARN !== undefined
          ? { AdministrationRoleARN: s.AdministrationRoleARN }
          : {}),
        ...(s.ExecutionRoleName !== undefined ? { ExecutionRoleName: s.ExecutionRoleName } : {}),
      },
    });
  }
  if (operation === 'cloudformation:ListStackInstances') {
    const s = named();
    const page = pageOf(
      s.instances,
      form.get('NextToken'),
      pageSize(scenario, form.get('MaxResults')),
    );
    return answer('ListStackInstances', {
      Summaries: page.items.map((i) => ({
        StackSetId: s.StackSetARN.slice(s.StackSetARN.indexOf('/') + 1),
        Account: i.Account,
        Region: i.Region,
        Status: i.Status,
      })),
      ...(page.next === undefined ? {} : { NextToken: page.next }),
    });
  }
  throw new FakeApiError('InvalidAction', 400, `the fake does not implement ${operation}`);
}

/** ListFunctions is `GET /2015-03-31/functions/`; some SDK versions drop the trailing slash. */
const LAMBDA_FUNCTIONS = /^\/2015-03-31\/functions\/?$/;
/** ListEventSourceMappings is `GET /2015-03-31/event-source-mappings` (one listing per region). */
const LAMBDA_MAPPINGS = /^\/2015-03-31\/event-source-mappings\/?$/;

/**
 * GetPolicy is `GET /2015-03-31/functions/{name}/policy` (`?Qualifier=` for an alias's or a
 * version's); ListFunctionUrlConfigs `GET /2021-10-31/functions/{name}/urls`; ListAliases
 * `GET /2015-03-31/functions/{name}/aliases`; ListVersionsByFunction
 * `GET /2015-03-31/functions/{name}/versions`.
 */
const LAMBDA_FUNCTION_CALLS: readonly [RegExp, string][] = [
  [/^\/2015-03-31\/functions\/([^/]+)\/policy$/, 'lambda:GetPolicy'],
  [/^\/2021-10-31\/functions\/([^/]+)\/urls$/, 'lambda:ListFunctionUrlConfigs'],
  [/^\/2015-03-31\/functions\/([^/]+)\/aliases$/, 'lambda:ListAliases'],
  [/^\/2015-03-31\/functions\/([^/]+)\/versions$/, 'lambda:ListVersionsByFunction'],
];

export function lambdaService(scenario: Scenario): FakeService {
  const functionCallOf = (req: FakeRequest): { operation: string; name: string } | undefined => {
    for (const [pattern, operation] of LAMBDA_FUNCTION_CALLS) {
      const match = pattern.exec(req.path);
      if (match !== null) return { operation, name: decodeURIComponent(match[1]!) };
    }
    return undefined;
  };
  return {
    identify(req) {
      if (req.method === 'GET' && LAMBDA_FUNCTIONS.test(req.path)) {
        return { operation: 'lambda:ListFunctions', accountId: req.callerAccount };
      }
      if (req.method === 'GET' && LAMBDA_MAPPINGS.test(req.path))
        return { operation: 'lambda:ListEventSourceMappings', accountId: req.callerAccount };
      const call = functionCallOf(req);
      if (req.method === 'GET' && call !== undefined) {
        // An alias's or version's GetPolicy names its ARN (faults can target one such policy).
        const qualifier = req.query.get('Qualifier');
        const resource = qualifier === null ? call.name : `${call.name}:${qualifier}`;
        return { operation: call.operation, accountId: req.callerAccount, resource };
      }
      return { operation: 'lambda:Unsupported', accountId: req.callerAccount };
    },
    error(_req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
        body: JSON.stringify({ Type: 'User', message: error.message }),
      };
    },
    respond(req, operation) {
      const account = accountOf(scenario, req);
      const functions = regionOf(account, req).lambdaFunctions ?? [];
      /** One page of a Lambda listing (REST-JSON, `Marker` / `MaxItems` / `NextMarker`). */
      const listing = <T>(items: readonly T[], key: string, toJson: (item: T) => unknown) => {
        const page = pageOf(
          items,
          req.query.get('Marker'),
          pageSize(scenario, req.query.get('MaxItems')),
        );
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            [key]: page.items.map(toJson),
            ...(page.next === undefined ? {} : { NextMarker: page.next }),
          }),
        };
      };
      if (operation === 'lambda:ListFunctions') {
        return listing(functions, 'Functions', (f) => ({
          FunctionName: f.FunctionName,
          FunctionArn: f.FunctionArn,
          Role: f.Role,
          Runtime: 'python3.12',
        }));
      }
      if (operation === 'lambda:ListEventSourceMappings') {
        const mappings = regionOf(account, req).eventSourceMappings ?? [];
        return listing(mappings, 'EventSourceMappings', (m) => ({
          ...m,
          BatchSize: 10,
          LastModified: 1772600767,
        }));
      }
      const name = functionCallOf(req)?.name;
      const fn = functions.find((f) => f.FunctionArn === name || f.FunctionName === name);
      if (
        operation === 'lambda:ListFunctionUrlConfigs' ||
        operation === 'lambda:ListAliases' ||
        operation === 'lambda:ListVersionsByFunction'
      ) {
        if (fn === undefined) {
          throw new FakeApiError(
            'ResourceNotFoundException',
            404,
            `Function not found: ${name ?? ''}`,
          );
        }
        if (operation === 'lambda:ListVersionsByFunction') {
          const versions = [{ Version: '$LATEST' }, ...(fn.Versions ?? [])];
          return listing(versions, 'Versions', (v) => ({
            FunctionName: fn.FunctionName,
            FunctionArn: `${fn.FunctionArn}:${v.Version}`,
            Version: v.Version,
            Role: fn.Role,
            Runtime: 'python3.12',
          }));
        }
        if (operation === 'lambda:ListAliases') {
          return listing(fn.Aliases ?? [], 'Aliases', (a) => ({
            AliasArn: `${fn.FunctionArn}:${a.Name}`,
            Name: a.Name,
            FunctionVersion: a.FunctionVersion,
            Description: '',
            RevisionId: 'rev-1',
          }));
        }
        return listing(fn.Urls ?? [], 'FunctionUrlConfigs', (u) => ({
          ...u,
          CreationTime: '2026-03-04T05:06:07.000Z',
          LastModifiedTime: '2026-03-04T05:06:07.000Z',
          InvokeMode: 'BUFFERED',
        }));
      }
      if (operation === 'lambda:GetPolicy') {
        // With ?Qualifier= the alias's or version's own policy, else the function's.
        const qualifier = req.query.get('Qualifier');
        const policy =
          qualifier === null
            ? fn?.Policy
            : /^[0-9]+$/.test(qualifier)
              ? fn?.Versions?.find((v) => v.Version === qualifier)?.Policy
              : fn?.Aliases?.find((a) => a.Name === qualifier)?.Policy;
        if (policy === undefined) {
          throw new FakeApiError(
            'ResourceNotFoundException',
            404,
            'The resource you requested does not exist.',
          );
        }
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ Policy: policy, RevisionId: 'rev-1' }),
        };
      }
      throw new FakeApiError('InvalidAction', 400, `the fake does not implement ${operation}`);
    },
  };
}
