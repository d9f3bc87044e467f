/**
 * The URL configuration, aliases and published versions of a Lambda function for the node-detail
 * endpoint, read from the compiled model's resource profile (workloads.json `FunctionUrls`,
 * `Aliases` and `Versions`). Unknown
 * stays unknown (`null`): a function whose URLs were not collected may have a public one.
 */
import type { FunctionDetailView } from '../../shared/api/types.js';
import type { AuthzModel } from '../../shared/authorize/types.js';

/** The function `key`'s URLs and aliases; undefined when `key` is not a Lambda function. */
export function functionDetail(model: AuthzModel, key: string): FunctionDetailView | undefined {
  const profile = model.resources?.get(key);
  if (profile?.type !== 'lambda-function' || profile.functionArn !== undefined) return undefined;
  return {
    urls:
      profile.functionUrls?.map((u) => ({
        ...(u.url === undefined ? {} : { url: u.url }),
        authType: u.authType,
        ...(u.qualifier === undefined ? {} : { qualifier: u.qualifier }),
      })) ?? null,
    aliases:
      profile.functionAliases?.map((a) => ({
        name: a.name,
        arn: a.profile.arn,
        ...(a.functionVersion === undefined ? {} : { functionVersion: a.functionVersion }),
        hasPolicy: a.profile.policy !== undefined,
      })) ?? null,
    versions:
      profile.functionVersions?.map((v) => ({
        version: v.name,
        arn: v.profile.arn,
        hasPolicy: v.profile.policy !== undefined,
      })) ?? null,
  };
}
