/**
 * ECR repositories of one region (DescribeRepositories, every page) with their KMS key (when
 * encrypted with KMS) and their repository policy (GetRepositoryPolicy;
 * `RepositoryPolicyNotFoundException` = no policy).
 */
import { DescribeRepositoriesCommand, GetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { errorNameOf } from './aws-errors.js';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { ResourceJson } from './resources.js';

export async function readEcrRepositories(ctx: RegionContext): Promise<ResourceJson[]> {
  const client = ctx.client('ecr');
  const repositories: { name: string; resource: ResourceJson }[] = [];
  try {
    await readAllPages('ecr:DescribeRepositories', async (token) => {
      const out = await client.send(
        new DescribeRepositoriesCommand({
          maxResults: 1000,
          ...(token === undefined ? {} : { nextToken: token }),
        }),
      );
      for (const repository of out.repositories ?? []) {
        if (repository.repositoryArn === undefined || repository.repositoryName === undefined)
          continue;
        const encryption = repository.encryptionConfiguration;
        const key =
          encryption?.encryptionType?.startsWith('KMS') === true ? encryption.kmsKey : undefined;
        repositories.push({
          name: repository.repositoryName,
          resource: {
            Type: 'ecr-repository',
            Arn: repository.repositoryArn,
            Region: ctx.region,
            ...(key === undefined || key === '' ? {} : { KmsKeyId: key }),
          },
        });
      }
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('ecr', 'ecr:DescribeRepositories', err);
  }
  for (const { name, resource } of repositories) {
    try {
      const out = await client.send(new GetRepositoryPolicyCommand({ repositoryName: name }));
      if (out.policyText !== undefined) resource.Policy = out.policyText;
    } catch (err: unknown) {
      if (errorNameOf(err) !== 'RepositoryPolicyNotFoundException') {
        ctx.fail('ecr', 'ecr:GetRepositoryPolicy', err, resource.Arn);
      }
    }
  }
  return repositories.map((r) => r.resource);
}
