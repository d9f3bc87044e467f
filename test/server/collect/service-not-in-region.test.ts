/**
 * A service that AWS does not offer in a region: its endpoint host name does not resolve
 * (`ENOTFOUND`). The region is skipped for that service at once (no retries, no error); with an
 * endpoint override the same failure is an error like any other. The request handler stands in
 * for the DNS answer, so nothing leaves the machine.
 */
import { AppRunnerClient } from '@aws-sdk/client-apprunner';
import { describe, expect, it } from 'vitest';
import { readAppRunnerServices } from '../../../server/collect/apprunner.js';
import type { AwsClientFactory } from '../../../server/collect/aws-clients.js';
import type { CollectionErrorRecord } from '../../../server/collect/aws-errors.js';
import { createRegionContext } from '../../../server/collect/region-context.js';

function unresolvableFactory(endpoint: string | undefined): {
  factory: AwsClientFactory;
  attempts: () => number;
} {
  let attempts = 0;
  const factory = {
    settings: { endpoints: endpoint === undefined ? {} : { apprunner: endpoint } },
    regional: (_service: string, credentials: unknown, region: string) =>
      new AppRunnerClient({
        region,
        credentials: credentials as () => Promise<{ accessKeyId: string; secretAccessKey: string }>,
        maxAttempts: 3,
        ...(endpoint === undefined ? {} : { endpoint }),
        requestHandler: {
          handle: () => {
            attempts += 1;
            return Promise.reject(
              Object.assign(new Error(`getaddrinfo ENOTFOUND apprunner.${region}.amazonaws.com`), {
                code: 'ENOTFOUND',
              }),
            );
          },
        },
      }),
  } as unknown as AwsClientFactory;
  return { factory, attempts: () => attempts };
}

const credentials = () =>
  Promise.resolve({ accessKeyId: 'AKIA111111111111TEST', secretAccessKey: 'x' });

describe('a service absent from a region', () => {
  it('is skipped after one attempt, without an error', async () => {
    const { factory, attempts } = unresolvableFactory(undefined);
    const errors: CollectionErrorRecord[] = [];
    const ctx = createRegionContext(
      factory,
      credentials,
      { accountId: '111111111111', partition: 'aws' },
      'ap-southeast-7',
      errors,
    );
    expect(await readAppRunnerServices(ctx)).toEqual([]);
    expect(errors).toEqual([]);
    expect(attempts()).toBe(1);
  });

  it('with an endpoint override, is an error (retried as the SDK does, then recorded)', async () => {
    const { factory, attempts } = unresolvableFactory('http://apprunner.proxy.invalid');
    const errors: CollectionErrorRecord[] = [];
    const ctx = createRegionContext(
      factory,
      credentials,
      { accountId: '111111111111', partition: 'aws' },
      'ap-southeast-7',
      errors,
    );
    expect(await readAppRunnerServices(ctx)).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        accountId: '111111111111',
        call: 'apprunner:ListServices',
        region: 'ap-southeast-7',
      }),
    ]);
    expect(attempts()).toBe(3);
  });
});
