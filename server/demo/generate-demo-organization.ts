/**
 * The demo organization generator: writes a synthetic AWS Organization in the snapshot directory
 * format through a sink, one account at a time, so that even the 1,000-account scale data never
 * holds more than one account in memory. Deterministic: the same options always produce the same
 * files, byte for byte (no Math.random, no clock). docs/demo-organization.md describes the result.
 */
import { demoWorkloads } from './accounts/escalation-plants.js';
import { buildAccountWithResources } from './accounts/build-account.js';
import type { DemoGeneration } from './accounts/previous-generation.js';
import { ANALYTICS_PROD, demoAccounts } from './demo-constants.js';
import { genericPrincipalCount, resolveDemoOptions, type DemoOptions } from './demo-options.js';
import { buildIdentityCenterJson } from './identity-center.js';
import { buildCollectionJson, buildOrganizationJson } from './organization-files.js';

/**
 * The current generation's iam.json of this account is one page of several, as
 * `aws iam get-account-authorization-details --max-items` leaves it: `IsTruncated` true and a
 * `Marker`. The loader reports it (a load issue that hides data), the account's coverage is
 * `partial`, `incomplete-coverage` fires and `scan` exits 4 (docs/demo-organization.md).
 */
export const TRUNCATED_ACCOUNT = ANALYTICS_PROD;
const TRUNCATED_MARKER = 'AQAAAQ0bN2RlbW8tcGFnZS0y';

/** Where the generator writes. */
export interface DemoSink {
  /**
   * Writes one file of the snapshot directory. `path` is relative, `/`-separated, e.g.
   * `organization.json` or `500000000001/iam.json`. Files are written in a stable order:
   * organization.json, each account's iam.json, s3.json, resources.json, identity-providers.json,
   * identity-center.json, collection.json.
   */
  writeJson(path: string, value: unknown): Promise<void>;
}

export interface DemoSummary {
  options: DemoOptions;
  /** Accounts in the organization. */
  accounts: number;
  /** Account folders written (organization accounts whose data is readable). */
  accountFolders: number;
  roles: number;
  /** Roles, users and groups. */
  principals: number;
  buckets: number;
  /** Keys, secrets, queues, topics and repositories (resources.json entries). */
  resources: number;
  files: number;
}

/**
 * Generates the demo organization into `sink`. Options are validated (DemoOptionsError names the
 * bad option) and defaulted (DEFAULT_DEMO_OPTIONS). `generation: 'previous'` writes the
 * organization as it was one scan earlier (two roles differ; accounts/previous-generation.ts).
 */
export async function generateDemoOrganization(
  options: Partial<DemoOptions>,
  sink: DemoSink,
  generation: DemoGeneration = 'current',
): Promise<DemoSummary> {
  const resolved = resolveDemoOptions(options);
  const accounts = demoAccounts(resolved.accounts);
  const genericPrincipals = genericPrincipalCount(resolved);
  const summary: DemoSummary = {
    options: resolved,
    accounts: accounts.length,
    accountFolders: 0,
    roles: 0,
    principals: 0,
    buckets: 0,
    resources: 0,
    files: 0,
  };
  const write = async (path: string, value: unknown): Promise<void> => {
    await sink.writeJson(path, value);
    summary.files += 1;
  };
  await write('organization.json', buildOrganizationJson(accounts));
  for (const account of accounts) {
    if (!account.readable) continue;
    const {
      builder: b,
      resources,
      functions,
    } = buildAccountWithResources(account, {
      seed: resolved.seed,
      genericPrincipals,
      generation,
      resourcesPerType: resolved.resourcesPerType,
    });
    const iam = b.buildIam();
    await write(
      `${account.id}/iam.json`,
      generation === 'current' && account.id === TRUNCATED_ACCOUNT
        ? { ...iam, IsTruncated: true, Marker: TRUNCATED_MARKER }
        : iam,
    );
    const s3 = b.buildS3();
    if (s3 !== undefined) await write(`${account.id}/s3.json`, s3);
    if (resources !== undefined) {
      await write(`${account.id}/resources.json`, resources);
      summary.resources += resources.Resources.length;
    }
    await write(`${account.id}/identity-providers.json`, b.buildIdentityProviders());
    await write(
      `${account.id}/workloads.json`,
      demoWorkloads(account.id, b.partition, b.region, functions),
    );
    summary.accountFolders += 1;
    summary.roles += b.roleCount;
    summary.principals += b.principalCount;
    summary.buckets += b.bucketCount;
  }
  await write('identity-center.json', buildIdentityCenterJson(accounts));
  await write('collection.json', buildCollectionJson(accounts));
  return summary;
}
