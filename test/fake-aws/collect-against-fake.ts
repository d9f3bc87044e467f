/**
 * `collectOrganization` against the fake endpoint, as the collector tests run it: the endpoint
 * from configuration (as a user points the AWS CLI elsewhere), the scenario caller's
 * credentials, and the written collection.json read back (absent when nothing was written).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCallMeter } from '../../server/collect/aws-clients.js';
import { resolveCollectOptions, type CollectFlags } from '../../server/collect/collect-options.js';
import {
  collectOrganization,
  type CollectResult,
} from '../../server/collect/collect-organization.js';
import type { CollectionFile } from '../../server/collect/collection-state.js';
import type { FakeAws } from './fake-aws-server.js';
import { callerAccessKeyId } from './fake-request.js';
import type { Scenario } from './scenario.js';

export interface CollectedFromFake {
  result: CollectResult;
  out: string;
  collection: CollectionFile | undefined;
}

export async function collectAgainstFake(
  fake: FakeAws,
  scenario: Scenario,
  options: {
    out: string;
    workDir: string;
    roleName: string;
    externalId: string;
    flags?: CollectFlags;
    maxAttempts?: number;
  },
): Promise<CollectedFromFake> {
  const { out, workDir, roleName, externalId } = options;
  const resolved = resolveCollectOptions(
    { out, roleName, externalId, region: 'us-east-1', ...options.flags },
    { AWS_ENDPOINT_URL: fake.url, TRUSTMAP_MAX_ATTEMPTS: String(options.maxAttempts ?? 8) },
    workDir,
  );
  const result = await collectOrganization(resolved, {
    credentials: () =>
      Promise.resolve({
        accessKeyId: callerAccessKeyId(scenario.caller.accountId),
        secretAccessKey: 'fake-secret',
      }),
    meter: createCallMeter(),
  });
  let collection: CollectionFile | undefined;
  try {
    collection = JSON.parse(await readFile(join(out, 'collection.json'), 'utf8')) as CollectionFile;
  } catch {
    collection = undefined;
  }
  return { result, out, collection };
}
