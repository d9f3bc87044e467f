/**
 * A loopback fake of the AWS APIs the collector calls, speaking the wire protocols the SDK uses:
 * Organizations, KMS, Secrets Manager, ECS, CodeBuild, Glue, SageMaker, App Runner, ECR,
 * sso-admin and identitystore (JSON 1.1 / 1.0), SQS (JSON 1.0), IAM, STS, SNS and CloudFormation
 * and EC2 Auto Scaling (query/XML), EC2 (EC2 query), Lambda (REST-JSON), S3 and S3 Control (REST/XML). It routes by
 * the SigV4 credential scope's service, identifies the calling account by its access key id, and
 * injects the scenario's faults (throttling, errors, latency). Signatures are not verified.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FakeApiError,
  accountOfAccessKey,
  parseAuthorization,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
} from './fake-request.js';
import { agentcoreControlService } from './agentcore-api.js';
import { batchService } from './batch-api.js';
import { codedeployService } from './codedeploy-api.js';
import { cognitoIdentityService } from './cognito-identity-api.js';
import { stepFunctionsService } from './step-functions-api.js';
import {
  apprunnerService,
  codebuildService,
  ecrService,
  ecsService,
  glueService,
  identitystoreService,
  kmsService,
  sagemakerService,
  secretsManagerService,
  sqsService,
  ssoAdminService,
} from './json-api.js';
import { organizationsService } from './organizations-api.js';
import {
  autoscalingService,
  cloudformationService,
  ec2Service,
  lambdaService,
  snsService,
} from './regional-query-api.js';
import { iamService, stsService } from './query-api.js';
import { s3ControlService, s3Service } from './s3-api.js';
import type { Fault, Scenario } from './scenario.js';
import { queryError } from './xml.js';

export interface FakeAwsStats {
  requests: number;
  /** Requests per `service:Operation`. */
  byOperation: Map<string, number>;
  /**
   * Requests that read one account's data, per account: IAM, S3, S3 Control, and AssumeRole
   * into it (Organizations calls and GetCallerIdentity are not about one account).
   */
  accountCalls: Map<string, number>;
  /** Faults answered (throttles and errors). */
  faults: number;
}

export interface FakeAws {
  /** `http://127.0.0.1:PORT` */
  url: string;
  stats: FakeAwsStats;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeAws(scenario: Scenario): Promise<FakeAws> {
  const services: Record<string, FakeService> = {
    organizations: organizationsService(scenario),
    iam: iamService(scenario),
    sts: stsService(scenario),
    s3: s3Service(scenario),
    s3control: s3ControlService(scenario),
    ec2: ec2Service(scenario),
    lambda: lambdaService(scenario),
    ecs: ecsService(scenario),
    codebuild: codebuildService(scenario),
    glue: glueService(scenario),
    sagemaker: sagemakerService(scenario),
    cloudformation: cloudformationService(scenario),
    apprunner: apprunnerService(scenario),
    autoscaling: autoscalingService(scenario),
    batch: batchService(scenario),
    'cognito-identity': cognitoIdentityService(scenario),
    states: stepFunctionsService(scenario),
    codedeploy: codedeployService(scenario),
    'bedrock-agentcore': agentcoreControlService(scenario),
    kms: kmsService(scenario),
    secretsmanager: secretsManagerService(scenario),
    sqs: sqsService(scenario),
    sns: snsService(scenario),
    ecr: ecrService(scenario),
    sso: ssoAdminService(scenario),
    identitystore: identitystoreService(scenario),
  };
  const stats: FakeAwsStats = {
    requests: 0,
    byOperation: new Map(),
    accountCalls: new Map(),
    faults: 0,
  };
  const throttled = new Map<string, number>();
  const errorUses = new Map<Fault, number>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const requestId = randomUUID();
    const auth = parseAuthorization(req.headers.authorization);
    const callerAccount = auth === undefined ? undefined : accountOfAccessKey(auth.accessKeyId);
    if (auth === undefined || callerAccount === undefined) {
      send(res, {
        status: 403,
        body: queryError(
          '',
          'InvalidClientTokenId',
          'The security token included in the request is invalid.',
          requestId,
        ),
      });
      return;
    }
    const serviceName =
      auth.service === 's3' && url.pathname.startsWith('/v20180820/') ? 's3control' : auth.service;
    const service = services[serviceName];
    if (service === undefined) {
      send(res, {
        status: 400,
        body: queryError(
          '',
          'UnknownService',
          `the fake does not serve ${auth.service}`,
          requestId,
        ),
      });
      return;
    }
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      accessKeyId: auth.accessKeyId,
      callerAccount,
      region: auth.region,
      service: serviceName,
      requestId,
    };
    const { operation, accountId, resource } = service.identify(request);
    stats.requests += 1;
    stats.byOperation.set(operation, (stats.byOperation.get(operation) ?? 0) + 1);
    // Organization-level reads (Organizations, Identity Center, the caller's identity) are not
    // about one account's data.
    if (
      !operation.startsWith('organizations:') &&
      !operation.startsWith('sso:') &&
      !operation.startsWith('identitystore:') &&
      operation !== 'sts:GetCallerIdentity'
    ) {
      stats.accountCalls.set(accountId, (stats.accountCalls.get(accountId) ?? 0) + 1);
    }

    let delay = scenario.latencyMs;
    for (const fault of scenario.faults) {
      if (fault.kind === 'latency' && fault.accountId === callerAccount) delay += fault.ms;
    }
    if (delay > 0) await sleep(delay);
    for (const fault of scenario.faults) {
      if (
        fault.kind === 'hang' &&
        fault.operation === operation &&
        (fault.accountId === undefined || fault.accountId === accountId)
      ) {
        return; // never answered; close() ends the connection
      }
    }

    try {
      const fault = injectedFault(operation, accountId, resource, request.region);
      if (fault !== undefined) {
        stats.faults += 1;
        throw fault;
      }
      send(res, service.respond(request, operation));
    } catch (err: unknown) {
      if (err instanceof FakeApiError) {
        send(res, service.error(request, err));
        return;
      }
      throw err;
    }
  };

  const injectedFault = (
    operation: string,
    accountId: string,
    resource: string | undefined,
    region: string,
  ): FakeApiError | undefined => {
    for (const fault of scenario.faults) {
      if (fault.kind === 'latency' || fault.kind === 'hang' || fault.operation !== operation)
        continue;
      if (fault.kind === 'throttle') {
        const count = throttled.get(operation) ?? 0;
        if (count < fault.count) {
          throttled.set(operation, count + 1);
          return throttlingError(operation);
        }
      } else {
        if (fault.accountId !== undefined && fault.accountId !== accountId) continue;
        if (fault.resource !== undefined && fault.resource !== resource) continue;
        if (fault.region !== undefined && fault.region !== region) continue;
        const used = errorUses.get(fault) ?? 0;
        if (fault.times !== undefined && used >= fault.times) continue;
        errorUses.set(fault, used + 1);
        return new FakeApiError(fault.code, fault.status, fault.message);
      }
    }
    return undefined;
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => {
          if (err === undefined) resolve();
          else reject(err);
        });
      }),
  };
}

/** Each service's throttling error, as AWS sends it. */
function throttlingError(operation: string): FakeApiError {
  if (operation.startsWith('organizations:'))
    return new FakeApiError(
      'TooManyRequestsException',
      400,
      "AWS Organizations can't complete your request because another request is already in progress.",
    );
  if (operation.startsWith('s3'))
    return new FakeApiError('SlowDown', 503, 'Please reduce your request rate.');
  if (operation.startsWith('ec2:'))
    return new FakeApiError('RequestLimitExceeded', 503, 'Request limit exceeded.');
  if (operation.startsWith('lambda:'))
    return new FakeApiError('TooManyRequestsException', 429, 'Rate exceeded');
  const service = operation.slice(0, operation.indexOf(':'));
  if (!['iam', 'sts', 'sns', 'cloudformation'].includes(service))
    return new FakeApiError('ThrottlingException', 400, 'Rate exceeded');
  return new FakeApiError('Throttling', 400, 'Rate exceeded');
}

function send(res: ServerResponse, response: FakeResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
  res.setHeader('x-amzn-requestid', randomUUID());
  res.end(response.body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
