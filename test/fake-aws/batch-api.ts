/**
 * Fake AWS Batch (REST-JSON: `POST /v1/<operation>` with a JSON body, `nextToken` /
 * `maxResults` pagination in the body, errors with `x-amzn-errortype`): DescribeJobQueues,
 * DescribeComputeEnvironments (by ARN or name, at most 100) and DescribeJobDefinitions (the
 * `status` filter), answered from the calling account's data in the signed region.
 */
import type { Scenario } from './scenario.js';
import { FakeApiError, pageOf, type FakeService } from './fake-request.js';
import { restJsonAccount, restJsonError } from './rest-json.js';

const OPERATIONS: Readonly<Record<string, string>> = {
  '/v1/describejobqueues': 'batch:DescribeJobQueues',
  '/v1/describecomputeenvironments': 'batch:DescribeComputeEnvironments',
  '/v1/describejobdefinitions': 'batch:DescribeJobDefinitions',
};

export function batchService(scenario: Scenario): FakeService {
  return {
    identify(req) {
      const operation =
        req.method === 'POST' ? (OPERATIONS[req.path] ?? 'batch:Unsupported') : 'batch:Unsupported';
      return { operation, accountId: req.callerAccount };
    },
    error(_req, error) {
      return restJsonError(error);
    },
    respond(req, operation) {
      const account = restJsonAccount(scenario, req);
      const region = account.regional?.[req.region] ?? {};
      const input = (req.body === '' ? {} : JSON.parse(req.body)) as Record<string, unknown>;
      const limit = scenario.pageSize.regional ?? 100;
      const size =
        typeof input['maxResults'] === 'number' ? Math.min(limit, input['maxResults']) : limit;
      const token = typeof input['nextToken'] === 'string' ? input['nextToken'] : undefined;
      const json = (body: unknown) => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (operation === 'batch:DescribeJobQueues') {
        const page = pageOf(region.batchJobQueues ?? [], token, size);
        return json({
          jobQueues: page.items,
          ...(page.next === undefined ? {} : { nextToken: page.next }),
        });
      }
      if (operation === 'batch:DescribeComputeEnvironments') {
        const wanted = Array.isArray(input['computeEnvironments'])
          ? (input['computeEnvironments'] as string[])
          : undefined;
        if (wanted !== undefined && wanted.length > 100)
          throw new FakeApiError('ClientException', 400, 'at most 100 compute environments');
        const all = region.batchComputeEnvironments ?? [];
        const envs =
          wanted === undefined
            ? all
            : all.filter(
                (e) =>
                  wanted.includes(e.computeEnvironmentArn) ||
                  wanted.includes(e.computeEnvironmentName),
              );
        return json({ computeEnvironments: envs });
      }
      if (operation === 'batch:DescribeJobDefinitions') {
        const status = typeof input['status'] === 'string' ? input['status'] : undefined;
        const defs = (region.batchJobDefinitions ?? [])
          .filter((d) => status === undefined || d.status === status)
          .map(({ expected: _expected, ...d }) => d);
        const page = pageOf(defs, token, size);
        return json({
          jobDefinitions: page.items,
          ...(page.next === undefined ? {} : { nextToken: page.next }),
        });
      }
      throw new FakeApiError('ClientException', 400, `the fake does not implement ${operation}`);
    },
  };
}
