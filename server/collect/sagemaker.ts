/**
 * SageMaker notebook instances of one region (ListNotebookInstances, then
 * DescribeNotebookInstance for the role, which the listing does not carry).
 */
import {
  DescribeNotebookInstanceCommand,
  ListNotebookInstancesCommand,
} from '@aws-sdk/client-sagemaker';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

export async function readNotebookInstances(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('sagemaker');
  const notebooks: WorkloadJson[] = [];
  try {
    await readAllPages('sagemaker:ListNotebookInstances', async (token) => {
      const out = await client.send(
        new ListNotebookInstancesCommand({
          MaxResults: 100,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const notebook of out.NotebookInstances ?? []) {
        if (
          notebook.NotebookInstanceArn === undefined ||
          notebook.NotebookInstanceName === undefined
        )
          continue;
        notebooks.push({
          Type: 'sagemaker-notebook',
          Arn: notebook.NotebookInstanceArn,
          Name: notebook.NotebookInstanceName,
          Region: ctx.region,
        });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('sagemaker', 'sagemaker:ListNotebookInstances', err);
  }
  for (const notebook of notebooks) {
    try {
      const out = await client.send(
        new DescribeNotebookInstanceCommand({ NotebookInstanceName: notebook.Name }),
      );
      if (out.RoleArn !== undefined) notebook.RoleArn = out.RoleArn;
    } catch (err: unknown) {
      ctx.fail('sagemaker', 'sagemaker:DescribeNotebookInstance', err, notebook.Arn);
    }
  }
  return notebooks;
}
