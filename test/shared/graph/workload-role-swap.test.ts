/**
 * Passing a role to existing compute (IAM-SEMANTICS.md E.3, new compute). Lambda:
 * UpdateFunctionConfiguration sets the function's execution role — with iam:PassRole on it
 * (https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html) — and
 * UpdateFunctionCode its code; once the function runs (InvokeFunction, or an existing push
 * trigger) the attacker acts as the new role. CodeBuild UpdateProject + StartBuild
 * (https://docs.aws.amazon.com/codebuild/latest/APIReference/API_UpdateProject.html), Glue
 * UpdateJob + StartJobRun (https://docs.aws.amazon.com/glue/latest/webapi/API_UpdateJob.html) and
 * CloudFormation UpdateStack with a new RoleARN
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStack.html) do the
 * same. Negative twins: each missing permission, PassRole limited to another service, a role that
 * does not trust the service, a workload nothing runs.
 */
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const FN = (name: string): string => `arn:aws:lambda:us-east-1:${A}:function:${name}`;
const ROLE = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const SWAP = [
  'iam:PassRole',
  'lambda:UpdateFunctionConfiguration',
  'lambda:UpdateFunctionCode',
  'lambda:InvokeFunction',
].join('+');
const SWAP_AT_TRIGGER = 'iam:PassRole+lambda:UpdateFunctionConfiguration+lambda:UpdateFunctionCode';
const PROJECT = `arn:aws:codebuild:us-east-1:${A}:project/build`;
const JOB = `arn:aws:glue:us-east-1:${A}:job/etl`;
const STACK = `arn:aws:cloudformation:us-east-1:${A}:stack/app/1a2b3c4d`;
const SERVICE = `arn:aws:ecs:us-east-1:${A}:service/main/web`;
const NOTEBOOK = `arn:aws:sagemaker:us-east-1:${A}:notebook-instance/lab`;
const INSTANCE = `arn:aws:ec2:us-east-1:${A}:instance/i-0123456789abcdef0`;
/** SendCommand is authorized on the command document too (workload-takeover.ts commandDocuments). */
const RUN_SHELL_SCRIPT = 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript';

const allow = (action: string | string[], resource: string, condition?: Doc): Doc => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});
const policy = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const passToLambda = (service = 'lambda.amazonaws.com'): Doc =>
  allow('iam:PassRole', ROLE('admin-*'), { StringEquals: { 'iam:PassedToService': service } });
const fnActions = (actions: string[], fn: string): Doc => allow(actions, FN(fn));

const publicUrlPolicy = (fn: string): Doc =>
  policy(
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunctionUrl',
      Resource: fn,
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    },
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunction',
      Resource: fn,
      Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } },
    },
  );

const attacker = (name: string, ...statements: Doc[]) => ({
  name,
  trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
  policies: [policy(...statements)],
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-role-swap-'));
  const all = ['lambda:UpdateFunctionConfiguration', 'lambda:UpdateFunctionCode'];
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          { name: 'app-runner', trust: trust({ Service: 'lambda.amazonaws.com' }) },
          { name: 'admin-lambda', trust: trust({ Service: 'lambda.amazonaws.com' }) },
          { name: 'admin-ec2', trust: trust({ Service: 'ec2.amazonaws.com' }) },
          {
            name: 'admin-fleet',
            trust: trust({ Service: 'ec2.amazonaws.com' }),
            instanceProfile: true,
          },
          {
            name: 'web-instance',
            trust: trust({ Service: 'ec2.amazonaws.com' }),
            instanceProfile: true,
          },
          attacker(
            'instance-operator',
            allow('iam:PassRole', ROLE('admin-*')),
            allow(['ec2:ReplaceIamInstanceProfileAssociation', 'ssm:SendCommand'], INSTANCE),
            allow('ssm:SendCommand', RUN_SHELL_SCRIPT),
          ),
          attacker(
            'instance-operator-no-document',
            allow('iam:PassRole', ROLE('admin-*')),
            allow(['ec2:ReplaceIamInstanceProfileAssociation', 'ssm:SendCommand'], INSTANCE),
          ),
          attacker(
            'instance-operator-disassociates',
            allow('iam:PassRole', ROLE('admin-*')),
            allow(
              [
                'ec2:DisassociateIamInstanceProfile',
                'ec2:AssociateIamInstanceProfile',
                'ssm:SendCommand',
              ],
              INSTANCE,
            ),
            allow('ssm:SendCommand', RUN_SHELL_SCRIPT),
          ),
          attacker(
            'instance-operator-new-profile',
            allow('iam:PassRole', ROLE('admin-*')),
            allow(
              ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'],
              `arn:aws:iam::${A}:instance-profile/*`,
            ),
            allow(['ec2:ReplaceIamInstanceProfileAssociation', 'ssm:SendCommand'], INSTANCE),
            allow('ssm:SendCommand', RUN_SHELL_SCRIPT),
          ),
          attacker(
            'profile-refiller',
            allow('iam:PassRole', ROLE('admin-*')),
            allow(
              ['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'],
              `arn:aws:iam::${A}:instance-profile/web-instance`,
            ),
            allow('ssm:SendCommand', INSTANCE),
            allow('ssm:SendCommand', RUN_SHELL_SCRIPT),
          ),
          attacker(
            'profile-refiller-no-command',
            allow('iam:PassRole', ROLE('admin-*')),
            allow(
              ['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'],
              `arn:aws:iam::${A}:instance-profile/web-instance`,
            ),
          ),
          attacker(
            'instance-operator-wrong-call',
            allow('iam:PassRole', ROLE('admin-*')),
            allow(['ec2:AssociateIamInstanceProfile', 'ssm:SendCommand'], INSTANCE),
            allow('ssm:SendCommand', RUN_SHELL_SCRIPT),
          ),
          { name: 'build-runner', trust: trust({ Service: 'codebuild.amazonaws.com' }) },
          { name: 'admin-build', trust: trust({ Service: 'codebuild.amazonaws.com' }) },
          { name: 'admin-glue', trust: trust({ Service: 'glue.amazonaws.com' }) },
          { name: 'admin-cfn', trust: trust({ Service: 'cloudformation.amazonaws.com' }) },
          { name: 'admin-task', trust: trust({ Service: 'ecs-tasks.amazonaws.com' }) },
          { name: 'admin-notebook', trust: trust({ Service: 'sagemaker.amazonaws.com' }) },
          attacker(
            'service-deployer',
            allow('iam:PassRole', ROLE('admin-task')),
            allow('ecs:RegisterTaskDefinition', '*'),
            allow('ecs:UpdateService', SERVICE),
          ),
          attacker(
            'notebook-editor',
            allow('iam:PassRole', ROLE('admin-notebook')),
            allow(
              [
                'sagemaker:StopNotebookInstance',
                'sagemaker:UpdateNotebookInstance',
                'sagemaker:StartNotebookInstance',
                'sagemaker:CreatePresignedNotebookInstanceUrl',
              ],
              NOTEBOOK,
            ),
          ),
          attacker(
            'notebook-editor-cannot-stop',
            allow('iam:PassRole', ROLE('admin-notebook')),
            allow(
              [
                'sagemaker:UpdateNotebookInstance',
                'sagemaker:StartNotebookInstance',
                'sagemaker:CreatePresignedNotebookInstanceUrl',
              ],
              NOTEBOOK,
            ),
          ),
          attacker(
            'project-editor',
            allow('iam:PassRole', ROLE('admin-build')),
            allow(['codebuild:UpdateProject', 'codebuild:StartBuild'], PROJECT),
          ),
          attacker(
            'project-editor-no-start',
            allow('iam:PassRole', ROLE('admin-build')),
            allow('codebuild:UpdateProject', PROJECT),
          ),
          attacker(
            'job-editor',
            allow('iam:PassRole', ROLE('admin-glue')),
            allow(['glue:UpdateJob', 'glue:StartJobRun'], JOB),
          ),
          attacker(
            'stack-editor',
            allow('iam:PassRole', ROLE('admin-cfn')),
            allow('cloudformation:UpdateStack', STACK),
          ),
          attacker('stack-editor-no-pass', allow('cloudformation:UpdateStack', STACK)),
          attacker('swapper', passToLambda(), fnActions([...all, 'lambda:InvokeFunction'], 'app')),
          attacker('swapper-at-trigger', passToLambda(), fnActions(all, 'on-upload')),
          attacker(
            'no-config',
            passToLambda(),
            fnActions(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], 'app'),
          ),
          attacker('no-pass', fnActions([...all, 'lambda:InvokeFunction'], 'app')),
          attacker(
            'pass-to-ec2',
            passToLambda('ec2.amazonaws.com'),
            fnActions([...all, 'lambda:InvokeFunction'], 'app'),
          ),
          attacker('nothing-runs-it', passToLambda(), fnActions(all, 'app')),
          attacker(
            'url-swapper',
            passToLambda(),
            fnActions(all, 'url-app'),
            fnActions(all, 'urlless-app'),
          ),
        ],
        workloads: [
          {
            Type: 'ec2-instance',
            Arn: INSTANCE,
            Name: 'web',
            Region: 'us-east-1',
            RoleArn: ROLE('web-instance'),
          },
          {
            Type: 'ecs-service',
            Arn: SERVICE,
            Name: 'web',
            Region: 'us-east-1',
            RoleArn: ROLE('build-runner'),
          },
          {
            Type: 'sagemaker-notebook',
            Arn: NOTEBOOK,
            Name: 'lab',
            Region: 'us-east-1',
            RoleArn: ROLE('build-runner'),
          },
          {
            Type: 'codebuild-project',
            Arn: PROJECT,
            Name: 'build',
            Region: 'us-east-1',
            RoleArn: ROLE('build-runner'),
          },
          {
            Type: 'glue-job',
            Arn: JOB,
            Name: 'etl',
            Region: 'us-east-1',
            RoleArn: ROLE('build-runner'),
          },
          {
            Type: 'cloudformation-stack',
            Arn: STACK,
            Name: 'app',
            Region: 'us-east-1',
            RoleArn: ROLE('build-runner'),
          },
          {
            Type: 'lambda-function',
            Arn: FN('app'),
            Name: 'app',
            Region: 'us-east-1',
            RoleArn: ROLE('app-runner'),
          },
          // The statements AWS writes for a NONE URL: anyone may call it, and through it only.
          {
            Type: 'lambda-function',
            Arn: FN('url-app'),
            Name: 'url-app',
            Region: 'us-east-1',
            RoleArn: ROLE('app-runner'),
            ResourcePolicy: JSON.stringify(publicUrlPolicy(FN('url-app'))),
            FunctionUrls: [
              {
                FunctionUrl: 'https://urlapp.lambda-url.us-east-1.on.aws/',
                FunctionArn: FN('url-app'),
                AuthType: 'NONE',
              },
            ],
          },
          // The same statements left behind by a deleted URL.
          {
            Type: 'lambda-function',
            Arn: FN('urlless-app'),
            Name: 'urlless-app',
            Region: 'us-east-1',
            RoleArn: ROLE('app-runner'),
            ResourcePolicy: JSON.stringify(publicUrlPolicy(FN('urlless-app'))),
            FunctionUrls: [],
          },
          {
            Type: 'lambda-function',
            Arn: FN('on-upload'),
            Name: 'on-upload',
            Region: 'us-east-1',
            RoleArn: ROLE('app-runner'),
            ResourcePolicy: JSON.stringify(
              policy({
                Effect: 'Allow',
                Principal: { Service: 's3.amazonaws.com' },
                Action: 'lambda:InvokeFunction',
                Resource: FN('on-upload'),
              }),
            ),
          },
        ],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function techniques(from: string, to: string): string[] {
  return escalationEdges(analysis.graph, ROLE(from), ROLE(to)).map((a) => String(a.technique));
}

describe('passing a role to existing compute', () => {
  it('reaches a role that trusts Lambda through the function, naming it', () => {
    expect(techniques('swapper', 'admin-lambda')).toEqual([SWAP]);
    const g = analysis.graph;
    const key = g.edges(ROLE('swapper'), ROLE('admin-lambda'))[0] ?? '';
    expect(g.getEdgeAttribute(key, 'workload')).toBe(FN('app'));
  });

  it('runs it through its public function URL without InvokeFunction; not a function whose URL is gone', () => {
    // The Invoke API carries no lambda:InvokedViaFunctionUrl: the URL statements serve only a
    // URL call (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html).
    const edges = escalationEdges(analysis.graph, ROLE('url-swapper'), ROLE('admin-lambda'));
    // The technique names the call made: the URL's.
    expect(edges.map((a) => [a.technique, a.workload, a.decision])).toEqual([
      [`${SWAP}Url`, FN('url-app'), 'allow'],
    ]);
  });

  it('runs at an existing trigger without InvokeFunction', () => {
    expect(techniques('swapper-at-trigger', 'admin-lambda')).toEqual([SWAP_AT_TRIGGER]);
    const g = analysis.graph;
    const key = g.edges(ROLE('swapper-at-trigger'), ROLE('admin-lambda'))[0] ?? '';
    expect(g.getEdgeAttribute(key, 'notes')).toContain('runs-at-existing-trigger');
  });

  it.each([
    [
      'CodeBuild: UpdateProject + StartBuild',
      'project-editor',
      'admin-build',
      `iam:PassRole+codebuild:UpdateProject+codebuild:StartBuild`,
      PROJECT,
    ],
    [
      'Glue: UpdateJob + StartJobRun',
      'job-editor',
      'admin-glue',
      'iam:PassRole+glue:UpdateJob+glue:StartJobRun',
      JOB,
    ],
    [
      'CloudFormation: UpdateStack with a new role',
      'stack-editor',
      'admin-cfn',
      'iam:PassRole+cloudformation:UpdateStack',
      STACK,
    ],
    [
      'ECS: a task definition revision deployed by UpdateService',
      'service-deployer',
      'admin-task',
      'iam:PassRole+ecs:RegisterTaskDefinition+ecs:UpdateService',
      SERVICE,
    ],
    [
      'SageMaker: a stopped notebook given the role',
      'notebook-editor',
      'admin-notebook',
      'iam:PassRole+sagemaker:StopNotebookInstance+sagemaker:UpdateNotebookInstance+sagemaker:StartNotebookInstance+sagemaker:CreatePresignedNotebookInstanceUrl',
      NOTEBOOK,
    ],
    [
      'EC2: the instance profile of the role swapped onto an instance the attacker commands',
      'instance-operator',
      'admin-fleet',
      'iam:PassRole+ec2:ReplaceIamInstanceProfileAssociation+ssm:SendCommand',
      INSTANCE,
    ],
    [
      "EC2: the instance's profile disassociated, then the role's associated",
      'instance-operator-disassociates',
      'admin-fleet',
      'iam:PassRole+ec2:DisassociateIamInstanceProfile+ec2:AssociateIamInstanceProfile+ssm:SendCommand',
      INSTANCE,
    ],
    [
      'EC2: a role in no instance profile put into a new one, then swapped onto the instance',
      'instance-operator-new-profile',
      'admin-ec2',
      'iam:PassRole+iam:CreateInstanceProfile+iam:AddRoleToInstanceProfile+ec2:ReplaceIamInstanceProfileAssociation+ssm:SendCommand',
      INSTANCE,
    ],
    [
      "EC2: the role put into the instance's own profile in place of its role",
      'profile-refiller',
      'admin-ec2',
      'iam:PassRole+iam:RemoveRoleFromInstanceProfile+iam:AddRoleToInstanceProfile+ssm:SendCommand',
      INSTANCE,
    ],
  ])('%s reaches the role it passes', (_, from, to, technique, workload) => {
    expect(techniques(from, to)).toEqual([technique]);
    const g = analysis.graph;
    const key = g.edges(ROLE(from), ROLE(to))[0] ?? '';
    expect(g.getEdgeAttribute(key, 'workload')).toBe(workload);
  });

  it.each([
    ['a CodeBuild project the attacker cannot start', 'project-editor-no-start', 'admin-build'],
    ['a stack update without iam:PassRole', 'stack-editor-no-pass', 'admin-cfn'],
    ['a notebook the attacker cannot stop', 'notebook-editor-cannot-stop', 'admin-notebook'],
    ['an EC2 role in no instance profile', 'instance-operator', 'admin-ec2'],
    [
      "the instance's profile refilled but no command run there",
      'profile-refiller-no-command',
      'admin-ec2',
    ],
    [
      'SendCommand allowed on the instance but on no command document',
      'instance-operator-no-document',
      'admin-fleet',
    ],
    [
      'AssociateIamInstanceProfile on an instance that has a profile already',
      'instance-operator-wrong-call',
      'admin-fleet',
    ],
    ['without UpdateFunctionConfiguration', 'no-config', 'admin-lambda'],
    ['without iam:PassRole', 'no-pass', 'admin-lambda'],
    ['with iam:PassRole to EC2 only', 'pass-to-ec2', 'admin-lambda'],
    ['to a role that does not trust Lambda', 'swapper', 'admin-ec2'],
    ['when nothing runs the function', 'nothing-runs-it', 'admin-lambda'],
  ])('negative twin — %s: no edge', (_, from, to) => {
    expect(techniques(from, to)).toEqual([]);
  });
});
