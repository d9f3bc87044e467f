/** CodeBuild projects of one region (ListProjects, BatchGetProjects) with their service role. */
import { BatchGetProjectsCommand, ListProjectsCommand } from '@aws-sdk/client-codebuild';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

/** BatchGetProjects takes at most 100 names per call. */
const BATCH = 100;

export async function readCodeBuildProjects(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('codebuild');
  const names: string[] = [];
  try {
    await readAllPages('codebuild:ListProjects', async (token) => {
      const out = await client.send(
        new ListProjectsCommand(token === undefined ? {} : { nextToken: token }),
      );
      names.push(...(out.projects ?? []));
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('codebuild', 'codebuild:ListProjects', err);
  }
  const projects: WorkloadJson[] = [];
  for (let i = 0; i < names.length; i += BATCH) {
    try {
      const out = await client.send(
        new BatchGetProjectsCommand({ names: names.slice(i, i + BATCH) }),
      );
      for (const project of out.projects ?? []) {
        if (project.arn === undefined || project.name === undefined) continue;
        projects.push({
          Type: 'codebuild-project',
          Arn: project.arn,
          Name: project.name,
          Region: ctx.region,
          ...(project.serviceRole === undefined ? {} : { RoleArn: project.serviceRole }),
        });
      }
    } catch (err: unknown) {
      ctx.fail('codebuild', 'codebuild:BatchGetProjects', err);
    }
  }
  return projects;
}
