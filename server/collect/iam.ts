/**
 * IAM of one account: every page of GetAccountAuthorizationDetails merged into one document,
 * exactly as `aws iam get-account-authorization-details` prints it (`UserDetailList`,
 * `GroupDetailList`, `RoleDetailList`, `Policies`). Policy documents stay the URL-encoded strings
 * the API returns; the snapshot loader decodes them.
 */
import { GetAccountAuthorizationDetailsCommand, type IAMClient } from '@aws-sdk/client-iam';
import { toCliJson, type JsonValue } from './aws-json.js';
import { readAllPages } from './paginate.js';

/** The content of `iam.json`. */
export interface IamFile {
  UserDetailList: JsonValue[];
  GroupDetailList: JsonValue[];
  RoleDetailList: JsonValue[];
  Policies: JsonValue[];
}

/** The largest page IAM serves. */
const PAGE_SIZE = 1000;

/** Reads every page; throws the SDK error of the first page that fails (no partial file). */
export async function readAuthorizationDetails(iam: IAMClient): Promise<IamFile> {
  const file: IamFile = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  await readAllPages('iam:GetAccountAuthorizationDetails', async (marker) => {
    const out = await iam.send(
      new GetAccountAuthorizationDetailsCommand({
        MaxItems: PAGE_SIZE,
        ...(marker === undefined ? {} : { Marker: marker }),
      }),
    );
    for (const key of [
      'UserDetailList',
      'GroupDetailList',
      'RoleDetailList',
      'Policies',
    ] as const) {
      for (const item of out[key] ?? []) file[key].push(toCliJson(item));
    }
    return { items: undefined, next: out.IsTruncated === true ? out.Marker : undefined };
  });
  return file;
}
