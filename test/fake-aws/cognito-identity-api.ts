/**
 * Fake Amazon Cognito identity pools (JSON 1.1, signing name `cognito-identity`):
 * ListIdentityPools (MaxResults required, at most 60), DescribeIdentityPool and
 * GetIdentityPoolRoles, from the calling account's pools in the region the request was signed for.
 */
import { jsonService, notFound } from './json-api.js';
import type { FakeService } from './fake-request.js';
import type { Scenario } from './scenario.js';

export function cognitoIdentityService(scenario: Scenario): FakeService {
  return jsonService('cognito-identity', scenario, {
    ListIdentityPools: (input, ctx) => {
      const asked = input['MaxResults'];
      if (typeof asked !== 'number' || asked < 1 || asked > 60)
        throw notFound('InvalidParameterException', 'MaxResults must be between 1 and 60');
      const page = ctx.page(
        (ctx.region.identityPools ?? []).map((p) => ({
          IdentityPoolId: p.IdentityPoolId,
          IdentityPoolName: p.IdentityPoolName,
        })),
      );
      return { IdentityPools: page.items, NextToken: page.next };
    },
    DescribeIdentityPool: (input, ctx) => {
      const pool = (ctx.region.identityPools ?? []).find(
        (p) => p.IdentityPoolId === input['IdentityPoolId'],
      );
      if (pool === undefined)
        throw notFound('ResourceNotFoundException', 'identity pool not found');
      return {
        IdentityPoolId: pool.IdentityPoolId,
        IdentityPoolName: pool.IdentityPoolName,
        AllowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities,
        ...(pool.AllowClassicFlow === undefined ? {} : { AllowClassicFlow: pool.AllowClassicFlow }),
      };
    },
    GetIdentityPoolRoles: (input, ctx) => {
      const pool = (ctx.region.identityPools ?? []).find(
        (p) => p.IdentityPoolId === input['IdentityPoolId'],
      );
      if (pool === undefined)
        throw notFound('ResourceNotFoundException', 'identity pool not found');
      return { IdentityPoolId: pool.IdentityPoolId, Roles: pool.Roles ?? {} };
    },
  });
}
