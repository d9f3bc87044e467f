/**
 * S3 of one account: ListBuckets (every page), the account's Block Public Access setting, and for
 * each bucket its region, policy, Block Public Access, object ownership and ACL. Bucket calls go
 * to the bucket's own region. "Not configured" answers (no policy, no Block Public Access, no
 * ownership controls) are absent keys, not errors; every other error is recorded and the other
 * buckets go on. Bucket names and regions come from AWS and are checked before they are used in
 * a request. Each bucket's default encryption (GetBucketEncryption) is kept as `Encryption`.
 */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { AwsClientFactory } from './aws-clients.js';
import { errorNameOf, toCollectionError, type CollectionErrorRecord } from './aws-errors.js';
import { toCliJson, type JsonValue } from './aws-json.js';
import { readAllPages } from './paginate.js';
import { readAccountPublicAccessBlock } from './s3-control.js';

/** One entry of `s3.json`'s `Buckets`. */
export interface BucketJson {
  Name: string;
  Region?: string;
  /** The policy text exactly as GetBucketPolicy returned it. */
  Policy?: string;
  PublicAccessBlock?: JsonValue;
  OwnershipControls?: JsonValue;
  Acl?: JsonValue;
  /** GetBucketEncryption's `ServerSideEncryptionConfiguration` (`{"Rules": [...]}`). */
  Encryption?: JsonValue;
}

/** The content of `s3.json` (DESIGN.md "Snapshot directory"). */
export interface S3File {
  Owner?: JsonValue;
  AccountPublicAccessBlock?: JsonValue;
  Buckets: BucketJson[];
}

/** The file while it is assembled (keys in the order the file shows them). */
type S3FileDraft = Omit<S3File, 'Buckets'> & { Buckets?: BucketJson[] };

export interface S3Read {
  /** Undefined when the buckets could not be listed. */
  file: S3File | undefined;
  errors: CollectionErrorRecord[];
}

/** Legacy (us-east-1) bucket names allow upper case and `_`, up to 255 characters. */
const BUCKET_NAME = /^[A-Za-z0-9._-]{1,255}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Error codes that mean "not configured" for the call that returns them. */
const ABSENT_CODES: Readonly<Record<string, string>> = {
  GetBucketPolicy: 'NoSuchBucketPolicy',
  GetPublicAccessBlock: 'NoSuchPublicAccessBlockConfiguration',
  GetBucketOwnershipControls: 'OwnershipControlsNotFoundError',
  GetBucketEncryption: 'ServerSideEncryptionConfigurationNotFoundError',
};

export async function readS3(
  clients: AwsClientFactory,
  credentials: AwsCredentialIdentityProvider,
  accountId: string,
): Promise<S3Read> {
  const errors: CollectionErrorRecord[] = [];
  const home = clients.settings.region;
  const regional = new Map<string, S3Client>();
  const clientFor = (region: string): S3Client => {
    let client = regional.get(region);
    if (client === undefined) {
      client = clients.s3(credentials, region);
      regional.set(region, client);
    }
    return client;
  };
  const homeClient = clientFor(home);

  let owner: JsonValue | undefined;
  const listed: { name: string; region: string | undefined }[] = [];
  try {
    await readAllPages('s3:ListBuckets', async (token) => {
      const out = await homeClient.send(
        new ListBucketsCommand(token === undefined ? {} : { ContinuationToken: token }),
      );
      if (out.Owner !== undefined) owner = toCliJson(out.Owner);
      for (const bucket of out.Buckets ?? []) {
        if (bucket.Name === undefined) continue;
        listed.push({ name: bucket.Name, region: bucket.BucketRegion });
      }
      return { items: undefined, next: out.ContinuationToken };
    });
  } catch (err: unknown) {
    errors.push(toCollectionError('s3:ListBuckets', err, accountId));
    return { file: undefined, errors };
  }

  const file: S3FileDraft = {};
  if (owner !== undefined) file.Owner = owner;

  try {
    const pab = await readAccountPublicAccessBlock(clients.s3Control(credentials), accountId);
    if (pab !== undefined) file.AccountPublicAccessBlock = pab;
  } catch (err: unknown) {
    errors.push(toCollectionError('s3control:GetPublicAccessBlock', err, accountId));
  }
  const buckets: BucketJson[] = [];
  file.Buckets = buckets;

  for (const { name, region: listedRegion } of listed) {
    if (!BUCKET_NAME.test(name)) {
      errors.push({
        accountId,
        call: 's3:ListBuckets',
        errorName: 'InvalidBucketName',
        message: `bucket name ${JSON.stringify(name.slice(0, 300))} is not a valid S3 bucket name; the bucket was not read`,
      });
      continue;
    }
    const bucket = await readBucket(homeClient, clientFor, accountId, name, listedRegion, errors);
    if (bucket !== undefined) buckets.push(bucket);
  }
  return { file: { ...file, Buckets: buckets }, errors };
}

/** Reads one bucket; undefined when the bucket no longer exists. */
async function readBucket(
  homeClient: S3Client,
  clientFor: (region: string) => S3Client,
  accountId: string,
  name: string,
  listedRegion: string | undefined,
  errors: CollectionErrorRecord[],
): Promise<BucketJson | undefined> {
  const bucket: BucketJson = { Name: name };
  let region = listedRegion;
  if (region === undefined || region === '') {
    try {
      const out = await homeClient.send(new GetBucketLocationCommand({ Bucket: name }));
      region = bucketRegionOf(out.LocationConstraint);
    } catch (err: unknown) {
      if (errorNameOf(err) === 'NoSuchBucket') return undefined;
      errors.push(toCollectionError('s3:GetBucketLocation', err, accountId, name));
      return bucket;
    }
  }
  if (!REGION.test(region)) {
    errors.push({
      accountId,
      call: 's3:GetBucketLocation',
      errorName: 'InvalidRegion',
      message: `bucket ${name}: region ${JSON.stringify(region.slice(0, 60))} is not an AWS region; the bucket was not read`,
      resource: name,
    });
    return bucket;
  }
  bucket.Region = region;
  const client = clientFor(region);

  const read = async <T>(
    operation: string,
    send: () => Promise<T>,
    keep: (out: T) => void,
  ): Promise<'ok' | 'gone'> => {
    try {
      keep(await send());
    } catch (err: unknown) {
      const name_ = errorNameOf(err);
      if (name_ === ABSENT_CODES[operation]) return 'ok';
      if (name_ === 'NoSuchBucket') return 'gone';
      errors.push(toCollectionError(`s3:${operation}`, err, accountId, name));
    }
    return 'ok';
  };

  const outcomes = [
    await read(
      'GetBucketPolicy',
      () =>
        client.send(new GetBucketPolicyCommand({ Bucket: name, ExpectedBucketOwner: accountId })),
      (out) => {
        if (out.Policy !== undefined) bucket.Policy = out.Policy;
      },
    ),
    await read(
      'GetPublicAccessBlock',
      () =>
        client.send(
          new GetPublicAccessBlockCommand({ Bucket: name, ExpectedBucketOwner: accountId }),
        ),
      (out) => {
        if (out.PublicAccessBlockConfiguration !== undefined) {
          bucket.PublicAccessBlock = toCliJson(out.PublicAccessBlockConfiguration);
        }
      },
    ),
    await read(
      'GetBucketOwnershipControls',
      () =>
        client.send(
          new GetBucketOwnershipControlsCommand({ Bucket: name, ExpectedBucketOwner: accountId }),
        ),
      (out) => {
        if (out.OwnershipControls !== undefined) {
          bucket.OwnershipControls = toCliJson(out.OwnershipControls);
        }
      },
    ),
    await read(
      'GetBucketAcl',
      () => client.send(new GetBucketAclCommand({ Bucket: name, ExpectedBucketOwner: accountId })),
      (out) => {
        bucket.Acl = toCliJson(out);
      },
    ),
    await read(
      'GetBucketEncryption',
      () =>
        client.send(
          new GetBucketEncryptionCommand({ Bucket: name, ExpectedBucketOwner: accountId }),
        ),
      (out) => {
        if (out.ServerSideEncryptionConfiguration !== undefined) {
          bucket.Encryption = toCliJson(out.ServerSideEncryptionConfiguration);
        }
      },
    ),
  ];
  return outcomes.includes('gone') ? undefined : bucket;
}

/**
 * GetBucketLocation's answer as a region: an empty constraint is us-east-1 and the legacy `EU`
 * is eu-west-1 (S3 API reference, GetBucketLocation).
 */
export function bucketRegionOf(locationConstraint: string | undefined | null): string {
  if (
    locationConstraint === undefined ||
    locationConstraint === null ||
    locationConstraint === ''
  ) {
    return 'us-east-1';
  }
  if (locationConstraint === 'EU') return 'eu-west-1';
  return locationConstraint;
}
