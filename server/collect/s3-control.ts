/**
 * The account-level S3 Block Public Access setting: S3 Control `GetPublicAccessBlock` for the
 * account, through the SDK's S3 Control client (same retries, sockets and call meter as every
 * other client of the collection).
 */
import { GetPublicAccessBlockCommand, type S3ControlClient } from '@aws-sdk/client-s3-control';
import { errorNameOf } from './aws-errors.js';
import { toCliJson, type JsonValue } from './aws-json.js';

/**
 * Reads the account's Block Public Access configuration as the CLI prints it
 * (`PublicAccessBlockConfiguration`); `undefined` when none is set
 * (`NoSuchPublicAccessBlockConfiguration`). Other errors are thrown.
 */
export async function readAccountPublicAccessBlock(
  client: S3ControlClient,
  accountId: string,
): Promise<JsonValue | undefined> {
  try {
    const out = await client.send(new GetPublicAccessBlockCommand({ AccountId: accountId }));
    return out.PublicAccessBlockConfiguration === undefined
      ? undefined
      : toCliJson(out.PublicAccessBlockConfiguration);
  } catch (err: unknown) {
    if (errorNameOf(err) === 'NoSuchPublicAccessBlockConfiguration') return undefined;
    throw err;
  }
}
