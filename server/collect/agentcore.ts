/**
 * Amazon Bedrock AgentCore of one region (bedrock-agentcore-control): the custom code
 * interpreters (ListCodeInterpreters `type=CUSTOM`, then GetCodeInterpreter for the execution role
 * the interpreter's code runs as), the custom browsers (ListBrowsers `type=CUSTOM`, then
 * GetBrowser for the execution role whose credentials a session's pages can read) and the agent
 * runtimes (ListAgentRuntimes, then GetAgentRuntime for its execution role, inbound authorizer
 * and last update). Only READY ones with an execution role are written: code runs in no other.
 * AgentCore is offered in few regions; elsewhere its endpoint does not resolve and the region is
 * skipped (RegionContext).
 */
import {
  GetAgentRuntimeCommand,
  GetBrowserCommand,
  GetCodeInterpreterCommand,
  ListAgentRuntimesCommand,
  ListBrowsersCommand,
  ListCodeInterpretersCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

/** The code interpreters, the custom browsers and the agent runtimes of the region. */
export async function readAgentCoreWorkloads(ctx: RegionContext): Promise<WorkloadJson[]> {
  const [interpreters, browsers, runtimes] = await Promise.all([
    readCustomTools(ctx, CODE_INTERPRETERS),
    readCustomTools(ctx, BROWSERS),
    readAgentRuntimes(ctx),
  ]);
  return [...interpreters, ...browsers, ...runtimes];
}

/** One described custom tool: what its Get call answers that the workload needs. */
interface ToolDescription {
  arn?: string | undefined;
  name?: string | undefined;
  status?: string | undefined;
  executionRoleArn?: string | undefined;
}

/** How to list and describe one kind of AgentCore built-in tool (code interpreter, browser). */
interface CustomToolKind {
  type: 'bedrock-agentcore-code-interpreter' | 'bedrock-agentcore-browser';
  listOperation: string;
  getOperation: string;
  /** One page of the CUSTOM tools: the READY ones' ids and the next token. */
  list(
    ctx: RegionContext,
    token: string | undefined,
  ): Promise<{ ids: string[]; next: string | undefined }>;
  get(ctx: RegionContext, id: string): Promise<ToolDescription>;
}

const CODE_INTERPRETERS: CustomToolKind = {
  type: 'bedrock-agentcore-code-interpreter',
  listOperation: 'bedrock-agentcore:ListCodeInterpreters',
  getOperation: 'bedrock-agentcore:GetCodeInterpreter',
  async list(ctx, token) {
    const out = await ctx.client('agentcoreControl').send(
      new ListCodeInterpretersCommand({
        type: 'CUSTOM',
        ...(token === undefined ? {} : { nextToken: token }),
      }),
    );
    const ids: string[] = [];
    for (const summary of out.codeInterpreterSummaries ?? [])
      if (summary.codeInterpreterId !== undefined && summary.status === 'READY')
        ids.push(summary.codeInterpreterId);
    return { ids, next: out.nextToken };
  },
  async get(ctx, id) {
    const out = await ctx
      .client('agentcoreControl')
      .send(new GetCodeInterpreterCommand({ codeInterpreterId: id }));
    return {
      arn: out.codeInterpreterArn,
      name: out.name,
      status: out.status,
      executionRoleArn: out.executionRoleArn,
    };
  },
};

const BROWSERS: CustomToolKind = {
  type: 'bedrock-agentcore-browser',
  listOperation: 'bedrock-agentcore:ListBrowsers',
  getOperation: 'bedrock-agentcore:GetBrowser',
  async list(ctx, token) {
    const out = await ctx.client('agentcoreControl').send(
      new ListBrowsersCommand({
        type: 'CUSTOM',
        ...(token === undefined ? {} : { nextToken: token }),
      }),
    );
    const ids: string[] = [];
    for (const summary of out.browserSummaries ?? [])
      if (summary.browserId !== undefined && summary.status === 'READY')
        ids.push(summary.browserId);
    return { ids, next: out.nextToken };
  },
  async get(ctx, id) {
    const out = await ctx.client('agentcoreControl').send(new GetBrowserCommand({ browserId: id }));
    return {
      arn: out.browserArn,
      name: out.name,
      status: out.status,
      executionRoleArn: out.executionRoleArn,
    };
  },
};

/**
 * The region's READY custom tools of one kind that have an execution role. A failed list or
 * describe is recorded (ctx.fail) and the rest goes on.
 */
async function readCustomTools(ctx: RegionContext, kind: CustomToolKind): Promise<WorkloadJson[]> {
  const ids: string[] = [];
  try {
    await readAllPages(kind.listOperation, async (token) => {
      const page = await kind.list(ctx, token);
      ids.push(...page.ids);
      return { items: undefined, next: page.next };
    });
  } catch (err: unknown) {
    ctx.fail('agentcoreControl', kind.listOperation, err);
  }
  const tools: WorkloadJson[] = [];
  for (const id of ids) {
    try {
      const out = await kind.get(ctx, id);
      const role = out.executionRoleArn;
      if (out.arn === undefined || role === undefined || role === '') continue;
      if (out.status !== undefined && out.status !== 'READY') continue;
      tools.push({
        Type: kind.type,
        Arn: out.arn,
        Name: out.name ?? id,
        Region: ctx.region,
        RoleArn: role,
      });
    } catch (err: unknown) {
      ctx.fail('agentcoreControl', kind.getOperation, err, id);
    }
  }
  return tools;
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
