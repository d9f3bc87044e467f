/**
 * The regions whose workloads and resources are read in one account: `--regions` when given,
 * else the regions enabled in the account (`ec2:DescribeRegions`, which lists only the enabled
 * ones by default). When they cannot be listed, the home region alone is read and the failure
 * is recorded: the other regions are then not covered.
 */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { AwsClientFactory } from './aws-clients.js';
import { toCollectionError, type CollectionErrorRecord } from './aws-errors.js';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export interface RegionsRead {
  regions: string[];
  errors: CollectionErrorRecord[];
}

export async function readAccountRegions(
  clients: AwsClientFactory,
  credentials: AwsCredentialIdentityProvider,
  accountId: string,
  requested: readonly string[] | undefined,
): Promise<RegionsRead> {
  if (requested !== undefined) return { regions: [...requested], errors: [] };
  const home = clients.settings.region;
  try {
    const out = await clients
      .regional('ec2', credentials, home)
      .send(new DescribeRegionsCommand({ AllRegions: false }));
    const regions = (out.Regions ?? [])
      .map((r) => r.RegionName ?? '')
      .filter((name) => REGION.test(name))
      .sort();
    return { regions: regions.length === 0 ? [home] : regions, errors: [] };
  } catch (err: unknown) {
    return {
      regions: [home],
      errors: [{ ...toCollectionError('ec2:DescribeRegions', err, accountId), region: home }],
    };
  }
}
