/**
 * Fake AWS CodeDeploy (JSON 1.1, signing name `codedeploy`): ListApplications,
 * ListDeploymentGroups (both paginated by `nextToken`) and BatchGetDeploymentGroups (at most 100
 * names, as AWS), from the calling account's applications in the region the request was signed
 * for. A fault may name an application as the request's resource.
 */
import { jsonService, notFound } from './json-api.js';
import type { FakeService } from './fake-request.js';
import type { Scenario } from './scenario.js';

export function codedeployService(scenario: Scenario): FakeService {
  return jsonService(
    'codedeploy',
    scenario,
    {
      ListApplications: (_input, ctx) => {
        const page = ctx.page(
          (ctx.region.codedeployApplications ?? []).map((a) => a.applicationName),
          'nextToken',
          'maxResults',
        );
        return { applications: page.items, nextToken: page.next };
      },
      ListDeploymentGroups: (input, ctx) => {
        const app = (ctx.region.codedeployApplications ?? []).find(
          (a) => a.applicationName === input['applicationName'],
        );
        if (app === undefined)
          throw notFound('ApplicationDoesNotExistException', 'application not found');
        const page = ctx.page(
          app.groups.map((g) => g.deploymentGroupName),
          'nextToken',
          'maxResults',
        );
        return {
          applicationName: app.applicationName,
          deploymentGroups: page.items,
          nextToken: page.next,
        };
      },
      BatchGetDeploymentGroups: (input, ctx) => {
        const app = (ctx.region.codedeployApplications ?? []).find(
          (a) => a.applicationName === input['applicationName'],
        );
        if (app === undefined)
          throw notFound('ApplicationDoesNotExistException', 'application not found');
        const names = input['deploymentGroupNames'];
        if (!Array.isArray(names) || names.length === 0 || names.length > 100)
          throw notFound('InvalidDeploymentGroupNameException', 'between 1 and 100 names');
        return {
          deploymentGroupsInfo: app.groups
            .filter((g) => names.includes(g.deploymentGroupName))
            .map((g) => ({ applicationName: app.applicationName, ...g })),
        };
      },
    },
    {
      resourceOf: (input) =>
        typeof input['applicationName'] === 'string' ? input['applicationName'] : undefined,
    },
  );
}
