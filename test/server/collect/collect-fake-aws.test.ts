/**
 * The collector, unchanged, against the loopback fake AWS endpoint (real SDK, real HTTP): the
 * snapshot it writes must equal the scenario's ground truth, faults must be isolated and
 * recorded, and the organization must be read from the management account, from a delegated
 * administrator, or not at all.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir } from '../../../server/analyze/analyze-snapshot-dir.js';
import {
  CollectOptionError,
  resolveCollectOptions,
  type CollectFlags,
} from '../../../server/collect/collect-options.js';
import {
  collectOrganization,
  type CollectResult,
} from '../../../server/collect/collect-organization.js';
import type { CollectionFile } from '../../../server/collect/collection-state.js';
import { readSnapshotDir } from '../../../server/snapshot/read-snapshot-dir.js';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/config/analysis-config.js';
import {
  expectedSnapshotFiles,
  readWrittenSnapshot,
  sortedEntries,
} from '../../fake-aws/expected-snapshot.js';
import { collectAgainstFake } from '../../fake-aws/collect-against-fake.js';
import { startFakeAws, type FakeAws } from '../../fake-aws/fake-aws-server.js';
import { callerAccessKeyId } from '../../fake-aws/fake-request.js';
import type { Scenario } from '../../fake-aws/scenario.js';
import {
  ALIAS_INVOKER_ACCOUNT,
  AUDIT_ROLE,
  DENIED,
  DENIED_LAMBDA_REGION,
  DENIED_URLS_FUNCTION,
  DENIED_ALIASES_FUNCTION,
  DENIED_ALIAS_POLICY,
  DENIED_VERSIONS_FUNCTION,
  DENIED_VERSION_POLICY,
  VERSION_INVOKER_ACCOUNT,
  DENIED_INSTANCES_STACK_SET,
  DENIED_DEPLOY_APPLICATION,
  EXPIRED,
  EXPIRED_BUCKET,
  EXTERNAL_ID,
  MANAGEMENT,
  PROD,
  PROD_STACK_SET,
  SANDBOX,
  SLOW,
  SUSPENDED,
  smallOrgScenario,
} from '../../fake-aws/scenarios/small-org.js';

const READABLE = [MANAGEMENT, PROD, EXPIRED, SLOW, SANDBOX];
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'trustmap-collect-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

let runs = 0;
async function collect(
  fake: FakeAws,
  scenario: Scenario,
  flags: CollectFlags = {},
): Promise<{ result: CollectResult; out: string; collection: CollectionFile }> {
  runs += 1;
  const { result, out, collection } = await collectAgainstFake(fake, scenario, {
    out: join(workDir, `run-${runs}`),
    workDir,
    roleName: AUDIT_ROLE,
    externalId: EXTERNAL_ID,
    flags,
  });
  if (collection === undefined) throw new Error(`no collection.json in ${out}`);
  return { result, out, collection };
}

function statuses(collection: CollectionFile): Record<string, string> {
  return Object.fromEntries(Object.entries(collection.accounts).map(([id, r]) => [id, r.status]));
}

describe('collect against the fake endpoint, with every fault of the scenario', () => {
  const scenario = smallOrgScenario();
  let fake: FakeAws;
  let run: Awaited<ReturnType<typeof collect>>;

  beforeAll(async () => {
    fake = await startFakeAws(scenario);
    run = await collect(fake, scenario);
  }, 60_000);
  afterAll(async () => {
    await fake.close();
  });

  it('writes the ground truth for every readable account, minus exactly what the faults took', async () => {
    const expected = expectedSnapshotFiles(scenario, READABLE);
    // ExpiredToken on GetBucketAcl of one bucket: that bucket has no Acl, the rest is there.
    const s3 = expected.get(`${EXPIRED}/s3.json`) as { Buckets: { Name: string; Acl?: unknown }[] };
    delete s3.Buckets.find((b) => b.Name === EXPIRED_BUCKET)!.Acl;
    // lambda:ListFunctions denied in one region of PROD: only those functions are missing.
    const workloads = expected.get(`${PROD}/workloads.json`) as {
      Workloads: {
        Type: string;
        Region: string;
        Arn: string;
        Name?: string;
        FunctionUrls?: unknown[];
        Aliases?: unknown[];
        Versions?: unknown[];
        StackInstances?: unknown[];
      }[];
    };
    const kept = workloads.Workloads.filter(
      (w) => !(w.Type === 'lambda-function' && w.Region === DENIED_LAMBDA_REGION),
    );
    expect(kept.length).toBe(workloads.Workloads.length - 1);
    // codedeploy:BatchGetDeploymentGroups denied for one application: only its groups are missing.
    const described = kept.filter(
      (w) =>
        !(
          w.Type === 'codedeploy-deployment-group' &&
          w.Name?.startsWith(`${DENIED_DEPLOY_APPLICATION}/`) === true
        ),
    );
    expect(described.length).toBe(kept.length - 1);
    kept.splice(0, kept.length, ...described);
    workloads.Workloads = kept;
    // lambda:ListFunctionUrlConfigs denied for one function: its URLs are unknown (absent).
    const denied = kept.find((w) => w.Arn === DENIED_URLS_FUNCTION)!;
    expect(denied.FunctionUrls).toEqual([]);
    delete denied.FunctionUrls;
    // lambda:ListAliases denied for another function: its aliases are unknown (absent).
    const noAliases = kept.find((w) => w.Arn === DENIED_ALIASES_FUNCTION)!;
    expect(noAliases.Aliases).toEqual([]);
    delete noAliases.Aliases;
    // lambda:GetPolicy of one alias denied: that function's aliases are unknown too.
    const deniedAlias = kept.find((w) => `${w.Arn}:old` === DENIED_ALIAS_POLICY)!;
    expect(deniedAlias.Aliases).toHaveLength(1);
    delete deniedAlias.Aliases;
    // lambda:ListVersionsByFunction denied for one function: its versions are unknown (absent).
    const noVersions = kept.find((w) => w.Arn === DENIED_VERSIONS_FUNCTION)!;
    expect(noVersions.Versions).toHaveLength(1);
    delete noVersions.Versions;
    // lambda:GetPolicy of one version denied: that function's versions are unknown too.
    const deniedVersion = kept.find((w) => `${w.Arn}:1` === DENIED_VERSION_POLICY)!;
    expect(deniedVersion.Versions).toHaveLength(1);
    delete deniedVersion.Versions;
    // Every page of versions is read, $LATEST left out, each version with its own policy.
    expect(kept.find((w) => w.Name === 'deploy-hook')?.Versions).toEqual([
      { Version: '1', FunctionArn: `${kept.find((w) => w.Name === 'deploy-hook')!.Arn}:1` },
      { Version: '2', FunctionArn: `${kept.find((w) => w.Name === 'deploy-hook')!.Arn}:2` },
      {
        Version: '3',
        FunctionArn: `${kept.find((w) => w.Name === 'deploy-hook')!.Arn}:3`,
        ResourcePolicy: expect.stringContaining(`arn:aws:iam::${VERSION_INVOKER_ACCOUNT}:root`),
      },
    ]);
    // cloudformation:ListStackInstances denied for one stack set: its instances are unknown.
    const unlisted = kept.find((w) => w.Name === DENIED_INSTANCES_STACK_SET)!;
    expect(unlisted.StackInstances).toHaveLength(1);
    delete unlisted.StackInstances;
    // Deleted stack sets are not listed; a self-managed one keeps its roles and every instance.
    expect(kept.filter((w) => w.Type === 'cloudformation-stack-set').map((w) => w.Name)).toEqual([
      'baseline',
      'guardrails',
      DENIED_INSTANCES_STACK_SET,
    ]);
    expect(kept.find((w) => w.Arn === PROD_STACK_SET)).toMatchObject({
      PermissionModel: 'SELF_MANAGED',
      AdministrationRoleArn: `arn:aws:iam::${PROD}:role/AWSCloudFormationStackSetAdministrationRole`,
      ExecutionRoleName: 'AWSCloudFormationStackSetExecutionRole',
      StackInstances: [
        { Account: PROD, Region: 'us-east-1', Status: 'CURRENT' },
        { Account: SANDBOX, Region: 'us-east-1', Status: 'OUTDATED' },
        { Account: SANDBOX, Region: 'eu-west-1', Status: 'INOPERABLE' },
      ],
    });
    expect(sortedEntries(await readWrittenSnapshot(run.out))).toEqual(sortedEntries(expected));
  });

  it("records each account's status: denied AssumeRole, a failed call, a suspended account", () => {
    expect(statuses(run.collection)).toEqual({
      [MANAGEMENT]: 'ok',
      // One regional service denied is a denied (incomplete) account, never a failed collection.
      [PROD]: 'denied',
      [DENIED]: 'denied',
      [EXPIRED]: 'failed',
      [SLOW]: 'ok',
      [SUSPENDED]: 'skipped',
      [SANDBOX]: 'ok',
    });
    expect(run.collection.accounts[SUSPENDED]).toEqual({
      status: 'skipped',
      errors: [],
      reason: 'suspended',
    });
  });

  it('records the account, call, error name and message of every error', () => {
    // A region's services run side by side: their errors are recorded as they happen, in no set
    // order between services, so both lists are compared sorted.
    const key = (e: { accountId?: string; region?: string; call: string; resource?: string }) =>
      `${e.accountId ?? ''} ${e.region ?? ''} ${e.call} ${e.resource ?? ''}`;
    const sorted = <T extends Parameters<typeof key>[0]>(list: readonly T[]): T[] =>
      [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(run.collection.errors)).toEqual(
      sorted([
        {
          accountId: PROD,
          call: 'lambda:ListFunctions',
          errorName: 'AccessDeniedException',
          message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:ListFunctions`,
          region: DENIED_LAMBDA_REGION,
        },
        {
          accountId: PROD,
          call: 'lambda:ListAliases',
          errorName: 'AccessDeniedException',
          message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:ListAliases on resource: ${DENIED_ALIASES_FUNCTION}`,
          region: 'us-east-1',
          resource: DENIED_ALIASES_FUNCTION,
        },
        {
          accountId: PROD,
          call: 'lambda:ListVersionsByFunction',
          errorName: 'AccessDeniedException',
          message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:ListVersionsByFunction on resource: ${DENIED_VERSIONS_FUNCTION}`,
          region: 'us-east-1',
          resource: DENIED_VERSIONS_FUNCTION,
        },
        {
          accountId: PROD,
          call: 'lambda:ListFunctionUrlConfigs',
          errorName: 'AccessDeniedException',
          message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:ListFunctionUrlConfigs on resource: ${DENIED_URLS_FUNCTION}`,
          region: 'us-east-1',
          resource: DENIED_URLS_FUNCTION,
        },
        {
          accountId: PROD,
          call: 'lambda:GetPolicy',
          errorName: 'AccessDeniedException',
          message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:GetPolicy on resource: ${DENIED_ALIAS_POLICY}`,
          region: 'us-east-1',
          resource: DENIED_ALIAS_POLICY,
        },
        {
          accountId: PROD,
          call: 'lambda:GetPolicy',
          errorName: 'AccessDeniedException',
          message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:GetPolicy on resource: ${DENIED_VERSION_POLICY}`,
          region: 'us-east-1',
          resource: DENIED_VERSION_POLICY,
        },
        {
          accountId: PROD,
          call: 'codedeploy:BatchGetDeploymentGroups',
          errorName: 'AccessDeniedException',
          message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: codedeploy:BatchGetDeploymentGroups on resource: arn:aws:codedeploy:us-east-1:${PROD}:application:${DENIED_DEPLOY_APPLICATION}`,
          region: 'us-east-1',
          resource: `arn:aws:codedeploy:us-east-1:${PROD}:application:${DENIED_DEPLOY_APPLICATION}`,
        },
        {
          accountId: PROD,
          call: 'cloudformation:ListStackInstances',
          errorName: 'AccessDenied',
          message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: cloudformation:ListStackInstances on resource: ${DENIED_INSTANCES_STACK_SET}`,
          region: 'us-east-1',
          resource: `arn:aws:cloudformation:us-east-1:${PROD}:stackset/${DENIED_INSTANCES_STACK_SET}:0004`,
        },
        {
          accountId: DENIED,
          call: 'sts:AssumeRole',
          errorName: 'AccessDenied',
          message: `User: arn:aws:iam::${MANAGEMENT}:user/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${DENIED}:role/${AUDIT_ROLE}`,
        },
        {
          accountId: EXPIRED,
          call: 's3:GetBucketAcl',
          errorName: 'ExpiredToken',
          message: 'The provided token has expired.',
          resource: EXPIRED_BUCKET,
        },
      ]),
    );
    expect(run.collection).toMatchObject({
      collectedBy: `arn:aws:iam::${MANAGEMENT}:user/auditor`,
      organizationAvailable: true,
      organizationId: 'o-a1b2c3d4e5',
      roleName: AUDIT_ROLE,
    });
    expect(Date.parse(run.collection.finishedAt!)).toBeGreaterThanOrEqual(
      Date.parse(run.collection.startedAt),
    );
  });

  it('is partial, naming the incomplete accounts', () => {
    expect(run.result.outcome).toBe('partial');
    expect(run.result.incompleteAccounts).toEqual([PROD, DENIED, EXPIRED]);
  });

  it('survived every throttling burst by retrying (no throttling error recorded)', () => {
    const throttles = scenario.faults.reduce(
      (sum, f) => sum + (f.kind === 'throttle' ? f.count : 0),
      0,
    );
    expect(run.result.meter.requests - run.result.meter.calls).toBeGreaterThanOrEqual(throttles);
    expect(run.collection.errors.map((e) => e.errorName)).not.toContain('Throttling');
    // Every throttle answered, plus the ExpiredToken and the eight AccessDenied.
    expect(fake.stats.faults).toBe(throttles + 9);
  });

  it('loads with the snapshot loader: every document sound except the ones the scenario planted broken', async () => {
    const snapshot = await readSnapshotDir(run.out);
    expect([...snapshot.accounts.keys()].sort()).toEqual([...READABLE].sort());
    expect(snapshot.organization?.accounts.map((a) => a.id).sort()).toEqual(
      scenario.accountIds.slice().sort(),
    );
    expect(
      snapshot.organization?.policies.map((p) => [
        p.id,
        p.document !== undefined,
        p.targets.length > 0,
      ]),
    ).toEqual([
      ['p-FullAWSAccess', true, true],
      ['p-denyleave1', true, true],
      ['p-RCPFullAWSAccess', true, true],
      ['p-rcpnoext01', true, true],
    ]);
    expect(snapshot.collection?.accounts[DENIED]?.status).toBe('denied');
    expect(snapshot.collection?.accounts[EXPIRED]?.status).toBe('failed');
    // URL-encoded documents decode; only the truncated trust policy, the no-break space, the
    // truncated bucket policy and the unknown instance profile planted in the scenario are
    // reported.
    expect(snapshot.issues.map((i) => `${i.severity} ${i.file} ${i.path}`).sort()).toEqual([
      `error ${PROD}/iam.json $.RoleDetailList[4].AssumeRolePolicyDocument`,
      `error ${PROD}/s3.json $.Buckets[2].Policy`,
      `warning ${PROD}/iam.json $.RoleDetailList[5].AssumeRolePolicyDocument`,
      // The instance whose profile iam.json does not know: written without a role, as planted.
      `warning ${PROD}/workloads.json $.Workloads[5].InstanceProfileArn`,
    ]);
    const prod = snapshot.accounts.get(PROD);
    expect(prod?.identityProviders?.oidc.map((p) => p.url)).toEqual([
      'token.actions.githubusercontent.com',
    ]);
    expect(prod?.s3?.buckets.map((b) => [b.name, b.region])).toEqual(
      scenario.account(PROD)!.s3.Buckets.map((b) => [b.Name, b.Region]),
    ); // The workloads and Identity Center load as the analysis reads them.
    const roleOf = new Map(prod?.workloads?.map((w) => [w.name, w.roleArn]));
    expect(roleOf.get('i-0a1b2c3d4e5f00001')).toBe(`arn:aws:iam::${PROD}:role/AppServer`);
    expect(roleOf.get('etl')).toBe(`arn:aws:iam::${PROD}:role/service-role/GlueEtl`);
    expect(roleOf.get('web')).toBe(`arn:aws:iam::${PROD}:role/AppServer`);
    expect(prod?.workloads?.find((w) => w.name === 'public-fn')?.resourcePolicy).toBeDefined();
    // AWS Batch: every page of ACTIVE job definitions, the latest revision per role, queues with
    // their environments in order (named by ARN or name; a deleted one left out).
    const batch = prod?.workloads?.filter((w) => w.type.startsWith('batch-'));
    expect(batch?.map((w) => [w.type, w.name, w.roleArn, w.platformCapabilities])).toEqual([
      ['batch-job-queue', 'jobs', undefined, undefined],
      ['batch-job-queue', 'paused', undefined, undefined],
      ['batch-job-definition', 'maintenance:2', `arn:aws:iam::${PROD}:role/AppServer`, ['FARGATE']],
      ['batch-job-definition', 'ecs-job:1', `arn:aws:iam::${PROD}:role/ci/Deploy`, undefined],
      ['batch-job-definition', 'maintenance:4', `arn:aws:iam::${PROD}:role/ci/Deploy`, undefined],
    ]);
    const jobs = batch?.find((w) => w.name === 'jobs');
    expect([jobs?.state, jobs?.status]).toEqual(['ENABLED', 'VALID']);
    expect(jobs?.computeEnvironments).toEqual([
      {
        arn: `arn:aws:batch:us-east-1:${PROD}:compute-environment/fargate-ce`,
        state: 'ENABLED',
        status: 'VALID',
        type: 'MANAGED',
        computeResourcesType: 'FARGATE',
        containerOrchestrationType: 'ECS',
      },
      {
        arn: `arn:aws:batch:us-east-1:${PROD}:compute-environment/ec2-ce`,
        state: 'DISABLED',
        status: 'VALID',
        type: 'UNMANAGED',
      },
    ]);
    expect(batch?.find((w) => w.name === 'paused')?.computeEnvironments?.length).toBe(1);
    // AgentCore: the READY custom code interpreters with an execution role, every page.
    expect(
      prod?.workloads
        ?.filter((w) => w.type === 'bedrock-agentcore-code-interpreter')
        .map((w) => [w.name, w.roleArn]),
    ).toEqual([
      ['ops_tools', `arn:aws:iam::${PROD}:role/AppServer`],
      ['data_tools', `arn:aws:iam::${PROD}:role/ci/Deploy`],
    ]);
    // Lambda: the region's event source mappings (every page) on the function they invoke, its
    // aliases' included; none is an empty list, not unknown.
    const fnOf = (name: string) =>
      prod?.workloads?.find((w) => w.type === 'lambda-function' && w.name === name);
    expect(fnOf('deploy-hook')?.eventSourceMappings).toEqual([
      {
        uuid: 'a1b2c3d4-0000-4000-8000-000000000001',
        eventSourceArn: `arn:aws:sqs:us-east-1:${PROD}:deploy-requests`,
        state: 'Enabled',
      },
      {
        uuid: 'a1b2c3d4-0000-4000-8000-000000000003',
        eventSourceArn: `arn:aws:sqs:us-east-1:${PROD}:deploy-retries`,
        state: 'Enabled',
        qualifier: 'live',
      },
    ]);
    expect(fnOf('plain')?.eventSourceMappings?.map((m) => m.state)).toEqual(['Disabled']);
    expect(fnOf('public-fn')?.eventSourceMappings).toEqual([]);
    // ECS: each task definition's launch types when DescribeTaskDefinition gives them.
    const ecsDefinition = (name: string) =>
      prod?.workloads?.find((w) => w.type === 'ecs-task-definition' && w.name === name);
    expect(ecsDefinition('web:3')?.compatibilities).toEqual(['EC2', 'FARGATE']);
    expect(ecsDefinition('batch:1')?.compatibilities).toEqual(['EC2']);
    expect(ecsDefinition('worker:7')?.compatibilities).toBeUndefined();
    // ... and each cluster with its ACTIVE container instances.
    expect(
      prod?.workloads
        ?.filter((w) => w.type === 'ecs-cluster')
        .map((w) => [w.name, w.containerInstances]),
    ).toEqual([['main', 2]]);
    // Step Functions: the ACTIVE state machines of every page, with their roles.
    expect(
      prod?.workloads
        ?.filter((w) => w.type === 'stepfunctions-state-machine')
        .map((w) => [w.name, w.roleArn]),
    ).toEqual([
      ['nightly-etl', `arn:aws:iam::${PROD}:role/AppServer`],
      ['release', `arn:aws:iam::${PROD}:role/ci/Deploy`],
    ]);
    // ... and the READY custom browsers with an execution role, every page.
    expect(
      prod?.workloads
        ?.filter((w) => w.type === 'bedrock-agentcore-browser')
        .map((w) => [w.name, w.roleArn]),
    ).toEqual([
      ['web_research', `arn:aws:iam::${PROD}:role/AppServer`],
      ['qa_browser', `arn:aws:iam::${PROD}:role/ci/Deploy`],
    ]);
    // CodeDeploy: the described groups of every page of applications and groups, with what
    // they deploy to; the instances keep their tags (an instance without tags: none, not unknown).
    expect(
      prod?.workloads
        ?.filter((w) => w.type === 'codedeploy-deployment-group')
        .map((w) => [w.name, w.deploymentGroup?.computePlatform]),
    ).toEqual([
      ['web/prod', 'Server'],
      ['web/canary', 'Server'],
      ['web/blue', 'Server'],
      ['functions/live', 'Lambda'],
    ]);
    expect(prod?.workloads?.find((w) => w.name === 'web/canary')?.deploymentGroup).toEqual({
      applicationName: 'web',
      deploymentGroupName: 'canary',
      computePlatform: 'Server',
      serviceRoleArn: `arn:aws:iam::${PROD}:role/CodeDeployService`,
      ec2TagFilters: [],
      ec2TagSet: [
        [{ type: 'KEY_AND_VALUE', key: 'Name', value: 'app-server' }],
        [{ type: 'KEY_ONLY', key: 'Deploy' }],
      ],
      autoScalingGroups: ['web-asg'],
    });
    expect(prod?.workloads?.find((w) => w.name === 'web/prod')?.deploymentGroup).toMatchObject({
      deploymentConfigName: 'CodeDeployDefault.AllAtOnce',
      ec2TagFilters: [{ type: 'KEY_AND_VALUE', key: 'Name', value: 'app-server' }],
    });
    expect(prod?.workloads?.find((w) => w.name === 'i-0a1b2c3d4e5f00001')?.tags).toEqual({
      Name: 'app-server',
      Deploy: '',
    });
    expect(prod?.workloads?.find((w) => w.name === 'i-0a1b2c3d4e5f00002')?.tags).toEqual({});
    // Agent runtimes: READY ones, with their inbound auth and last update.
    expect(
      prod?.workloads
        ?.filter((w) => w.type === 'bedrock-agentcore-runtime')
        .map((w) => [w.name, w.roleArn, w.inboundAuth, w.lastUpdatedAt]),
    ).toEqual([
      ['ops_agent', `arn:aws:iam::${PROD}:role/AppServer`, 'IAM', '2026-04-01T10:00:00.000Z'],
      ['web_agent', `arn:aws:iam::${PROD}:role/ci/Deploy`, 'JWT', '2026-02-01T10:00:00.000Z'],
    ]);
    // Function URLs: every page read, the alias from the qualified ARN; denied = unknown.
    const urlsOf = new Map(prod?.workloads?.map((w) => [w.name, w.functionUrls]));
    expect(urlsOf.get('public-fn')).toEqual([
      { url: 'https://publicfn.lambda-url.us-east-1.on.aws/', authType: 'NONE' },
    ]);
    expect(urlsOf.get('deploy-hook')?.map((u) => [u.authType, u.qualifier])).toEqual([
      ['AWS_IAM', undefined],
      ['AWS_IAM', 'live'],
      ['AWS_IAM', 'canary'],
    ]);
    expect(urlsOf.has('plain')).toBe(true);
    expect(urlsOf.get('plain')).toBeUndefined();
    const management = snapshot.accounts.get(MANAGEMENT);
    expect(management?.workloads?.find((w) => w.name === 'org-notifier')?.functionUrls).toEqual([]);
    // Aliases: every page read, each with its own policy (GetPolicy with the alias as
    // Qualifier; none = ResourceNotFoundException); denied = unknown; none listed = [].
    const aliasesOf = new Map(prod?.workloads?.map((w) => [w.name, w.aliases]));
    const hook = aliasesOf.get('deploy-hook');
    expect(hook?.map((a) => [a.name, a.arn, a.functionVersion])).toEqual([
      ['live', `arn:aws:lambda:us-east-1:${PROD}:function:deploy-hook:live`, '3'],
      ['canary', `arn:aws:lambda:us-east-1:${PROD}:function:deploy-hook:canary`, '$LATEST'],
      ['blue', `arn:aws:lambda:us-east-1:${PROD}:function:deploy-hook:blue`, '2'],
    ]);
    expect(JSON.stringify(hook?.[0]?.resourcePolicy)).toContain(
      `arn:aws:iam::${ALIAS_INVOKER_ACCOUNT}:root`,
    );
    expect(hook?.slice(1).map((a) => a.resourcePolicy)).toEqual([undefined, undefined]);
    expect(aliasesOf.has('public-fn')).toBe(true);
    expect(aliasesOf.get('public-fn')).toBeUndefined();
    expect(aliasesOf.has('plain')).toBe(true);
    expect(aliasesOf.get('plain')).toBeUndefined();
    expect(
      snapshot.accounts.get(MANAGEMENT)?.workloads?.find((w) => w.name === 'org-notifier')?.aliases,
    ).toEqual([]);
    expect(snapshot.identityCenter?.users.map((u) => u.userName)).toEqual([
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
    ]);
    expect(snapshot.identityCenter?.assignments).toHaveLength(6);
  });

  it('analyzes with --from-dir (the access graph is built from it)', async () => {
    const analysis = await analyzeSnapshotDir(run.out, DEFAULT_ANALYSIS_CONFIG);
    expect(analysis.graph.order).toBeGreaterThan(0);
    expect(analysis.graph.hasNode(`arn:aws:iam::${PROD}:role/ci/Deploy`)).toBe(true);
    expect(analysis.graph.hasNode(`arn:aws:s3:::prod-artifacts-${PROD}`)).toBe(true);
  });

  it("used the caller's own credentials in the caller's account and AssumeRole elsewhere", () => {
    expect(fake.stats.byOperation.get('sts:AssumeRole')).toBe(
      // one per member account collected or denied, plus the throttled attempt
      [PROD, DENIED, EXPIRED, SLOW, SANDBOX].length + 1,
    );
  });
});

describe('collect against the fake endpoint, without faults', () => {
  const clean = (caller?: string) =>
    smallOrgScenario({ faults: [], ...(caller === undefined ? {} : { caller }) });

  it('is complete when every selected account is read, and skips suspended and excluded accounts', async () => {
    const scenario = clean();
    const fake = await startFakeAws(scenario);
    // Each request in flight listens to the collection's stop signal: many at once is no leak,
    // and Node must not print its "possible EventTarget memory leak" warning to the user.
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.name);
    };
    process.on('warning', onWarning);
    try {
      const run = await collect(fake, scenario, { excludeAccounts: [DENIED] });
      expect(warnings.filter((w) => w === 'MaxListenersExceededWarning')).toEqual([]);
      expect(run.result.outcome).toBe('complete');
      expect(sortedEntries(await readWrittenSnapshot(run.out))).toEqual(
        sortedEntries(expectedSnapshotFiles(scenario, READABLE)),
      );
      expect(run.collection.accounts[DENIED]).toEqual({
        status: 'skipped',
        errors: [],
        reason: 'filtered',
      });
      expect(run.collection.errors).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await fake.close();
    }
  });

  it('reads the organization from a delegated administrator, collecting its own account with its own credentials', async () => {
    const scenario = clean(SANDBOX);
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario, { excludeAccounts: [DENIED] });
      expect(run.result.outcome).toBe('complete');
      expect(sortedEntries(await readWrittenSnapshot(run.out))).toEqual(
        sortedEntries(expectedSnapshotFiles(scenario, READABLE)),
      );
      expect(run.collection.collectedBy).toBe(`arn:aws:iam::${SANDBOX}:user/auditor`);
      // AssumeRole into the management account and the other members, never into itself.
      expect(fake.stats.byOperation.get('sts:AssumeRole')).toBe(
        [MANAGEMENT, PROD, EXPIRED, SLOW].length,
      );
    } finally {
      await fake.close();
    }
  });

  it('collects the current account alone, and says so, when the organization may not be read', async () => {
    const scenario = clean(PROD);
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario);
      expect(run.result.outcome).toBe('partial');
      expect(sortedEntries(await readWrittenSnapshot(run.out))).toEqual(
        sortedEntries(withoutOrganization(expectedSnapshotFiles(scenario, [PROD]))),
      );
      expect(run.collection.organizationAvailable).toBe(false);
      expect(statuses(run.collection)).toEqual({ [PROD]: 'ok' });
      expect(run.collection.errors).toEqual([
        expect.objectContaining({
          accountId: PROD,
          call: 'organizations:ListAccounts',
          errorName: 'AccessDeniedException',
        }),
      ]);
    } finally {
      await fake.close();
    }
  });

  it('collects the current account alone when it is in no organization (complete)', async () => {
    const scenario: Scenario = { ...clean(PROD), organization: 'not-in-use' };
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario);
      expect(run.result.outcome).toBe('complete');
      expect(sortedEntries(await readWrittenSnapshot(run.out))).toEqual(
        sortedEntries(expectedSnapshotFiles(scenario, [PROD])),
      );
      expect(run.collection.organizationAvailable).toBe(false);
      expect(run.collection.errors).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('--ou selects the accounts under an OU, nested OUs included', async () => {
    const scenario = clean();
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario, { ou: ['ou-ab12-sbox0001'] });
      expect(statuses(run.collection)).toEqual({
        [MANAGEMENT]: 'skipped',
        [PROD]: 'skipped',
        [DENIED]: 'skipped',
        [EXPIRED]: 'ok',
        [SLOW]: 'ok',
        [SUSPENDED]: 'skipped',
        [SANDBOX]: 'ok',
      });
      expect(run.collection.accounts[SUSPENDED]?.reason).toBe('suspended');
      expect(run.collection.accounts[PROD]?.reason).toBe('filtered');
    } finally {
      await fake.close();
    }
  });

  it('--accounts naming an account outside the organization is a usage error', async () => {
    const scenario = clean();
    const fake = await startFakeAws(scenario);
    try {
      await expect(collect(fake, scenario, { accounts: ['999999999999'] })).rejects.toBeInstanceOf(
        CollectOptionError,
      );
    } finally {
      await fake.close();
    }
  });

  it('a wrong ExternalId is an AccessDenied on AssumeRole in every member account', async () => {
    const scenario = clean();
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario, { externalId: 'wrong-external-id' });
      expect(run.result.outcome).toBe('partial');
      expect(statuses(run.collection)[MANAGEMENT]).toBe('ok');
      for (const id of [PROD, DENIED, EXPIRED, SLOW, SANDBOX]) {
        expect(run.collection.accounts[id]).toMatchObject({
          status: 'denied',
          errors: [{ call: 'sts:AssumeRole', errorName: 'AccessDenied' }],
        });
      }
    } finally {
      await fake.close();
    }
  });

  it('fails as a whole when not even the caller can be identified', async () => {
    const scenario = clean();
    const fake = await startFakeAws(scenario);
    try {
      const out = join(workDir, 'unidentified');
      const options = resolveCollectOptions(
        { out, region: 'us-east-1' },
        { AWS_ENDPOINT_URL: fake.url },
        workDir,
      );
      const result = await collectOrganization(options, {
        credentials: () =>
          Promise.resolve({ accessKeyId: 'AKIANOTAKNOWNKEY0000', secretAccessKey: 'x' }),
      });
      expect(result.outcome).toBe('failed');
      expect(result.failure).toMatch(/sts:GetCallerIdentity\): InvalidClientTokenId/);
    } finally {
      await fake.close();
    }
  });

  it('refuses to write over an existing snapshot without --resume', async () => {
    const scenario = clean();
    const fake = await startFakeAws(scenario);
    try {
      const out = join(workDir, 'occupied');
      await mkdir(join(out, MANAGEMENT), { recursive: true });
      await writeFile(join(out, MANAGEMENT, 'iam.json'), '{}');
      const options = resolveCollectOptions(
        { out, region: 'us-east-1' },
        { AWS_ENDPOINT_URL: fake.url },
        workDir,
      );
      await expect(
        collectOrganization(options, {
          credentials: () =>
            Promise.resolve({ accessKeyId: callerAccessKeyId(MANAGEMENT), secretAccessKey: 'x' }),
        }),
      ).rejects.toThrow(/already holds a snapshot; use --resume/);
      expect(fake.stats.requests).toBe(0);
    } finally {
      await fake.close();
    }
  });
});

function withoutOrganization(files: Map<string, unknown>): Map<string, unknown> {
  files.delete('organization.json');
  return files;
}

describe('regions and IAM Identity Center', () => {
  const clean = (options: { caller?: string; faults?: Scenario['faults'] } = {}) =>
    smallOrgScenario({
      faults: options.faults ?? [],
      ...(options.caller === undefined ? {} : { caller: options.caller }),
    });

  it('--regions reads only those regions, without listing the enabled ones', async () => {
    const scenario = clean();
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario, {
        excludeAccounts: [DENIED],
        regions: ['us-east-1'],
      });
      expect(run.result.outcome).toBe('complete');
      expect(sortedEntries(await readWrittenSnapshot(run.out))).toEqual(
        sortedEntries(expectedSnapshotFiles(scenario, READABLE, { regions: ['us-east-1'] })),
      );
      expect(fake.stats.byOperation.get('ec2:DescribeRegions')).toBeUndefined();
      const prod = JSON.parse(await readFile(join(run.out, PROD, 'workloads.json'), 'utf8')) as {
        Workloads: { Region: string }[];
      };
      expect(new Set(prod.Workloads.map((w) => w.Region))).toEqual(new Set(['us-east-1']));
    } finally {
      await fake.close();
    }
  });

  it('DescribeRegions denied: the home region is read, the denial recorded', async () => {
    const scenario = clean({
      faults: [
        {
          kind: 'error',
          operation: 'ec2:DescribeRegions',
          accountId: PROD,
          code: 'UnauthorizedOperation',
          status: 403,
          message: 'You are not authorized to perform this operation.',
        },
      ],
    });
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario, { accounts: [PROD] });
      expect(run.result.outcome).toBe('partial');
      expect(run.collection.accounts[PROD]).toEqual({
        status: 'denied',
        errors: [
          {
            accountId: PROD,
            call: 'ec2:DescribeRegions',
            errorName: 'UnauthorizedOperation',
            message: 'You are not authorized to perform this operation.',
            region: 'us-east-1',
          },
        ],
      });
      const written = await readWrittenSnapshot(run.out);
      const expected = expectedSnapshotFiles(scenario, [PROD], { regions: ['us-east-1'] });
      expect(written.get(`${PROD}/workloads.json`)).toEqual(expected.get(`${PROD}/workloads.json`));
      expect(written.get(`${PROD}/resources.json`)).toEqual(expected.get(`${PROD}/resources.json`));
    } finally {
      await fake.close();
    }
  });

  it('records Identity Center as read, with its instance, in collection.json', async () => {
    const scenario = clean();
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario, { accounts: [MANAGEMENT] });
      expect(run.result.outcome).toBe('complete');
      expect(run.collection.identityCenter).toEqual({
        status: 'ok',
        region: 'us-east-1',
        instanceArn: scenario.identityCenter!.InstanceArn,
      });
      // Every page of every listing: 3 users, 3 groups and 6 assignments in pages of 2.
      expect(fake.stats.byOperation.get('identitystore:ListUsers')).toBe(2);
      expect(fake.stats.byOperation.get('identitystore:ListGroupMemberships')).toBe(4);
    } finally {
      await fake.close();
    }
  });

  it('an instance in another region is found with --identity-center-region, and only there', async () => {
    const base = clean();
    const scenario: Scenario = {
      ...base,
      identityCenter: { ...base.identityCenter!, region: 'eu-west-1' },
    };
    const fake = await startFakeAws(scenario);
    try {
      const home = await collect(fake, scenario, { accounts: [MANAGEMENT] });
      expect(home.collection.identityCenter).toEqual({ status: 'not-found', region: 'us-east-1' });
      expect((await readWrittenSnapshot(home.out)).has('identity-center.json')).toBe(false);

      const there = await collect(fake, scenario, {
        accounts: [MANAGEMENT],
        identityCenterRegion: 'eu-west-1',
      });
      expect(there.result.outcome).toBe('complete');
      expect(there.collection.identityCenter).toEqual({
        status: 'ok',
        region: 'eu-west-1',
        instanceArn: scenario.identityCenter!.InstanceArn,
      });
      expect((await readWrittenSnapshot(there.out)).get('identity-center.json')).toEqual(
        expectedSnapshotFiles(scenario, [MANAGEMENT]).get('identity-center.json'),
      );
    } finally {
      await fake.close();
    }
  });

  it('a caller that sees no Identity Center instance: recorded as not-found, no file, still complete', async () => {
    const scenario = clean({ caller: SANDBOX });
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario, { accounts: [SANDBOX] });
      expect(run.result.outcome).toBe('complete');
      expect(run.collection.identityCenter).toEqual({ status: 'not-found', region: 'us-east-1' });
      expect([...(await readWrittenSnapshot(run.out)).keys()]).not.toContain(
        'identity-center.json',
      );
    } finally {
      await fake.close();
    }
  });

  it.each([
    ['sso:ListInstances', 'AccessDeniedException', 'denied'],
    ['identitystore:ListGroupMemberships', 'AccessDeniedException', 'denied'],
    ['sso:ListAccountAssignments', 'InternalServerException', 'failed'],
  ])(
    '%s answering %s: Identity Center %s, no partial file, the accounts still collected',
    async (operation, code, status) => {
      const scenario = clean({
        faults: [{ kind: 'error', operation, code, status: 400, message: 'no' }],
      });
      const fake = await startFakeAws(scenario);
      try {
        const run = await collect(fake, scenario, { accounts: [MANAGEMENT, PROD] });
        expect(run.result.outcome).toBe('partial');
        expect(run.collection.identityCenter).toMatchObject({ status, region: 'us-east-1' });
        expect(run.collection.errors).toContainEqual(
          expect.objectContaining({ accountId: MANAGEMENT, call: operation, errorName: code }),
        );
        expect(statuses(run.collection)).toMatchObject({ [MANAGEMENT]: 'ok', [PROD]: 'ok' });
        const written = await readWrittenSnapshot(run.out);
        expect(written.has('identity-center.json')).toBe(false);
        expect(written.has(`${PROD}/iam.json`)).toBe(true);
      } finally {
        await fake.close();
      }
    },
  );
});

describe('Auto Scaling groups and their launch templates', () => {
  it('a denied DescribeLaunchTemplates leaves the tags unknown, a denied DescribeLaunchTemplateVersions the role', async () => {
    const web = 'lt-0a1b2c3d4e5f00001';
    const denied = (operation: string, resource?: string) => ({
      kind: 'error' as const,
      operation,
      accountId: PROD,
      ...(resource === undefined ? {} : { resource }),
      code: 'UnauthorizedOperation',
      status: 403,
      message: 'You are not authorized to perform this operation.',
    });
    const scenario = smallOrgScenario({
      faults: [
        denied('ec2:DescribeLaunchTemplates'),
        denied('ec2:DescribeLaunchTemplateVersions', web),
      ],
    });
    const fake = await startFakeAws(scenario);
    try {
      const run = await collect(fake, scenario, { accounts: [PROD], regions: ['us-east-1'] });
      expect(run.collection.accounts[PROD]?.errors).toEqual([
        {
          accountId: PROD,
          call: 'ec2:DescribeLaunchTemplates',
          errorName: 'UnauthorizedOperation',
          message: 'You are not authorized to perform this operation.',
          region: 'us-east-1',
        },
        {
          accountId: PROD,
          call: 'ec2:DescribeLaunchTemplateVersions',
          errorName: 'UnauthorizedOperation',
          message: 'You are not authorized to perform this operation.',
          region: 'us-east-1',
          resource: web,
        },
      ]);
      const prod = JSON.parse(await readFile(join(run.out, PROD, 'workloads.json'), 'utf8')) as {
        Workloads: Record<string, unknown>[];
      };
      const groups = prod.Workloads.filter((w) => w['Type'] === 'autoscaling-group');
      // The launch-configuration group is not read; the others carry no tags and no role.
      expect(groups).toEqual([
        {
          Type: 'autoscaling-group',
          Arn: `arn:aws:autoscaling:us-east-1:${PROD}:autoScalingGroup:0a1b2c3d-0001:autoScalingGroupName/web`,
          Name: 'web',
          Region: 'us-east-1',
          LaunchTemplate: { LaunchTemplateId: web, LaunchTemplateName: 'web', Version: '$Latest' },
          MinSize: 1,
          MaxSize: 4,
          DesiredCapacity: 2,
        },
        {
          Type: 'autoscaling-group',
          Arn: `arn:aws:autoscaling:us-east-1:${PROD}:autoScalingGroup:0a1b2c3d-0002:autoScalingGroupName/batch`,
          Name: 'batch',
          Region: 'us-east-1',
          LaunchTemplate: { LaunchTemplateName: 'batch', Version: '1' },
          MinSize: 0,
          MaxSize: 0,
          DesiredCapacity: 0,
        },
      ]);
    } finally {
      await fake.close();
    }
  });
});
