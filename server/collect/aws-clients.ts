/**
 * One place that builds the SDK clients of a collection, so that every client gets the same
 * endpoint configuration (`--endpoint-url`, `AWS_ENDPOINT_URL[_<SERVICE>]`), the SDK's adaptive
 * retry mode (throttling slows the collection down instead of failing it), shared keep-alive
 * sockets, and the call meter that feeds progress and the benchmark.
 *
 * Hangs (issue 13): a request that gets no answer within `requestTimeoutMs` FAILS (it used to
 * only warn, and a silent endpoint hung a scan for 16 minutes); the SDK retries it like any
 * transient error. When the collection's `signal` is aborted (`--timeout`, SIGINT, SIGTERM), the
 * shared sockets are destroyed and every further attempt of every client fails at once with
 * `CollectionAbortedError`, which is not retried.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { AppRunnerClient } from '@aws-sdk/client-apprunner';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { BatchClient } from '@aws-sdk/client-batch';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { SFNClient } from '@aws-sdk/client-sfn';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { GlueClient } from '@aws-sdk/client-glue';
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider, EndpointV2 } from '@aws-sdk/types';
import type { ServiceEndpoints } from './collect-options.js';

/** Counters shared by every client of one collection. */
export interface CallMeter {
  /** API operations started (one per SDK `send`, retries not counted). */
  calls: number;
  /** HTTP requests sent, retries included. */
  requests: number;
  /**
   * Operations that ended in an error after retries, including answers that only mean "not
   * configured" (NoSuchBucketPolicy …); the collection's errors are in collection.json.
   */
  failedCalls: number;
}

export function createCallMeter(): CallMeter {
  return { calls: 0, requests: 0, failedCalls: 0 };
}

export interface AwsClientSettings {
  /** Home region: Organizations, IAM, STS, ListBuckets and GetBucketLocation go there. */
  region: string;
  profile: string | undefined;
  endpoints: ServiceEndpoints;
  maxAttempts: number;
  /** Sockets kept per host; at least the number of calls in flight. */
  maxSockets: number;
  meter: CallMeter;
  /** One HTTP request's timeout (default 120 s): past it the attempt fails and is retried. */
  requestTimeoutMs?: number;
  /** Aborted: the collection is over (deadline or signal); no more calls are made. */
  signal?: AbortSignal;
}

/** The collection was stopped (its deadline passed, or SIGINT/SIGTERM); the call was not made. */
export class CollectionAbortedError extends Error {
  override readonly name = 'CollectionAbortedError';
  constructor(reason: unknown) {
    super(
      `the collection was stopped: ${reason instanceof Error ? reason.message : String(reason)}`,
    );
  }
}

/**
 * The SDK client of each regional service the collector reads (workloads, resources, Identity
 * Center); the key is also the service's key in `ServiceEndpoints`.
 */
const REGIONAL_CLIENTS = {
  ec2: EC2Client,
  lambda: LambdaClient,
  ecs: ECSClient,
  codebuild: CodeBuildClient,
  glue: GlueClient,
  sagemaker: SageMakerClient,
  cloudformation: CloudFormationClient,
  apprunner: AppRunnerClient,
  autoscaling: AutoScalingClient,
  batch: BatchClient,
  agentcoreControl: BedrockAgentCoreControlClient,
  cognitoIdentity: CognitoIdentityClient,
  sfn: SFNClient,
  codedeploy: CodeDeployClient,
  kms: KMSClient,
  secretsManager: SecretsManagerClient,
  sqs: SQSClient,
  sns: SNSClient,
  ecr: ECRClient,
  ssoAdmin: SSOAdminClient,
  identitystore: IdentitystoreClient,
} as const;

export type RegionalService = keyof typeof REGIONAL_CLIENTS;
export type RegionalClient<S extends RegionalService> = InstanceType<(typeof REGIONAL_CLIENTS)[S]>;

/** Builds clients; `destroy()` closes the shared sockets once the collection is over. */
export interface AwsClientFactory {
  readonly settings: AwsClientSettings;
  /** The shared keep-alive sockets, for the few calls made without an SDK client. */
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;
  organizations(credentials: AwsCredentialIdentityProvider): OrganizationsClient;
  sts(credentials: AwsCredentialIdentityProvider): STSClient;
  iam(credentials: AwsCredentialIdentityProvider): IAMClient;
  /** An S3 client for one region (bucket calls must go to the bucket's region). */
  s3(credentials: AwsCredentialIdentityProvider, region: string): S3Client;
  /**
   * The S3 Control client of the home region. With a custom endpoint the account id is not
   * prefixed to its host name (a local fake or proxy rarely resolves `ACCOUNT.host`).
   */
  s3Control(credentials: AwsCredentialIdentityProvider): S3ControlClient;
  /** A client of one regional service, in one region. */
  regional<S extends RegionalService>(
    service: S,
    credentials: AwsCredentialIdentityProvider,
    region: string,
  ): RegionalClient<S>;
  destroy(): void;
}

/** Per-request timeout: generous, a slow account must slow down, not fail. */
const REQUEST_TIMEOUT_MS = 120_000;
const CONNECTION_TIMEOUT_MS = 10_000;

export function createAwsClientFactory(settings: AwsClientSettings): AwsClientFactory {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: settings.maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: settings.maxSockets });
  // Every client metered with this collection's meter stops with its signal (metered()).
  if (settings.signal !== undefined) {
    STOP_SIGNALS.set(settings.meter, settings.signal);
    // The requests in flight end too: their sockets are closed (their promises were rejected).
    settings.signal.addEventListener(
      'abort',
      () => {
        httpAgent.destroy();
        httpsAgent.destroy();
      },
      { once: true },
    );
  }

  const common = (credentials: AwsCredentialIdentityProvider, endpoint: string | undefined) => ({
    region: settings.region,
    credentials,
    retryMode: 'adaptive',
    maxAttempts: settings.maxAttempts,
    requestHandler: {
      httpAgent,
      httpsAgent,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: settings.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      // Without it the SDK only logs a warning and waits for the answer forever.
      throwOnRequestTimeout: true,
    },
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    ...(endpoint === undefined ? {} : { endpoint }),
  });

  return {
    settings,
    httpAgent,
    httpsAgent,
    organizations: (credentials) =>
      metered(
        new OrganizationsClient(common(credentials, settings.endpoints.organizations)),
        settings.meter,
      ),
    sts: (credentials) =>
      metered(new STSClient(common(credentials, settings.endpoints.sts)), settings.meter),
    iam: (credentials) =>
      metered(new IAMClient(common(credentials, settings.endpoints.iam)), settings.meter),
    s3: (credentials, region) =>
      metered(
        new S3Client({
          ...common(credentials, settings.endpoints.s3),
          region,
          // A custom endpoint (a local fake, a proxy) rarely resolves bucket sub-domains.
          forcePathStyle: settings.endpoints.s3 !== undefined,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          disableS3ExpressSessionAuth: true,
        }),
        settings.meter,
      ),
    s3Control: (credentials) => {
      const endpoint = settings.endpoints.s3Control;
      return metered(
        new S3ControlClient({
          ...common(credentials, endpoint),
          ...(endpoint === undefined
            ? {}
            : { endpointProvider: () => customS3ControlEndpoint(endpoint, settings.region) }),
        }),
        settings.meter,
      );
    },
    regional: <S extends RegionalService>(
      service: S,
      credentials: AwsCredentialIdentityProvider,
      region: string,
    ): RegionalClient<S> => {
      const Client = REGIONAL_CLIENTS[service] as unknown as new (
        config: ReturnType<typeof common>,
      ) => RegionalClient<S>;
      return metered(
        new Client({ ...common(credentials, settings.endpoints[service]), region }),
        settings.meter,
      );
    },
    destroy: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** The custom S3 Control endpoint as given, signed for S3 in the home region. */
function customS3ControlEndpoint(endpoint: string, region: string): EndpointV2 {
  return {
    url: new URL(endpoint),
    properties: {
      authSchemes: [
        {
          name: 'sigv4',
          signingName: 's3',
          signingRegion: region,
          properties: {},
        },
      ],
    },
  };
}

interface MeteredClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/** The stop signal of the collection a meter belongs to (set by createAwsClientFactory). */
const STOP_SIGNALS = new WeakMap<CallMeter, AbortSignal>();

/**
 * Adds the call meter to a client (one call per operation, its attempts as requests) and, when
 * the meter's collection has a stop signal, the stop: once it is aborted, an attempt in flight
 * fails at once and no further attempt is sent (`CollectionAbortedError`, not retried).
 */
function metered<C>(client: C, meter: CallMeter): C {
  const signal = STOP_SIGNALS.get(meter);
  (client as unknown as MeteredClient).middlewareStack.add(
    (next) => async (args) => {
      meter.calls += 1;
      try {
        const output = await next(args);
        meter.requests += attemptsOf(output);
        return output;
      } catch (err: unknown) {
        meter.failedCalls += 1;
        meter.requests += attemptsOf(err);
        throw err;
      }
    },
    { step: 'initialize', name: 'trustmapCallMeter' },
  );
  if (signal !== undefined) {
    (client as unknown as StepClient).middlewareStack.add(
      (next) => (args) => {
        // finalizeRequest runs after the retry middleware: this is checked on every attempt.
        if (signal.aborted) return Promise.reject(new CollectionAbortedError(signal.reason));
        return new Promise((resolve, reject) => {
          const stop = (): void => {
            reject(new CollectionAbortedError(signal.reason));
          };
          signal.addEventListener('abort', stop, { once: true });
          next(args)
            .then(resolve, reject)
            .finally(() => {
              signal.removeEventListener('abort', stop);
            });
        });
      },
      { step: 'finalizeRequest', name: 'trustmapCollectionStop' },
    );
  }
  return client;
}

interface StepClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'finalizeRequest'; name: string },
    ): void;
  };
}

/** `$metadata.attempts` of an SDK output or error; 1 when the SDK did not say. */
export function attemptsOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 1;
  const direct = (value as { $metadata?: { attempts?: unknown } }).$metadata?.attempts;
  if (typeof direct === 'number' && direct > 0) return direct;
  const output = (value as { output?: { $metadata?: { attempts?: unknown } } }).output;
  const nested = output?.$metadata?.attempts;
  return typeof nested === 'number' && nested > 0 ? nested : 1;
}

/** Where Organizations, IAM and STS are called when no region is given anywhere. */
export const FALLBACK_REGION = 'us-east-1';

/**
 * The home region: the explicit one, else the one the SDK finds for the profile (its shared
 * config file), else us-east-1.
 */
export async function resolveHomeRegion(
  region: string | undefined,
  profile: string | undefined,
): Promise<string> {
  if (region !== undefined) return region;
  const probe = new STSClient(profile === undefined ? {} : { profile });
  try {
    const found = await probe.config.region();
    return typeof found === 'string' && found !== '' ? found : FALLBACK_REGION;
  } catch {
    return FALLBACK_REGION;
  } finally {
    probe.destroy();
  }
}
