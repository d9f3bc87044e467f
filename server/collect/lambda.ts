/**
 * Lambda functions of one region (ListFunctions, every page) with each function's resource
 * policy (GetPolicy; `ResourceNotFoundException` = no policy) and its function URLs
 * (ListFunctionUrlConfigs, every page; an error leaves them unknown). Only `$LATEST` is listed:
 * the policies of versions and aliases are not read.
 */
import {
  GetPolicyCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { errorNameOf } from './aws-errors.js';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { FunctionUrlJson, WorkloadJson } from './workloads.js';

export async function readLambdaFunctions(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('lambda');
  const functions: WorkloadJson[] = [];
  try {
    await readAllPages('lambda:ListFunctions', async (marker) => {
      const out = await client.send(
        new ListFunctionsCommand({
          MaxItems: 50,
          ...(marker === undefined ? {} : { Marker: marker }),
        }),
      );
      for (const fn of out.Functions ?? []) {
        if (fn.FunctionArn === undefined || fn.FunctionName === undefined) continue;
        functions.push({
          Type: 'lambda-function',
          Arn: fn.FunctionArn,
          Name: fn.FunctionName,
          Region: ctx.region,
          ...(fn.Role === undefined ? {} : { RoleArn: fn.Role }),
        });
      }
      return { items: undefined, next: out.NextMarker };
    });
  } catch (err: unknown) {
    ctx.fail('lambda', 'lambda:ListFunctions', err);
  }
  for (const fn of functions) {
    try {
      const out = await client.send(new GetPolicyCommand({ FunctionName: fn.Arn }));
      if (out.Policy !== undefined) fn.ResourcePolicy = out.Policy;
    } catch (err: unknown) {
      if (errorNameOf(err) !== 'ResourceNotFoundException') {
        ctx.fail('lambda', 'lambda:GetPolicy', err, fn.Arn);
      }
    }
    try {
      fn.FunctionUrls = await readFunctionUrls(client, fn.Arn);
    } catch (err: unknown) {
      ctx.fail('lambda', 'lambda:ListFunctionUrlConfigs', err, fn.Arn);
    }
  }
  return functions;
}

/** Every URL of one function (all pages); an empty list when it has none. */
async function readFunctionUrls(client: LambdaClient, arn: string): Promise<FunctionUrlJson[]> {
  const pages = await readAllPages('lambda:ListFunctionUrlConfigs', async (marker) => {
    const out = await client.send(
      new ListFunctionUrlConfigsCommand({
        FunctionName: arn,
        MaxItems: 50,
        ...(marker === undefined ? {} : { Marker: marker }),
      }),
    );
    const items = (out.FunctionUrlConfigs ?? []).map((c): FunctionUrlJson => ({
      FunctionUrl: c.FunctionUrl,
      FunctionArn: c.FunctionArn,
      AuthType: c.AuthType,
    }));
    return { items, next: out.NextMarker };
  });
  return pages.flat();
}
