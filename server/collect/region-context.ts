/**
 * What a reader of one regional service in one account needs: the account, the region, a client
 * per service (built once, through the collection's shared client configuration) and a place to
 * record failed calls with their region. A service that AWS does not offer in a region (its
 * endpoint host does not resolve) is not an error, and not retried: there is nothing to read.
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
        if (clients.settings.endpoints[service] === undefined) stopOnMissingEndpoint(client);
        built.set(service, client);
      }
      return client;
    },
    fail(service, call, err, resource) {
      if (clients.settings.endpoints[service] === undefined && isServiceNotInRegion(err)) return;
      errors.push({ ...toCollectionError(call, err, account.accountId, resource), region });
    },
  };
}

/** AWS's endpoint of the service in that region does not exist (its host name does not resolve). */
export class ServiceNotInRegionError extends Error {
  override readonly name = 'ServiceNotInRegion';
}

export function isServiceNotInRegion(err: unknown): boolean {
  return err instanceof ServiceNotInRegionError;
}

interface DeserializeStack {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'deserialize'; name: string },
    ): void;
  };
}

/**
 * The SDK retries a host name that does not resolve (`ENOTFOUND`) as a transient network error,
 * up to the attempt limit with backoff: half a minute per service that a region lacks. An AWS
 * endpoint that does not resolve is a service the region does not offer, so the answer is turned
 * into `ServiceNotInRegionError` below the retry step, and it is not retried. Only for AWS's own
 * endpoints: with an endpoint override, the error is left as it is (and recorded).
 */
function stopOnMissingEndpoint(client: unknown): void {
  (client as DeserializeStack).middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err: unknown) {
        if (hasCode(err, 'ENOTFOUND')) {
          throw new ServiceNotInRegionError(
            err instanceof Error ? err.message : 'the endpoint does not resolve',
          );
        }
        throw err;
      }
    },
    { step: 'deserialize', name: 'trustmapServiceNotInRegion' },
  );
}

function hasCode(err: unknown, code: string): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    (err as { code?: unknown }).code === code
  );
}
