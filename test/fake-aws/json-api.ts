/**
 * Fake AWS services that speak the JSON protocols (1.0 and 1.1: a POST with
 * `X-Amz-Target: <Prefix>.<Operation>`, a JSON body, errors as `{"__type": …}` with
 * `x-amzn-errortype`, timestamps as epoch seconds): KMS, Secrets Manager, SQS (JSON 1.0 in
 * current SDKs), ECS, CodeBuild, Glue, SageMaker, App Runner, ECR, and IAM Identity Center
 * (sso-admin, signed as `sso`, and identitystore). Each answers from the calling account's data
 * in the region the request was signed for, with real pagination.
 */
import type { AccountData, Json, RegionData, Scenario } from './scenario.js';
import {
  FakeApiError,
  pageOf,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
} from './fake-request.js';

type Input = Record<string, unknown>;
type Handler = (input: Input, context: HandlerContext) => unknown;

interface HandlerContext {
  req: FakeRequest;
  account: AccountData;
  region: RegionData;
  page<T>(items: readonly T[], tokenKey?: string, sizeKey?: string): { items: T[]; next?: string };
}

/** Keys whose values are timestamps (held as CLI strings, sent as epoch seconds). */
const TIMESTAMP_KEYS = new Set(['CreationDate', 'createdAt', 'CreatedDate', 'LastChangedDate']);

function toWire(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => toWire(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v, k)]));
  }
  if (typeof value === 'string' && TIMESTAMP_KEYS.has(key)) return Date.parse(value) / 1000;
  return value;
}

/** A JSON-protocol service answering with `handlers[Operation]`. */
export function jsonService(
  signingName: string,
  scenario: Scenario,
  handlers: Record<string, Handler>,
  options: { resourceOf?: (input: Input) => string | undefined } = {},
): FakeService {
  const inputOf = (req: FakeRequest): Input =>
    req.body === '' ? {} : (JSON.parse(req.body) as Input);
  return {
    identify(req) {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.lastIndexOf('.') + 1);
      const resource = options.resourceOf?.(inputOf(req));
      return {
        operation: `${signingName}:${operation}`,
        accountId: req.callerAccount,
        ...(resource === undefined ? {} : { resource }),
      };
    },
    error(_req, error) {
      return {
        status: error.status,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': error.code,
        },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
    },
    respond(req, operation): FakeResponse {
      const account = scenario.account(req.callerAccount);
      if (account === undefined) {
        throw new FakeApiError(
          'UnrecognizedClientException',
          400,
          'The security token included in the request is invalid.',
        );
      }
      const handler = handlers[operation.slice(signingName.length + 1)];
      if (handler === undefined) {
        throw new FakeApiError('InvalidAction', 400, `the fake does not implement ${operation}`);
      }
      const input = inputOf(req);
      const context: HandlerContext = {
        req,
        account,
        region: account.regional?.[req.region] ?? {},
        page(items, tokenKey = 'NextToken', sizeKey = 'MaxResults') {
          const asked = input[sizeKey];
          const size = Math.min(
            scenario.pageSize.regional ?? 1000,
            typeof asked === 'number' ? asked : 1000,
          );
          const token = input[tokenKey];
          const page = pageOf(items, typeof token === 'string' ? token : undefined, size);
          return page.next === undefined ? { items: page.items } : page;
        },
      };
      const output = handler(input, context);
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(toWire(output)),
      };
    },
  };
}

export const notFound = (code: string, message: string): FakeApiError =>
  new FakeApiError(code, 400, message);

export function kmsService(scenario: Scenario): FakeService {
  const keyOf = (ctx: HandlerContext, id: unknown) => {
    const key = (ctx.region.kmsKeys ?? []).find((k) => k.Arn === id || k.KeyId === id);
    if (key === undefined)
      throw notFound('NotFoundException', `Key '${String(id)}' does not exist`);
    return key;
  };
  const marker = (page: { items: unknown[]; next?: string }, list: string) => ({
    [list]: page.items,
    Truncated: page.next !== undefined,
    ...(page.next === undefined ? {} : { NextMarker: page.next }),
  });
  return jsonService(
    'kms',
    scenario,
    {
      ListKeys: (_input, ctx) =>
        marker(
          ctx.page(
            (ctx.region.kmsKeys ?? []).map((k) => ({ KeyId: k.KeyId, KeyArn: k.Arn })),
            'Marker',
            'Limit',
          ),
          'Keys',
        ),
      ListAliases: (_input, ctx) =>
        marker(
          ctx.page(
            (ctx.region.kmsKeys ?? []).flatMap((k) =>
              k.Aliases.map((alias) => ({
                AliasName: alias,
                AliasArn: `arn:${scenario.partition}:kms:${ctx.req.region}:${ctx.req.callerAccount}:${alias}`,
                TargetKeyId: k.KeyId,
              })),
            ),
            'Marker',
            'Limit',
          ),
          'Aliases',
        ),
      DescribeKey: (input, ctx) => {
        const key = keyOf(ctx, input['KeyId']);
        return {
          KeyMetadata: {
            AWSAccountId: ctx.req.callerAccount,
            KeyId: key.KeyId,
            Arn: key.Arn,
            KeyManager: key.KeyManager,
            KeyState: 'Enabled',
            Enabled: true,
            KeyUsage: 'ENCRYPT_DECRYPT',
          },
        };
      },
      GetKeyPolicy: (input, ctx) => {
        const key = keyOf(ctx, input['KeyId']);
        if (input['PolicyName'] !== undefined && input['PolicyName'] !== 'default') {
          throw notFound('NotFoundException', 'No such policy exists');
        }
        return { Policy: key.Policy, PolicyName: 'default' };
      },
      ListGrants: (input, ctx) =>
        marker(ctx.page(keyOf(ctx, input['KeyId']).Grants, 'Marker', 'Limit'), 'Grants'),
    },
    { resourceOf: (input) => (typeof input['KeyId'] === 'string' ? input['KeyId'] : undefined) },
  );
}

export function secretsManagerService(scenario: Scenario): FakeService {
  return jsonService(
    'secretsmanager',
    scenario,
    {
      ListSecrets: (_input, ctx) => {
        const page = ctx.page(
          (ctx.region.secrets ?? []).map((s) => ({
            ARN: s.ARN,
            Name: s.Name,
            ...(s.KmsKeyId === undefined ? {} : { KmsKeyId: s.KmsKeyId }),
          })),
        );
        return { SecretList: page.items, NextToken: page.next };
      },
      GetResourcePolicy: (input, ctx) => {
        const secret = (ctx.region.secrets ?? []).find((s) => s.ARN === input['SecretId']);
        if (secret === undefined) {
          throw notFound(
            'ResourceNotFoundException',
            "Secrets Manager can't find the specified secret.",
          );
        }
        return {
          ARN: secret.ARN,
          Name: secret.Name,
          ...(secret.ResourcePolicy === undefined ? {} : { ResourcePolicy: secret.ResourcePolicy }),
        };
      },
    },
    {
      resourceOf: (input) =>
        typeof input['SecretId'] === 'string' ? input['SecretId'] : undefined,
    },
  );
}

export function sqsService(scenario: Scenario): FakeService {
  return jsonService(
    'sqs',
    scenario,
    {
      ListQueues: (_input, ctx) => {
        const host = ctx.req.headers.host ?? '127.0.0.1';
        const page = ctx.page(
          (ctx.region.queues ?? []).map(
            (q) => `http://${host}/${ctx.req.callerAccount}/${q.QueueName}`,
          ),
        );
        return { QueueUrls: page.items, NextToken: page.next };
      },
      GetQueueAttributes: (input, ctx) => {
        const url = input['QueueUrl'];
        const name = typeof url === 'string' ? url.split('/').pop() : undefined;
        const queue = (ctx.region.queues ?? []).find((q) => q.QueueName === name);
        if (queue === undefined) {
          throw notFound('QueueDoesNotExist', 'The specified queue does not exist.');
        }
        const wanted = (input['AttributeNames'] as string[] | undefined) ?? [];
        const all: Record<string, string | undefined> = {
          QueueArn: queue.QueueArn,
          Policy: queue.Policy,
          KmsMasterKeyId: queue.KmsMasterKeyId,
          VisibilityTimeout: '30',
        };
        const attributes: Record<string, string> = {};
        for (const [key, value] of Object.entries(all)) {
          if (value !== undefined && (wanted.includes('All') || wanted.includes(key))) {
            attributes[key] = value;
          }
        }
        return { Attributes: attributes };
      },
    },
    {
      resourceOf: (input) =>
        typeof input['QueueUrl'] === 'string' ? input['QueueUrl'].split('/').pop() : undefined,
    },
  );
}

export function ecrService(scenario: Scenario): FakeService {
  return jsonService(
    'ecr',
    scenario,
    {
      DescribeRepositories: (_input, ctx) => {
        const page = ctx.page(
          (ctx.region.repositories ?? []).map((r) => ({
            repositoryName: r.repositoryName,
            repositoryArn: r.repositoryArn,
            registryId: ctx.req.callerAccount,
            encryptionConfiguration:
              r.kmsKey === undefined
                ? { encryptionType: 'AES256' }
                : { encryptionType: 'KMS', kmsKey: r.kmsKey },
          })),
          'nextToken',
          'maxResults',
        );
        return { repositories: page.items, nextToken: page.next };
      },
      GetRepositoryPolicy: (input, ctx) => {
        const repository = (ctx.region.repositories ?? []).find(
          (r) => r.repositoryName === input['repositoryName'],
        );
        if (repository === undefined) {
          throw notFound('RepositoryNotFoundException', 'The repository does not exist');
        }
        if (repository.policyText === undefined) {
          throw notFound(
            'RepositoryPolicyNotFoundException',
            'Repository policy does not exist for the repository',
          );
        }
        return {
          registryId: ctx.req.callerAccount,
          repositoryName: repository.repositoryName,
          policyText: repository.policyText,
        };
      },
    },
    {
      resourceOf: (input) =>
        typeof input['repositoryName'] === 'string' ? input['repositoryName'] : undefined,
    },
  );
}

export function ecsService(scenario: Scenario): FakeService {
  const definitionOf = (ctx: HandlerContext, arn: unknown) => {
    const definition = (ctx.region.taskDefinitions ?? []).find((d) => d.taskDefinitionArn === arn);
    if (definition === undefined) {
      throw notFound('ClientException', 'Unable to describe task definition.');
    }
    return definition;
  };
  return jsonService('ecs', scenario, {
    ListTaskDefinitions: (_input, ctx) => {
      const page = ctx.page(
        (ctx.region.taskDefinitions ?? []).map((d) => d.taskDefinitionArn),
        'nextToken',
        'maxResults',
      );
      return { taskDefinitionArns: page.items, nextToken: page.next };
    },
    DescribeTaskDefinition: (input, ctx) => ({
      taskDefinition: definitionOf(ctx, input['taskDefinition']),
    }),
    ListClusters: (_input, ctx) => {
      const page = ctx.page(
        (ctx.region.ecsClusters ?? []).map((c) => c.clusterArn),
        'nextToken',
        'maxResults',
      );
      return { clusterArns: page.items, nextToken: page.next };
    },
    ListContainerInstances: (input, ctx) => {
      const cluster = (ctx.region.ecsClusters ?? []).find((c) => c.clusterArn === input['cluster']);
      if (cluster === undefined) throw notFound('ClusterNotFoundException', 'Cluster not found.');
      const id = cluster.clusterArn.slice(cluster.clusterArn.lastIndexOf('/') + 1);
      const arns = Array.from(
        { length: input['status'] === 'DRAINING' ? 0 : (cluster.containerInstances ?? 0) },
        (_, i) =>
          cluster.clusterArn.replace(':cluster/', ':container-instance/') +
          `/${id}-${String(i).padStart(4, '0')}`,
      );
      const page = ctx.page(arns, 'nextToken', 'maxResults');
      return { containerInstanceArns: page.items, nextToken: page.next };
    },
    ListServices: (input, ctx) => {
      const cluster = (ctx.region.ecsClusters ?? []).find((c) => c.clusterArn === input['cluster']);
      if (cluster === undefined) throw notFound('ClusterNotFoundException', 'Cluster not found.');
      const page = ctx.page(
        cluster.services.map((s) => s.serviceArn),
        'nextToken',
        'maxResults',
      );
      return { serviceArns: page.items, nextToken: page.next };
    },
    DescribeServices: (input, ctx) => {
      const cluster = (ctx.region.ecsClusters ?? []).find((c) => c.clusterArn === input['cluster']);
      if (cluster === undefined) throw notFound('ClusterNotFoundException', 'Cluster not found.');
      const wanted = (input['services'] as string[] | undefined) ?? [];
      if (wanted.length > 10) {
        throw new FakeApiError('InvalidParameterException', 400, 'at most 10 services');
      }
      return {
        services: cluster.services
          .filter((s) => wanted.includes(s.serviceArn) || wanted.includes(s.serviceName))
          .map(({ expectedRoleArn: _role, ...service }) => ({
            ...service,
            clusterArn: cluster.clusterArn,
          })),
        failures: [],
      };
    },
  });
}

export function codebuildService(scenario: Scenario): FakeService {
  return jsonService('codebuild', scenario, {
    ListProjects: (_input, ctx) => {
      const page = ctx.page(
        (ctx.region.codebuildProjects ?? []).map((p) => p.name),
        'nextToken',
        'maxResults',
      );
      return { projects: page.items, nextToken: page.next };
    },
    BatchGetProjects: (input, ctx) => {
      const names = (input['names'] as string[] | undefined) ?? [];
      if (names.length > 100) {
        throw new FakeApiError('InvalidInputException', 400, 'at most 100 names');
      }
      const projects = (ctx.region.codebuildProjects ?? []).filter((p) => names.includes(p.name));
      return {
        projects,
        projectsNotFound: names.filter((n) => !projects.some((p) => p.name === n)),
      };
    },
  });
}

export function glueService(scenario: Scenario): FakeService {
  return jsonService('glue', scenario, {
    GetJobs: (_input, ctx) => {
      const page = ctx.page(
        (ctx.region.glueJobs ?? []).map(({ expectedRoleArn: _role, ...job }) => ({
          ...job,
          Command: { Name: 'glueetl' },
        })),
      );
      return { Jobs: page.items, NextToken: page.next };
    },
    GetDevEndpoints: (_input, ctx) => {
      const page = ctx.page(ctx.region.glueDevEndpoints ?? []);
      return { DevEndpoints: page.items, NextToken: page.next };
    },
  });
}

export function sagemakerService(scenario: Scenario): FakeService {
  return jsonService(
    'sagemaker',
    scenario,
    {
      ListNotebookInstances: (_input, ctx) => {
        const page = ctx.page(
          (ctx.region.notebooks ?? []).map((n) => ({
            NotebookInstanceName: n.NotebookInstanceName,
            NotebookInstanceArn: n.NotebookInstanceArn,
            NotebookInstanceStatus: 'InService',
          })),
        );
        return { NotebookInstances: page.items, NextToken: page.next };
      },
      DescribeNotebookInstance: (input, ctx) => {
        const notebook = (ctx.region.notebooks ?? []).find(
          (n) => n.NotebookInstanceName === input['NotebookInstanceName'],
        );
        if (notebook === undefined) {
          throw notFound('ValidationException', 'RecordNotFound');
        }
        return { ...notebook, NotebookInstanceStatus: 'InService' };
      },
    },
    {
      resourceOf: (input) =>
        typeof input['NotebookInstanceName'] === 'string'
          ? input['NotebookInstanceName']
          : undefined,
    },
  );
}

export function apprunnerService(scenario: Scenario): FakeService {
  return jsonService('apprunner', scenario, {
    ListServices: (_input, ctx) => {
      const page = ctx.page(
        (ctx.region.apprunnerServices ?? []).map((s) => ({
          ServiceName: s.ServiceName,
          ServiceArn: s.ServiceArn,
          ServiceId: s.ServiceArn.split('/').pop(),
          Status: 'RUNNING',
        })),
      );
      return { ServiceSummaryList: page.items, NextToken: page.next };
    },
    DescribeService: (input, ctx) => {
      const service = (ctx.region.apprunnerServices ?? []).find(
        (s) => s.ServiceArn === input['ServiceArn'],
      );
      if (service === undefined) {
        throw notFound('ResourceNotFoundException', 'service not found');
      }
      return {
        Service: {
          ServiceName: service.ServiceName,
          ServiceArn: service.ServiceArn,
          ServiceId: service.ServiceArn.split('/').pop(),
          Status: 'RUNNING',
          InstanceConfiguration: {
            Cpu: '1024',
            Memory: '2048',
            ...(service.InstanceRoleArn === undefined
              ? {}
              : { InstanceRoleArn: service.InstanceRoleArn }),
          },
        },
      };
    },
  });
}

/**
 * sso-admin and identitystore: the instance is visible to its owner and to the Identity Center
 * delegated administrators, in its own region only; any other caller or region sees no instance.
 */
export function ssoAdminService(scenario: Scenario): FakeService {
  const ic = scenario.identityCenter;
  const mayRead = (ctx: HandlerContext): boolean =>
    ic !== undefined &&
    ic.region === ctx.req.region &&
    (ic.ownerAccountId === ctx.req.callerAccount ||
      ic.delegatedAdministrators.includes(ctx.req.callerAccount));
  const instance = (ctx: HandlerContext, input: Input) => {
    if (ic === undefined || !mayRead(ctx) || input['InstanceArn'] !== ic.InstanceArn) {
      throw new FakeApiError('AccessDeniedException', 400, 'User is not authorized');
    }
    return ic;
  };
  return jsonService(
    'sso',
    scenario,
    {
      ListInstances: (_input, ctx) => {
        const visible =
          ic !== undefined && mayRead(ctx)
            ? [
                {
                  InstanceArn: ic.InstanceArn,
                  IdentityStoreId: ic.IdentityStoreId,
                  OwnerAccountId: ic.ownerAccountId,
                  Status: 'ACTIVE',
                },
              ]
            : [];
        const page = ctx.page(visible);
        return { Instances: page.items, NextToken: page.next };
      },
      ListPermissionSets: (input, ctx) => {
        const page = ctx.page(instance(ctx, input).PermissionSets.map((p) => p.PermissionSetArn));
        return { PermissionSets: page.items, NextToken: page.next };
      },
      DescribePermissionSet: (input, ctx) => {
        const set = instance(ctx, input).PermissionSets.find(
          (p) => p.PermissionSetArn === input['PermissionSetArn'],
        );
        if (set === undefined) throw notFound('ResourceNotFoundException', 'no permission set');
        return { PermissionSet: { Name: set.Name, PermissionSetArn: set.PermissionSetArn } };
      },
      ListAccountsForProvisionedPermissionSet: (input, ctx) => {
        const accounts = [
          ...new Set(
            instance(ctx, input)
              .AccountAssignments.filter((a) => a.PermissionSetArn === input['PermissionSetArn'])
              .map((a) => a.AccountId),
          ),
        ];
        const page = ctx.page(accounts);
        return { AccountIds: page.items, NextToken: page.next };
      },
      ListAccountAssignments: (input, ctx) => {
        const page = ctx.page(
          instance(ctx, input).AccountAssignments.filter(
            (a) =>
              a.PermissionSetArn === input['PermissionSetArn'] &&
              a.AccountId === input['AccountId'],
          ),
        );
        return { AccountAssignments: page.items, NextToken: page.next };
      },
    },
    {
      resourceOf: (input) =>
        typeof input['PermissionSetArn'] === 'string' ? input['PermissionSetArn'] : undefined,
    },
  );
}

export function identitystoreService(scenario: Scenario): FakeService {
  const ic = scenario.identityCenter;
  const store = (ctx: HandlerContext, input: Input) => {
    const allowed =
      ic !== undefined &&
      ic.region === ctx.req.region &&
      (ic.ownerAccountId === ctx.req.callerAccount ||
        ic.delegatedAdministrators.includes(ctx.req.callerAccount));
    if (!allowed || input['IdentityStoreId'] !== ic.IdentityStoreId) {
      throw new FakeApiError('AccessDeniedException', 400, 'User is not authorized');
    }
    return ic;
  };
  const json = (value: unknown): Json => value as Json;
  return jsonService(
    'identitystore',
    scenario,
    {
      ListUsers: (input, ctx) => {
        const page = ctx.page(
          store(ctx, input).Users.map((u) => ({ ...u, IdentityStoreId: input['IdentityStoreId'] })),
        );
        return { Users: page.items, NextToken: page.next };
      },
      ListGroups: (input, ctx) => {
        const page = ctx.page(
          store(ctx, input).Groups.map((g) => ({
            ...g,
            IdentityStoreId: input['IdentityStoreId'],
          })),
        );
        return { Groups: page.items, NextToken: page.next };
      },
      ListGroupMemberships: (input, ctx) => {
        const page = ctx.page(
          store(ctx, input)
            .GroupMemberships.filter((m) => m.GroupId === input['GroupId'])
            .map((m) =>
              json({
                IdentityStoreId: input['IdentityStoreId'],
                MembershipId: `m-${m.GroupId}-${m.UserId}`,
                GroupId: m.GroupId,
                MemberId: { UserId: m.UserId },
              }),
            ),
        );
        return { GroupMemberships: page.items, NextToken: page.next };
      },
    },
    {
      resourceOf: (input) => (typeof input['GroupId'] === 'string' ? input['GroupId'] : undefined),
    },
  );
}
