/**
 * The snapshot a collection of a scenario must write, read straight off the scenario's ground
 * truth, and a reader of what was actually written, both as `relative path → parsed JSON`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountData, RegionData, Scenario } from './scenario.js';

export type SnapshotFiles = Map<string, unknown>;

/**
 * Files for the given accounts (plus organization.json and, when the caller may read it,
 * identity-center.json: the collection must be run in its region), as a fault-free collection
 * writes them. `regions` is `--regions`
 * (default: each account's enabled regions).
 */
export function expectedSnapshotFiles(
  scenario: Scenario,
  accountIds: readonly string[],
  options: { regions?: readonly string[] } = {},
): SnapshotFiles {
  const files: SnapshotFiles = new Map();
  if (scenario.organization !== 'not-in-use') {
    const { delegatedAdministrators: _admins, ...organization } = scenario.organization;
    files.set('organization.json', organization);
  }
  const ic = scenario.identityCenter;
  if (
    ic !== undefined &&
    (ic.ownerAccountId === scenario.caller.accountId ||
      ic.delegatedAdministrators.includes(scenario.caller.accountId))
  ) {
    const {
      ownerAccountId: _owner,
      delegatedAdministrators: _delegated,
      region: _region,
      ...file
    } = ic;
    files.set('identity-center.json', file);
  }
  for (const id of accountIds) {
    const account = scenario.account(id);
    if (account === undefined) throw new Error(`scenario ${scenario.name} has no account ${id}`);
    for (const [name, content] of Object.entries(expectedAccountFiles(account, options.regions))) {
      files.set(`${id}/${name}`, content);
    }
  }
  return files;
}

/** `workloads.json` of one account: every region's workloads, regions in sorted order. */
export function expectedWorkloads(
  account: AccountData,
  regions: readonly string[] = account.regions ?? ['us-east-1'],
): { Workloads: Record<string, unknown>[] } {
  const workloads: Record<string, unknown>[] = [];
  for (const region of [...regions].sort()) {
    const data: RegionData = account.regional?.[region] ?? {};
    const add = (entry: Record<string, unknown>): void => {
      workloads.push(
        Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)),
      );
    };
    for (const f of data.lambdaFunctions ?? []) {
      add({
        Type: 'lambda-function',
        Arn: f.FunctionArn,
        Name: f.FunctionName,
        Region: region,
        RoleArn: f.Role,
        ResourcePolicy: f.Policy,
        FunctionUrls: f.Urls ?? [],
        Aliases: (f.Aliases ?? []).map((a) => ({
          AliasArn: `${f.FunctionArn}:${a.Name}`,
          Name: a.Name,
          FunctionVersion: a.FunctionVersion,
          ResourcePolicy: a.Policy,
        })),
        Versions: (f.Versions ?? []).map((v) => ({
          Version: v.Version,
          FunctionArn: `${f.FunctionArn}:${v.Version}`,
          ResourcePolicy: v.Policy,
        })),
        EventSourceMappings: (data.eventSourceMappings ?? [])
          .filter(
            (m) => m.FunctionArn === f.FunctionArn || m.FunctionArn.startsWith(`${f.FunctionArn}:`),
          )
          .map((m) => ({
            UUID: m.UUID,
            FunctionArn: m.FunctionArn,
            EventSourceArn: m.EventSourceArn,
            State: m.State,
          })),
      });
    }
    for (const i of data.instances ?? []) {
      if (i.State === 'terminated') continue;
      add({
        Type: 'ec2-instance',
        Arn: `arn:aws:ec2:${region}:${account.id}:instance/${i.InstanceId}`,
        Name: i.InstanceId,
        Region: region,
        RoleArn: i.expectedRoleArn,
        InstanceProfileArn: i.IamInstanceProfile?.Arn,
        Tags: i.Tags ?? [],
      });
    }
    for (const d of data.taskDefinitions ?? []) {
      add({
        Type: 'ecs-task-definition',
        Arn: d.taskDefinitionArn,
        Name: d.taskDefinitionArn.split('/').pop(),
        Region: region,
        RoleArn: d.taskRoleArn,
        Compatibilities: d.compatibilities,
      });
    }
    for (const c of data.ecsClusters ?? []) {
      add({
        Type: 'ecs-cluster',
        Arn: c.clusterArn,
        Name: c.clusterArn.slice(c.clusterArn.lastIndexOf('/') + 1),
        Region: region,
        ContainerInstances: Math.min(c.containerInstances ?? 0, 100),
      });
      for (const service of c.services) {
        add({
          Type: 'ecs-service',
          Arn: service.serviceArn,
          Name: service.serviceName,
          Region: region,
          RoleArn: service.expectedRoleArn,
        });
      }
    }
    for (const p of data.codebuildProjects ?? []) {
      add({
        Type: 'codebuild-project',
        Arn: p.arn,
        Name: p.name,
        Region: region,
        RoleArn: p.serviceRole,
      });
    }
    for (const j of data.glueJobs ?? []) {
      add({
        Type: 'glue-job',
        Arn: `arn:aws:glue:${region}:${account.id}:job/${j.Name}`,
        Name: j.Name,
        Region: region,
        RoleArn: j.expectedRoleArn,
      });
    }
    for (const e of data.glueDevEndpoints ?? []) {
      add({
        Type: 'glue-dev-endpoint',
        Arn: `arn:aws:glue:${region}:${account.id}:devEndpoint/${e.EndpointName}`,
        Name: e.EndpointName,
        Region: region,
        RoleArn: e.RoleArn,
      });
    }
    for (const n of data.notebooks ?? []) {
      add({
        Type: 'sagemaker-notebook',
        Arn: n.NotebookInstanceArn,
        Name: n.NotebookInstanceName,
        Region: region,
        RoleArn: n.RoleArn,
      });
    }
    for (const st of data.stacks ?? []) {
      if (st.RoleARN === undefined) continue;
      add({
        Type: 'cloudformation-stack',
        Arn: st.StackId,
        Name: st.StackName,
        Region: region,
        RoleArn: st.RoleARN,
      });
    }
    for (const s of data.stackSets ?? []) {
      if (s.Status !== 'ACTIVE') continue;
      add({
        Type: 'cloudformation-stack-set',
        Arn: s.StackSetARN,
        Name: s.StackSetName,
        Region: region,
        PermissionModel: s.PermissionModel,
        AdministrationRoleArn: s.AdministrationRoleARN,
        ExecutionRoleName: s.ExecutionRoleName,
        StackInstances: s.instances,
      });
    }
    for (const a of data.apprunnerServices ?? []) {
      add({
        Type: 'apprunner-service',
        Arn: a.ServiceArn,
        Name: a.ServiceName,
        Region: region,
        RoleArn: a.InstanceRoleArn,
      });
    }
    for (const g of data.autoScalingGroups ?? []) {
      const spec =
        g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate.LaunchTemplateSpecification;
      if (spec === undefined) continue;
      const template = (data.launchTemplates ?? []).find(
        (t) =>
          t.LaunchTemplateId === spec.LaunchTemplateId ||
          t.LaunchTemplateName === spec.LaunchTemplateName,
      );
      add({
        Type: 'autoscaling-group',
        Arn: g.AutoScalingGroupARN,
        Name: g.AutoScalingGroupName,
        Region: region,
        RoleArn: g.expectedRoleArn,
        InstanceProfileArn: g.expectedInstanceProfileArn,
        LaunchTemplate: {
          LaunchTemplateId: spec.LaunchTemplateId ?? template?.LaunchTemplateId,
          LaunchTemplateName: spec.LaunchTemplateName ?? template?.LaunchTemplateName,
          Version: spec.Version ?? '$Default',
          ...(template === undefined ? {} : { Tags: template.Tags ?? [] }),
        },
        MinSize: g.MinSize,
        MaxSize: g.MaxSize,
        DesiredCapacity: g.DesiredCapacity,
      });
    }
    const environments = data.batchComputeEnvironments ?? [];
    for (const q of data.batchJobQueues ?? []) {
      add({
        Type: 'batch-job-queue',
        Arn: q.jobQueueArn,
        Name: q.jobQueueName,
        Region: region,
        State: q.state,
        Status: q.status,
        ComputeEnvironments: [...q.computeEnvironmentOrder]
          .sort((a, b) => a.order - b.order)
          .flatMap((o) =>
            environments
              .filter(
                (e) =>
                  e.computeEnvironmentArn === o.computeEnvironment ||
                  e.computeEnvironmentName === o.computeEnvironment,
              )
              .map((e) =>
                Object.fromEntries(
                  Object.entries({
                    Arn: e.computeEnvironmentArn,
                    State: e.state,
                    Status: e.status,
                    Type: e.type,
                    ComputeResourcesType: e.computeResources?.type,
                    ContainerOrchestrationType: e.containerOrchestrationType,
                  }).filter(([, v]) => v !== undefined),
                ),
              ),
          ),
      });
    }
    for (const d of data.batchJobDefinitions ?? []) {
      if (d.expected !== true) continue;
      add({
        Type: 'batch-job-definition',
        Arn: d.jobDefinitionArn,
        Name: `${d.jobDefinitionName}:${String(d.revision)}`,
        Region: region,
        RoleArn:
          d.containerProperties?.jobRoleArn ?? d.ecsProperties?.taskProperties[0]?.taskRoleArn,
        PlatformCapabilities: d.platformCapabilities,
      });
    }
    for (const c of data.codeInterpreters ?? []) {
      if (c.expected !== true) continue;
      add({
        Type: 'bedrock-agentcore-code-interpreter',
        Arn: c.codeInterpreterArn,
        Name: c.name,
        Region: region,
        RoleArn: c.executionRoleArn,
      });
    }
    for (const b of data.browsers ?? []) {
      if (b.expected !== true) continue;
      add({
        Type: 'bedrock-agentcore-browser',
        Arn: b.browserArn,
        Name: b.name,
        Region: region,
        RoleArn: b.executionRoleArn,
      });
    }
    for (const r of data.agentRuntimes ?? []) {
      if (r.expected !== true) continue;
      add({
        Type: 'bedrock-agentcore-runtime',
        Arn: r.agentRuntimeArn,
        Name: r.agentRuntimeName,
        Region: region,
        RoleArn: r.roleArn,
        InboundAuth: r.jwt === true ? 'JWT' : 'IAM',
        LastUpdatedAt: new Date(r.lastUpdatedAt).toISOString(),
      });
    }
    for (const pool of data.identityPools ?? []) {
      add({
        Type: 'cognito-identity-pool',
        Arn: pool.arn,
        Name: pool.IdentityPoolName,
        Region: region,
        AllowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities,
        AllowClassicFlow: pool.AllowClassicFlow ?? false,
        Roles: pool.Roles ?? {},
      });
    }
    for (const app of data.codedeployApplications ?? [])
      for (const g of app.groups) {
        const filter = (f: { Key?: string; Value?: string; Type?: string }): unknown => ({ ...f });
        const set = g.ec2TagSet?.ec2TagSetList ?? [];
        add({
          Type: 'codedeploy-deployment-group',
          Arn: `arn:aws:codedeploy:${region}:${account.id}:deploymentgroup:${app.applicationName}/${g.deploymentGroupName}`,
          Name: `${app.applicationName}/${g.deploymentGroupName}`,
          Region: region,
          ApplicationName: app.applicationName,
          DeploymentGroupName: g.deploymentGroupName,
          ComputePlatform: g.computePlatform,
          DeploymentConfigName: g.deploymentConfigName,
          ServiceRoleArn: g.serviceRoleArn,
          Ec2TagFilters:
            (g.ec2TagFilters ?? []).length > 0 ? g.ec2TagFilters?.map(filter) : undefined,
          Ec2TagSet: set.length > 0 ? set.map((group) => group.map(filter)) : undefined,
          AutoScalingGroups:
            (g.autoScalingGroups ?? []).length > 0
              ? g.autoScalingGroups?.map((a) => a.name)
              : undefined,
        });
      }
    for (const m of data.stateMachines ?? []) {
      if (m.expected !== true) continue;
      add({
        Type: 'stepfunctions-state-machine',
        Arn: m.stateMachineArn,
        Name: m.name,
        Region: region,
        RoleArn: m.roleArn,
      });
    }
  }
  return { Workloads: workloads };
}

/** `resources.json` of one account: every region's resources, regions in sorted order. */
export function expectedResources(
  account: AccountData,
  regions: readonly string[] = account.regions ?? ['us-east-1'],
): { Resources: Record<string, unknown>[] } {
  const resources: Record<string, unknown>[] = [];
  const add = (entry: Record<string, unknown>): void => {
    resources.push(
      Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)),
    );
  };
  for (const region of [...regions].sort()) {
    const data: RegionData = account.regional?.[region] ?? {};
    for (const k of data.kmsKeys ?? []) {
      add({
        Type: 'kms-key',
        Arn: k.Arn,
        Region: region,
        Policy: k.Policy,
        KeyManager: k.KeyManager,
        Aliases: k.Aliases,
        Grants: k.Grants,
      });
    }
    for (const sec of data.secrets ?? []) {
      add({
        Type: 'secretsmanager-secret',
        Arn: sec.ARN,
        Region: region,
        Policy: sec.ResourcePolicy,
        KmsKeyId: sec.KmsKeyId,
      });
    }
    for (const q of data.queues ?? []) {
      add({
        Type: 'sqs-queue',
        Arn: q.QueueArn,
        Region: region,
        Policy: q.Policy,
        KmsKeyId: q.KmsMasterKeyId,
      });
    }
    for (const t of data.topics ?? []) {
      add({
        Type: 'sns-topic',
        Arn: t.TopicArn,
        Region: region,
        Policy: t.Policy,
        KmsKeyId: t.KmsMasterKeyId,
      });
    }
    for (const r of data.repositories ?? []) {
      add({
        Type: 'ecr-repository',
        Arn: r.repositoryArn,
        Region: region,
        Policy: r.policyText,
        KmsKeyId: r.kmsKey,
      });
    }
  }
  return { Resources: resources };
}

export function expectedAccountFiles(
  account: AccountData,
  regions?: readonly string[],
): Record<string, unknown> {
  return {
    'workloads.json': expectedWorkloads(account, regions),
    'resources.json': expectedResources(account, regions),
    'iam.json': account.iam,
    'identity-providers.json': {
      OpenIDConnectProviders: account.oidcProviders.map((p) => ({
        Arn: p.Arn,
        Url: p.Url,
        ClientIDList: p.ClientIDList,
      })),
      SAMLProviders: account.samlProviders.map((p) => ({ Arn: p.Arn })),
    },
    's3.json': {
      Owner: account.s3.Owner,
      ...(account.s3.AccountPublicAccessBlock === undefined
        ? {}
        : { AccountPublicAccessBlock: account.s3.AccountPublicAccessBlock }),
      Buckets: account.s3.Buckets.map((b) => ({
        Name: b.Name,
        Region: b.Region,
        ...(b.Policy === undefined ? {} : { Policy: b.Policy }),
        ...(b.PublicAccessBlock === undefined ? {} : { PublicAccessBlock: b.PublicAccessBlock }),
        ...(b.OwnershipControls === undefined ? {} : { OwnershipControls: b.OwnershipControls }),
        Acl: b.Acl,
        ...(b.Encryption === undefined ? {} : { Encryption: b.Encryption }),
      })),
    },
  };
}

/** Every JSON file of a snapshot directory except collection.json; fails on leftover temp files. */
export async function readWrittenSnapshot(dir: string): Promise<SnapshotFiles> {
  const files: SnapshotFiles = new Map();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      for (const name of await readdir(join(dir, entry.name))) {
        files.set(`${entry.name}/${name}`, await readJsonOrText(join(dir, entry.name, name)));
      }
    } else if (entry.name !== 'collection.json') {
      files.set(entry.name, await readJsonOrText(join(dir, entry.name)));
    }
  }
  return files;
}

async function readJsonOrText(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  return path.endsWith('.json') ? JSON.parse(text) : text;
}

/** Readable comparison: sorted entries. */
export function sortedEntries(files: SnapshotFiles): [string, unknown][] {
  return [...files.entries()].sort(([a], [b]) => a.localeCompare(b));
}
