/**
 * Fake AWS Step Functions (JSON 1.0, signing name `states`): ListStateMachines (`maxResults`,
 * `nextToken`) and DescribeStateMachine, from the calling account's machines in the region the
 * request was signed for.
 */
import { jsonService, notFound } from './json-api.js';
import type { FakeService } from './fake-request.js';
import type { Scenario } from './scenario.js';

export function stepFunctionsService(scenario: Scenario): FakeService {
  return jsonService(
    'states',
    scenario,
    {
      ListStateMachines: (_input, ctx) => {
        const page = ctx.page(
          (ctx.region.stateMachines ?? []).map((m) => ({
            stateMachineArn: m.stateMachineArn,
            name: m.name,
            type: 'STANDARD',
            creationDate: 1772600767,
          })),
          'nextToken',
          'maxResults',
        );
        return { stateMachines: page.items, nextToken: page.next };
      },
      DescribeStateMachine: (input, ctx) => {
        const m = (ctx.region.stateMachines ?? []).find(
          (x) => x.stateMachineArn === input['stateMachineArn'],
        );
        if (m === undefined)
          throw notFound(
            'StateMachineDoesNotExist',
            `State Machine Does Not Exist: '${String(input['stateMachineArn'])}'`,
          );
        return {
          stateMachineArn: m.stateMachineArn,
          name: m.name,
          status: m.status,
          definition: '{"StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}',
          ...(m.roleArn === undefined ? {} : { roleArn: m.roleArn }),
          type: 'STANDARD',
          creationDate: 1772600767,
        };
      },
    },
    {
      resourceOf: (input) =>
        typeof input['stateMachineArn'] === 'string' ? input['stateMachineArn'] : undefined,
    },
  );
}
