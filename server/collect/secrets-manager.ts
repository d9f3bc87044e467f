/**
 * Secrets Manager secrets of one region (ListSecrets, every page) with their KMS key and their
 * resource policy (GetResourcePolicy; a secret without one answers without `ResourcePolicy`).
 */
import { GetResourcePolicyCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { ResourceJson } from './resources.js';

export async function readSecrets(ctx: RegionContext): Promise<ResourceJson[]> {
  const client = ctx.client('secretsManager');
  const secrets: ResourceJson[] = [];
  try {
    await readAllPages('secretsmanager:ListSecrets', async (token) => {
      const out = await client.send(
        new ListSecretsCommand({
          MaxResults: 100,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const secret of out.SecretList ?? []) {
        if (secret.ARN === undefined) continue;
        secrets.push({
          Type: 'secretsmanager-secret',
          Arn: secret.ARN,
          Region: ctx.region,
          ...(secret.KmsKeyId === undefined ? {} : { KmsKeyId: secret.KmsKeyId }),
        });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('secretsManager', 'secretsmanager:ListSecrets', err);
  }
  for (const secret of secrets) {
    try {
      const out = await client.send(new GetResourcePolicyCommand({ SecretId: secret.Arn }));
      if (out.ResourcePolicy !== undefined) secret.Policy = out.ResourcePolicy;
    } catch (err: unknown) {
      ctx.fail('secretsManager', 'secretsmanager:GetResourcePolicy', err, secret.Arn);
    }
  }
  return secrets;
}
