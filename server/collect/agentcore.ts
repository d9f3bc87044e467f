/**
 * Amazon Bedrock AgentCore of one region (bedrock-agentcore-control): the custom code
 * interpreters (ListCodeInterpreters `type=CUSTOM`, then GetCodeInterpreter for the execution role
 * the interpreter's code runs as) and the agent runtimes (ListAgentRuntimes, then GetAgentRuntime
 * for its execution role, inbound authorizer and last update). Only READY ones with an execution
 * role are written: code runs in no other. AgentCore is offered in few regions; elsewhere its
 * endpoint does not resolve and the region is skipped (RegionContext).
 */
import {
  GetAgentRuntimeCommand,
  GetCodeInterpreterCommand,
  ListAgentRuntimesCommand,
  ListCodeInterpretersCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

/** The code interpreters and the agent runtimes of the region. */
export async function readAgentCoreWorkloads(ctx: RegionContext): Promise<WorkloadJson[]> {
  const [interpreters, runtimes] = await Promise.all([
    readCodeInterpreters(ctx),
    readAgentRuntimes(ctx),
  ]);
  return [...interpreters, ...runtimes];
}

async function readCodeInterpreters(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('agentcoreControl');
  const ids: string[] = [];
  try {
    await readAllPages('bedrock-agentcore:ListCodeInterpreters', async (token) => {
      const out = await client.send(
        new ListCodeInterpretersCommand({
          type: 'CUSTOM',
          ...(token === undefined ? {} : { nextToken: token }),
        }),
      );
      for (const summary of out.codeInterpreterSummaries ?? [])
        if (summary.codeInterpreterId !== undefined && summary.status === 'READY')
          ids.push(summary.codeInterpreterId);
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('agentcoreControl', 'bedrock-agentcore:ListCodeInterpreters', err);
  }
  const interpreters: WorkloadJson[] = [];
  for (const id of ids) {
    try {
      const out = await client.send(new GetCodeInterpreterCommand({ codeInterpreterId: id }));
      const role = out.executionRoleArn;
      if (out.codeInterpreterArn === undefined || role === undefined || role === '') continue;
      if (out.status !== undefined && out.status !== 'READY') continue;
      interpreters.push({
        Type: 'bedrock-agentcore-code-interpreter',
        Arn: out.codeInterpreterArn,
        Name: out.name ?? id,
        Region: ctx.region,
        RoleArn: role,
      });
    } catch (err: unknown) {
      ctx.fail('agentcoreControl', 'bedrock-agentcore:GetCodeInterpreter', err, id);
    }
  }
  return interpreters;
}

async function readAgentRuntimes(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('agentcoreControl');
  const ids: string[] = [];
  try {
    await readAllPages('bedrock-agentcore:ListAgentRuntimes', async (token) => {
      const out = await client.send(
        new ListAgentRuntimesCommand(token === undefined ? {} : { nextToken: token }),
      );
      for (const runtime of out.agentRuntimes ?? [])
        if (runtime.agentRuntimeId !== undefined && runtime.status === 'READY')
          ids.push(runtime.agentRuntimeId);
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('agentcoreControl', 'bedrock-agentcore:ListAgentRuntimes', err);
  }
  const runtimes: WorkloadJson[] = [];
  for (const id of ids) {
    try {
      const out = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
      const role = out.roleArn;
      if (out.agentRuntimeArn === undefined || role === undefined || role === '') continue;
      if (out.status !== undefined && out.status !== 'READY') continue;
      runtimes.push({
        Type: 'bedrock-agentcore-runtime',
        Arn: out.agentRuntimeArn,
        Name: out.agentRuntimeName ?? id,
        Region: ctx.region,
        RoleArn: role,
        InboundAuth: out.authorizerConfiguration?.customJWTAuthorizer === undefined ? 'IAM' : 'JWT',
        ...(out.lastUpdatedAt === undefined
          ? {}
          : { LastUpdatedAt: out.lastUpdatedAt.toISOString() }),
      });
    } catch (err: unknown) {
      ctx.fail('agentcoreControl', 'bedrock-agentcore:GetAgentRuntime', err, id);
    }
  }
  return runtimes;
}
