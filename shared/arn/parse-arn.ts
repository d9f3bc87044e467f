/**
 * ARN parsing and building. The partition always comes from data (an ARN, or a partition
 * value read from the snapshot), never from a literal.
 */

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the fifth colon, e.g. `role/path/Name` or `bucket/key`. */
  resource: string;
}

/** Parses `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`; undefined when it is not an ARN. */
export function parseArn(arn: string): ParsedArn | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, service, region, accountId] = parts;
  if (!partition || !service || region === undefined || accountId === undefined) return undefined;
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

/** The account principal ARN `arn:PARTITION:iam::ACCOUNT:root` (the account node key). */
export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** The bucket ARN `arn:PARTITION:s3:::NAME`. */
export function bucketArn(partition: string, name: string): string {
  return `arn:${partition}:s3:::${name}`;
}

/** A 12-digit AWS account id. */
export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** The partition of an ARN, or undefined. */
export function partitionOf(arn: string): string | undefined {
  return parseArn(arn)?.partition;
}
