/**
 * KMS keys of one region: ListAliases (every page, to name each key's aliases), ListKeys (every
 * page), and per key DescribeKey (who manages it), GetKeyPolicy of the policy named `default`
 * (the only name a key policy can have) and ListGrants (every page). AWS-managed keys are kept:
 * their policies admit only their own account, which analysis must know.
 */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { toCliJson, type JsonValue } from './aws-json.js';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { ResourceJson } from './resources.js';

export async function readKmsKeys(ctx: RegionContext): Promise<ResourceJson[]> {
  const client = ctx.client('kms');
  const aliasesOf = new Map<string, string[]>();
  try {
    await readAllPages('kms:ListAliases', async (marker) => {
      const out = await client.send(
        new ListAliasesCommand({ Limit: 100, ...(marker === undefined ? {} : { Marker: marker }) }),
      );
      for (const alias of out.Aliases ?? []) {
        if (alias.TargetKeyId === undefined || alias.AliasName === undefined) continue;
        const list = aliasesOf.get(alias.TargetKeyId) ?? [];
        list.push(alias.AliasName);
        aliasesOf.set(alias.TargetKeyId, list);
      }
      return { items: undefined, next: out.Truncated === true ? out.NextMarker : undefined };
    });
  } catch (err: unknown) {
    ctx.fail('kms', 'kms:ListAliases', err);
  }

  const keys: { id: string; arn: string }[] = [];
  try {
    await readAllPages('kms:ListKeys', async (marker) => {
      const out = await client.send(
        new ListKeysCommand({ Limit: 1000, ...(marker === undefined ? {} : { Marker: marker }) }),
      );
      for (const key of out.Keys ?? []) {
        if (key.KeyId !== undefined && key.KeyArn !== undefined) {
          keys.push({ id: key.KeyId, arn: key.KeyArn });
        }
      }
      return { items: undefined, next: out.Truncated === true ? out.NextMarker : undefined };
    });
  } catch (err: unknown) {
    ctx.fail('kms', 'kms:ListKeys', err);
  }

  const resources: ResourceJson[] = [];
  for (const key of keys) {
    const resource: ResourceJson = { Type: 'kms-key', Arn: key.arn, Region: ctx.region };
    try {
      const out = await client.send(new DescribeKeyCommand({ KeyId: key.arn }));
      const manager = out.KeyMetadata?.KeyManager;
      if (manager === 'AWS' || manager === 'CUSTOMER') resource.KeyManager = manager;
    } catch (err: unknown) {
      ctx.fail('kms', 'kms:DescribeKey', err, key.arn);
    }
    try {
      const out = await client.send(
        new GetKeyPolicyCommand({ KeyId: key.arn, PolicyName: 'default' }),
      );
      if (out.Policy !== undefined) resource.Policy = out.Policy;
    } catch (err: unknown) {
      ctx.fail('kms', 'kms:GetKeyPolicy', err, key.arn);
    }
    resource.Aliases = aliasesOf.get(key.id) ?? [];
    const grants: JsonValue[] = [];
    try {
      await readAllPages('kms:ListGrants', async (marker) => {
        const out = await client.send(
          new ListGrantsCommand({
            KeyId: key.arn,
            Limit: 100,
            ...(marker === undefined ? {} : { Marker: marker }),
          }),
        );
        for (const grant of out.Grants ?? []) grants.push(toCliJson(grant));
        return { items: undefined, next: out.Truncated === true ? out.NextMarker : undefined };
      });
      resource.Grants = grants;
    } catch (err: unknown) {
      ctx.fail('kms', 'kms:ListGrants', err, key.arn);
    }
    resources.push(resource);
  }
  return resources;
}
