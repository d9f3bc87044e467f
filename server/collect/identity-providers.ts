/**
 * The account's identity providers: ListOpenIDConnectProviders with GetOpenIDConnectProvider for
 * each, and ListSAMLProviders. The file `identity-providers.json` tells analysis which providers
 * are registered, so it is written only when every call succeeded: a partial list would read as
 * "this provider is not registered".
 */
import {
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { toCollectionError, type CollectionErrorRecord } from './aws-errors.js';
import { toCliJson, type JsonValue } from './aws-json.js';

/** The content of `identity-providers.json` (DESIGN.md "Snapshot directory"). */
export interface IdentityProvidersFile {
  OpenIDConnectProviders: { Arn: string; Url: JsonValue; ClientIDList: JsonValue }[];
  SAMLProviders: { Arn: string }[];
}

export interface IdentityProvidersRead {
  /** Undefined when any call failed. */
  file: IdentityProvidersFile | undefined;
  errors: CollectionErrorRecord[];
}

export async function readIdentityProviders(
  iam: IAMClient,
  accountId: string,
): Promise<IdentityProvidersRead> {
  const errors: CollectionErrorRecord[] = [];
  const file: IdentityProvidersFile = { OpenIDConnectProviders: [], SAMLProviders: [] };

  try {
    const list = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    for (const entry of list.OpenIDConnectProviderList ?? []) {
      const arn = entry.Arn;
      if (arn === undefined) continue;
      try {
        const provider = await iam.send(
          new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
        );
        file.OpenIDConnectProviders.push({
          Arn: arn,
          Url: toCliJson(provider.Url),
          ClientIDList: toCliJson(provider.ClientIDList ?? []),
        });
      } catch (err: unknown) {
        errors.push(toCollectionError('iam:GetOpenIDConnectProvider', err, accountId, arn));
      }
    }
  } catch (err: unknown) {
    errors.push(toCollectionError('iam:ListOpenIDConnectProviders', err, accountId));
  }

  try {
    const list = await iam.send(new ListSAMLProvidersCommand({}));
    for (const entry of list.SAMLProviderList ?? []) {
      if (entry.Arn !== undefined) file.SAMLProviders.push({ Arn: entry.Arn });
    }
  } catch (err: unknown) {
    errors.push(toCollectionError('iam:ListSAMLProviders', err, accountId));
  }

  return { file: errors.length === 0 ? file : undefined, errors };
}
