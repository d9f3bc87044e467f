/** Option resolution of `trustmap collect`: precedence, validation messages, endpoints. */
import { describe, expect, it } from 'vitest';
import {
  CollectOptionError,
  describeCollectOptions,
  resolveCollectOptions,
  resolveServiceEndpoints,
  type CollectFlags,
} from '../../../server/collect/collect-options.js';
import optionCases from './collect-options.cases.json' with { type: 'json' };
import endpointCases from './service-endpoints.cases.json' with { type: 'json' };

interface OptionCase {
  name: string;
  reason: string;
  flags: CollectFlags;
  env: Record<string, string>;
  expect?: Record<string, unknown>;
  error?: { key: string; contains: string };
}

describe('resolveCollectOptions', () => {
  it.each(optionCases as OptionCase[])('$name', (testCase) => {
    const run = () => resolveCollectOptions(testCase.flags, testCase.env, '/work');
    if (testCase.error !== undefined) {
      let caught: unknown;
      try {
        run();
      } catch (err: unknown) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(CollectOptionError);
      expect((caught as CollectOptionError).key).toBe(testCase.error.key);
      expect((caught as CollectOptionError).message).toContain(testCase.error.contains);
      return;
    }
    const options = run();
    const expected = Object.fromEntries(
      Object.entries(testCase.expect ?? {}).map(([k, v]) => [k, v === null ? undefined : v]),
    );
    expect(options).toMatchObject(expected);
  });

  it('masks the ExternalId when the options are printed', () => {
    const options = resolveCollectOptions({ out: 'd', externalId: 'secret-value' }, {}, '/w');
    expect(JSON.stringify(describeCollectOptions(options))).not.toContain('secret-value');
    expect(describeCollectOptions(options)['externalId']).toBe('****');
  });
});

interface EndpointCase {
  name: string;
  cite: string;
  endpointUrl: string | null;
  env: Record<string, string>;
  expect: Record<string, string>;
}

describe('resolveServiceEndpoints', () => {
  it.each(endpointCases as EndpointCase[])('$name', (testCase) => {
    expect(resolveServiceEndpoints(testCase.endpointUrl ?? undefined, testCase.env)).toEqual(
      testCase.expect,
    );
  });

  it('names the variable holding a bad URL', () => {
    expect(() => resolveServiceEndpoints(undefined, { AWS_ENDPOINT_URL_STS: 'not a url' })).toThrow(
      /AWS_ENDPOINT_URL_STS: expected an http\(s\) URL/,
    );
  });
});
