/**
 * Amazon Bedrock AgentCore code interpreters of one region (bedrock-agentcore-control
 * ListCodeInterpreters `type=CUSTOM`, then GetCodeInterpreter for the execution role the
 * interpreter's code runs as). Only READY interpreters with an execution role are written: code
 * runs in no other. AgentCore is offered in few regions; elsewhere its endpoint does not resolve
 * and the region is skipped (RegionContext).
 */
import {
  GetCodeInterpreterCommand,
  ListCodeInterpretersCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

export async function readCodeInterpreters(ctx: RegionContext): Promise<WorkloadJson[]> {
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
