/**
 * What a reader of one regional service in one account needs: the account, the region, a client
 * per service (built once, through the collection's shared client configuration) and a place to
 * record failed calls with their region. A service that AWS does not offer in a region (its
 * endpoint host does not resolve) is not an error: there is nothing there to read.
 */
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { AwsClientFactory, RegionalClient, RegionalService } from './aws-clients.js';
import { toCollectionError, type CollectionErrorRecord } from './aws-errors.js';

export interface RegionContext {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  client<S extends RegionalService>(service: S): RegionalClient<S>;
  /** Records a failed call (`service:Operation`), optionally about one resource. */
  fail(service: RegionalService, call: string, err: unknown, resource?: string): void;
}

export function createRegionContext(
  clients: AwsClientFactory,
  credentials: AwsCredentialIdentityProvider,
  account: { accountId: string; partition: string },
  region: string,
  errors: CollectionErrorRecord[],
): RegionContext {
  const built = new Map<RegionalService, unknown>();
  return {
    accountId: account.accountId,
    partition: account.partition,
    region,
    client<S extends RegionalService>(service: S): RegionalClient<S> {
      let client = built.get(service) as RegionalClient<S> | undefined;
      if (client === undefined) {
        client = clients.regional(service, credentials, region);
        built.set(service, client);
      }
      return client;
    },
    fail(service, call, err, resource) {
      if (clients.settings.endpoints[service] === undefined && isEndpointNotFound(err)) return;
      errors.push({ ...toCollectionError(call, err, account.accountId, resource), region });
    },
  };
}

/** The endpoint's host name does not resolve: the service is not offered in that region. */
export function isEndpointNotFound(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    (err as { code?: unknown }).code === 'ENOTFOUND'
  );
}
