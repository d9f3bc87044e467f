/**
 * One account → its snapshot folder. Credentials: the caller's own for the caller's account,
 * AssumeRole into the audit role elsewhere. Then IAM (GetAccountAuthorizationDetails), identity
 * providers, S3, and in every region (`--regions`, else the account's enabled regions) the
 * workloads and the resource-policy services. Each failed call is recorded and the account goes on; the files are written
 * (temp file, then rename) as soon as the account is done, so memory does not grow with the
 * number of accounts. `iam.json` is required in an account folder: when IAM cannot be read, no
 * folder is written and the account is reported as not covered.
 */
import { rm, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { AccountCollectionStatus } from '../../shared/snapshot/types.js';
import { writeJsonAtomic } from '../snapshot/write-json-atomic.js';
import type { AwsClientFactory } from './aws-clients.js';
import { isAccessDeniedName, toCollectionError, type CollectionErrorRecord } from './aws-errors.js';
import { isNotFound } from './collection-state.js';
import { readAuthorizationDetails, type IamFile } from './iam.js';
import { readIdentityProviders } from './identity-providers.js';
import { mapWithConcurrency } from './concurrency-limit.js';
import { createRegionContext } from './region-context.js';
import { readAccountRegions } from './regions.js';
import { readRegionResources, type ResourcesFile } from './resources.js';
import { readS3 } from './s3.js';
import { assumeRoleCredentials } from './sts-credentials.js';
import { indexRoles, readRegionWorkloads, type WorkloadsFile } from './workloads.js';

export const ACCOUNT_FILES = [
  'iam.json',
  's3.json',
  'identity-providers.json',
  'workloads.json',
  'resources.json',
] as const;

/** Regions of one account read at once (each region's services are read side by side). */
const REGION_CONCURRENCY = 4;

export interface AccountContext {
  clients: AwsClientFactory;
  /** STS client with the caller's credentials (AssumeRole is called with it). */
  sts: STSClient;
  callerCredentials: AwsCredentialIdentityProvider;
  callerAccountId: string;
  partition: string;
  roleName: string;
  externalId: string | undefined;
  roleSessionName: string;
  outDir: string;
  /** `--regions`; undefined = each account's enabled regions. */
  regions: readonly string[] | undefined;
}

export interface AccountOutcome {
  accountId: string;
  status: AccountCollectionStatus;
  errors: CollectionErrorRecord[];
  /** iam.json (and whatever else could be read) was written. */
  written: boolean;
}

/** Collects one account. Never throws for an AWS error; a disk error is thrown. */
export async function collectAccount(
  ctx: AccountContext,
  accountId: string,
): Promise<AccountOutcome> {
  const errors: CollectionErrorRecord[] = [];
  const folder = join(ctx.outDir, accountId);
  await removeAccountFiles(folder);

  let credentials: AwsCredentialIdentityProvider;
  if (accountId === ctx.callerAccountId) {
    credentials = ctx.callerCredentials;
  } else {
    try {
      credentials = await assumeRoleCredentials(ctx.sts, {
        roleArn: `arn:${ctx.partition}:iam::${accountId}:role/${ctx.roleName}`,
        sessionName: ctx.roleSessionName,
        externalId: ctx.externalId,
      });
    } catch (err: unknown) {
      errors.push(toCollectionError('sts:AssumeRole', err, accountId));
      return finish(accountId, errors, false);
    }
  }

  const iam = ctx.clients.iam(credentials);
  let iamFile: IamFile;
  try {
    iamFile = await readAuthorizationDetails(iam);
  } catch (err: unknown) {
    errors.push(toCollectionError('iam:GetAccountAuthorizationDetails', err, accountId));
    return finish(accountId, errors, false);
  }
  await writeJsonAtomic(join(folder, 'iam.json'), iamFile);

  const providers = await readIdentityProviders(iam, accountId);
  errors.push(...providers.errors);
  if (providers.file !== undefined) {
    await writeJsonAtomic(join(folder, 'identity-providers.json'), providers.file);
  }

  const s3 = await readS3(ctx.clients, credentials, accountId);
  errors.push(...s3.errors);
  if (s3.file !== undefined) await writeJsonAtomic(join(folder, 's3.json'), s3.file);

  const regional = await readRegional(ctx, credentials, accountId, iamFile);
  errors.push(...regional.errors);
  await writeJsonAtomic(join(folder, 'workloads.json'), regional.workloads);
  await writeJsonAtomic(join(folder, 'resources.json'), regional.resources);

  return finish(accountId, errors, true);
}

/**
 * Workloads and resources of every region. A call that fails leaves out what it would have
 * returned and is recorded (with its region), so the account is reported incomplete: the files
 * hold what could be read.
 */
async function readRegional(
  ctx: AccountContext,
  credentials: AwsCredentialIdentityProvider,
  accountId: string,
  iamFile: IamFile,
): Promise<{
  workloads: WorkloadsFile;
  resources: ResourcesFile;
  errors: CollectionErrorRecord[];
}> {
  const { regions, errors } = await readAccountRegions(
    ctx.clients,
    credentials,
    accountId,
    ctx.regions,
  );
  const roles = indexRoles(iamFile);
  const perRegion = await mapWithConcurrency(regions, REGION_CONCURRENCY, async (region) => {
    const regionErrors: CollectionErrorRecord[] = [];
    const regionCtx = createRegionContext(
      ctx.clients,
      credentials,
      { accountId, partition: ctx.partition },
      region,
      regionErrors,
    );
    const [workloads, resources] = await Promise.all([
      readRegionWorkloads(regionCtx, roles),
      readRegionResources(regionCtx),
    ]);
    return { workloads, resources, errors: regionErrors };
  });
  return {
    workloads: { Workloads: perRegion.flatMap((r) => r.workloads) },
    resources: { Resources: perRegion.flatMap((r) => r.resources) },
    errors: [...errors, ...perRegion.flatMap((r) => r.errors)],
  };
}

/** `ok` without errors; `denied` when any error is an access denial; else `failed`. */
export function accountStatusOf(errors: readonly CollectionErrorRecord[]): AccountCollectionStatus {
  if (errors.length === 0) return 'ok';
  return errors.some((e) => isAccessDeniedName(e.errorName)) ? 'denied' : 'failed';
}

function finish(
  accountId: string,
  errors: CollectionErrorRecord[],
  written: boolean,
): AccountOutcome {
  return { accountId, status: accountStatusOf(errors), errors, written };
}

/**
 * Removes what an earlier, interrupted run left for this account (its snapshot files and their
 * temp files), so the folder never mixes two runs. Nothing else in the folder is touched.
 */
export async function removeAccountFiles(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (err: unknown) {
    if (isNotFound(err)) return;
    throw err;
  }
  const ours = (name: string): boolean =>
    ACCOUNT_FILES.some(
      (file) => name === file || (name.startsWith(`${file}.`) && name.endsWith('.tmp')),
    );
  await Promise.all(names.filter(ours).map((name) => rm(join(folder, name), { force: true })));
}
