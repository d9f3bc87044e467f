/**
 * Amazon Cognito identity pools of one region (ListIdentityPools, then DescribeIdentityPool and
 * GetIdentityPoolRoles per pool), as `cognito-identity-pool` workloads: the settings that decide
 * who gets a pool's tokens — `AllowUnauthenticatedIdentities` (guests) and `AllowClassicFlow`
 * (the basic flow, where a guest names the role to STS) — and the roles the pool is set to
 * (IAM-SEMANTICS.md §2.3, E.3). A pool whose description failed is written without its settings:
 * the analysis then takes them as unknown (conditional), never as "off".
 */
import {
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  ListIdentityPoolsCommand,
} from '@aws-sdk/client-cognito-identity';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

/** ListIdentityPools requires MaxResults, at most 60. */
const POOLS_PER_PAGE = 60;

export async function readIdentityPools(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('cognitoIdentity');
  const pools: { json: WorkloadJson; id: string }[] = [];
  try {
    await readAllPages('cognito-identity:ListIdentityPools', async (token) => {
      const out = await client.send(
        new ListIdentityPoolsCommand({
          MaxResults: POOLS_PER_PAGE,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const pool of out.IdentityPools ?? []) {
        const id = pool.IdentityPoolId;
        if (id === undefined || id === '') continue;
        pools.push({
          id,
          json: {
            Type: 'cognito-identity-pool',
            Arn: `arn:${ctx.partition}:cognito-identity:${ctx.region}:${ctx.accountId}:identitypool/${id}`,
            Name: pool.IdentityPoolName ?? id,
            Region: ctx.region,
          },
        });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('cognitoIdentity', 'cognito-identity:ListIdentityPools', err);
    return [];
  }
  for (const { json, id } of pools) {
    try {
      const out = await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
      if (typeof out.AllowUnauthenticatedIdentities === 'boolean')
        json.AllowUnauthenticatedIdentities = out.AllowUnauthenticatedIdentities;
      // Absent in the answer = the basic flow is off (AWS's default for the setting).
      json.AllowClassicFlow = out.AllowClassicFlow ?? false;
    } catch (err: unknown) {
      ctx.fail('cognitoIdentity', 'cognito-identity:DescribeIdentityPool', err, json.Arn);
    }
    try {
      const out = await client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
      const roles: Record<string, string> = {};
      for (const [kind, arn] of Object.entries(out.Roles ?? {}))
        if (typeof arn === 'string' && arn !== '') roles[kind] = arn;
      json.Roles = roles;
    } catch (err: unknown) {
      ctx.fail('cognitoIdentity', 'cognito-identity:GetIdentityPoolRoles', err, json.Arn);
    }
  }
  return pools.map((p) => p.json);
}
