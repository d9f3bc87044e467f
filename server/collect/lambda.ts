/**
 * Lambda functions of one region (ListFunctions, every page) with each function's resource
 * policy (GetPolicy; `ResourceNotFoundException` = no policy), its function URLs
 * (ListFunctionUrlConfigs, every page; an error leaves them unknown) and its aliases (ListAliases,
 * every page) each with the alias's own policy (GetPolicy with the alias as Qualifier), and its
 * published versions (ListVersionsByFunction, every page, `$LATEST` left out) each with the
 * version's own policy (GetPolicy with the version as Qualifier: one call per version); an error
 * leaves the function's aliases, or its versions, unknown. The region's event source mappings
 * (ListEventSourceMappings, every page: one listing for all functions) go to the function they
 * invoke; an error leaves every function's mappings unknown.
 */
import {
  GetPolicyCommand,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListVersionsByFunctionCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { errorNameOf } from './aws-errors.js';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type {
  EventSourceMappingJson,
  FunctionAliasJson,
  FunctionUrlJson,
  FunctionVersionJson,
  WorkloadJson,
} from './workloads.js';

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
  const mappings = functions.length === 0 ? undefined : await readEventSourceMappings(ctx, client);
  for (const fn of functions) {
    if (mappings !== undefined) fn.EventSourceMappings = mappings.get(fn.Arn) ?? [];
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
    await readAliasesInto(ctx, client, fn);
    await readVersionsInto(ctx, client, fn);
  }
  return functions;
}

/**
 * `fn.Aliases`: every alias (all pages) with its policy. A failed call is recorded and leaves
 * `Aliases` out (unknown): a partial list could hide an alias whose policy lets callers in.
 */
async function readAliasesInto(
  ctx: RegionContext,
  client: LambdaClient,
  fn: WorkloadJson,
): Promise<void> {
  let aliases: FunctionAliasJson[];
  try {
    const pages = await readAllPages('lambda:ListAliases', async (marker) => {
      const out = await client.send(
        new ListAliasesCommand({
          FunctionName: fn.Arn,
          MaxItems: 50,
          ...(marker === undefined ? {} : { Marker: marker }),
        }),
      );
      const items = (out.Aliases ?? []).map((a): FunctionAliasJson => ({
        AliasArn: a.AliasArn,
        Name: a.Name,
        FunctionVersion: a.FunctionVersion,
      }));
      return { items, next: out.NextMarker };
    });
    aliases = pages.flat();
  } catch (err: unknown) {
    ctx.fail('lambda', 'lambda:ListAliases', err, fn.Arn);
    return;
  }
  for (const alias of aliases) {
    if (alias.Name === undefined) continue;
    try {
      const out = await client.send(
        new GetPolicyCommand({ FunctionName: fn.Arn, Qualifier: alias.Name }),
      );
      if (out.Policy !== undefined) alias.ResourcePolicy = out.Policy;
    } catch (err: unknown) {
      if (errorNameOf(err) !== 'ResourceNotFoundException') {
        ctx.fail('lambda', 'lambda:GetPolicy', err, alias.AliasArn ?? `${fn.Arn}:${alias.Name}`);
        return;
      }
    }
  }
  fn.Aliases = aliases;
}

/**
 * `fn.Versions`: every published version (all pages; `$LATEST` is the function itself, whose
 * policy is the function's) with its own policy. A failed call is recorded and leaves `Versions`
 * out (unknown): a partial list could hide a version whose policy lets callers in.
 */
async function readVersionsInto(
  ctx: RegionContext,
  client: LambdaClient,
  fn: WorkloadJson,
): Promise<void> {
  let versions: FunctionVersionJson[];
  try {
    const pages = await readAllPages('lambda:ListVersionsByFunction', async (marker) => {
      const out = await client.send(
        new ListVersionsByFunctionCommand({
          FunctionName: fn.Arn,
          MaxItems: 50,
          ...(marker === undefined ? {} : { Marker: marker }),
        }),
      );
      const items = (out.Versions ?? [])
        .filter((v) => v.Version !== '$LATEST')
        .map((v): FunctionVersionJson => ({ Version: v.Version, FunctionArn: v.FunctionArn }));
      return { items, next: out.NextMarker };
    });
    versions = pages.flat();
  } catch (err: unknown) {
    ctx.fail('lambda', 'lambda:ListVersionsByFunction', err, fn.Arn);
    return;
  }
  for (const version of versions) {
    if (version.Version === undefined) continue;
    try {
      const out = await client.send(
        new GetPolicyCommand({ FunctionName: fn.Arn, Qualifier: version.Version }),
      );
      if (out.Policy !== undefined) version.ResourcePolicy = out.Policy;
    } catch (err: unknown) {
      if (errorNameOf(err) !== 'ResourceNotFoundException') {
        ctx.fail(
          'lambda',
          'lambda:GetPolicy',
          err,
          version.FunctionArn ?? `${fn.Arn}:${version.Version}`,
        );
        return;
      }
    }
  }
  fn.Versions = versions;
}

/**
 * The region's event source mappings (all pages) by the unqualified ARN of the function they
 * invoke; undefined (recorded) when the listing failed.
 */
async function readEventSourceMappings(
  ctx: RegionContext,
  client: LambdaClient,
): Promise<Map<string, EventSourceMappingJson[]> | undefined> {
  const byFunction = new Map<string, EventSourceMappingJson[]>();
  try {
    await readAllPages('lambda:ListEventSourceMappings', async (marker) => {
      const out = await client.send(
        new ListEventSourceMappingsCommand({
          MaxItems: 100,
          ...(marker === undefined ? {} : { Marker: marker }),
        }),
      );
      for (const m of out.EventSourceMappings ?? []) {
        if (m.FunctionArn === undefined) continue;
        // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
        const fn = m.FunctionArn.split(':').slice(0, 7).join(':');
        const list = byFunction.get(fn) ?? [];
        list.push({
          UUID: m.UUID,
          FunctionArn: m.FunctionArn,
          EventSourceArn: m.EventSourceArn,
          State: m.State,
        });
        byFunction.set(fn, list);
      }
      return { items: undefined, next: out.NextMarker };
    });
  } catch (err: unknown) {
    ctx.fail('lambda', 'lambda:ListEventSourceMappings', err);
    return undefined;
  }
  return byFunction;
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
