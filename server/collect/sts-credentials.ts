/**
 * Who runs the collection (GetCallerIdentity) and the credentials for each member account
 * (AssumeRole). Member-account credentials live in memory only; they are refreshed by assuming
 * the role again shortly before they expire, so a long account never runs on a stale session.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { isAccountId, parseArn } from '../../shared/arn/parse-arn.js';
import { MalformedResponseError } from './aws-errors.js';

export interface CallerIdentity {
  accountId: string;
  arn: string;
  /** Taken from the caller's ARN (`aws`, `aws-cn`, `aws-us-gov`, …). */
  partition: string;
}

/** The identity's answer was not usable (a malformed account id or ARN). */
export class InvalidCallerIdentityError extends Error {
  override readonly name = 'InvalidCallerIdentityError';
}

export async function readCallerIdentity(sts: STSClient): Promise<CallerIdentity> {
  const out = await sts.send(new GetCallerIdentityCommand({}));
  const accountId = out.Account ?? '';
  const arn = out.Arn ?? '';
  const parsed = parseArn(arn);
  if (!isAccountId(accountId) || parsed === undefined) {
    throw new InvalidCallerIdentityError(
      `sts:GetCallerIdentity returned account ${JSON.stringify(accountId)} and ARN ${JSON.stringify(arn)}; expected a 12-digit account and an ARN`,
    );
  }
  return { accountId, arn, partition: parsed.partition };
}

export interface AssumeRoleTarget {
  roleArn: string;
  sessionName: string;
  externalId: string | undefined;
}

/** Refresh this long before the session ends. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** Sessions of one hour: the longest a role chained from another role may have. */
const SESSION_SECONDS = 3600;

/**
 * Assumes the role once (so that a denial surfaces here, as `sts:AssumeRole`) and returns a
 * provider that re-assumes it when the session is about to expire.
 */
export async function assumeRoleCredentials(
  sts: STSClient,
  target: AssumeRoleTarget,
  now: () => number = Date.now,
): Promise<AwsCredentialIdentityProvider> {
  let current = await assumeRole(sts, target);
  let refreshing: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const expiresAt = current.expiration?.getTime();
    if (expiresAt === undefined || expiresAt - now() > REFRESH_MARGIN_MS) return current;
    refreshing ??= assumeRole(sts, target).finally(() => {
      refreshing = undefined;
    });
    current = await refreshing;
    return current;
  };
}

async function assumeRole(
  sts: STSClient,
  target: AssumeRoleTarget,
): Promise<AwsCredentialIdentity> {
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: target.roleArn,
      RoleSessionName: target.sessionName,
      DurationSeconds: SESSION_SECONDS,
      ...(target.externalId === undefined ? {} : { ExternalId: target.externalId }),
    }),
  );
  const credentials = out.Credentials;
  if (
    credentials?.AccessKeyId === undefined ||
    credentials.SecretAccessKey === undefined ||
    credentials.SessionToken === undefined
  ) {
    throw new MalformedResponseError(`sts:AssumeRole ${target.roleArn} returned no credentials`);
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    ...(credentials.Expiration === undefined ? {} : { expiration: credentials.Expiration }),
  };
}
