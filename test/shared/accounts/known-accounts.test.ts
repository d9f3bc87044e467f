// Lookups in the shipped known-accounts lists (data/README.md).
import { describe, expect, it } from 'vitest';
import {
  knownAccountsProblems,
  knownVendorAccountCount,
  lookupVendor,
} from '../../../shared/accounts/known-accounts.js';

describe('lookupVendor', () => {
  it('names Datadog from the fwdcloudsec list', () => {
    expect(lookupVendor('464622532012')).toMatchObject({
      name: 'Datadog',
      type: 'third-party',
      source: 'https://docs.datadoghq.com/integrations/guide/aws-manual-setup/',
      deprecated: false,
      list: 'known-aws-accounts.json',
    });
  });

  it('marks an AWS service account as aws-service', () => {
    // CloudTrail's log-delivery account for us-east-1 (fwdcloudsec "CloudTrail").
    expect(lookupVendor('086441151436')).toMatchObject({ name: 'CloudTrail', type: 'aws-service' });
  });

  it('recognises an entry with enabled: false and marks it deprecated', () => {
    expect(lookupVendor('858827067514')).toMatchObject({
      name: 'AWS Log Delivery Service',
      type: 'aws-service',
      deprecated: true,
    });
  });

  it('finds accounts of the extra list with their source', () => {
    const ap1 = lookupVendor('417141415827');
    expect(ap1).toMatchObject({
      name: 'Datadog',
      type: 'third-party',
      verified: true,
      list: 'known-aws-accounts.extra.json',
    });
    expect(ap1?.source).toMatch(/^trust policy seen in https:\/\/docs\.datadoghq\.com\//);
    expect(lookupVendor('797287225358')).toMatchObject({ name: 'Snowflake', verified: false });
    expect(lookupVendor('358431324613')).toMatchObject({ name: 'CrowdStrike' });
    expect(lookupVendor('249446771485')).toMatchObject({ name: 'Lacework' });
  });

  it('returns undefined for an unknown account and for anything that is not an account id', () => {
    expect(lookupVendor('999988887777')).toBeUndefined();
    expect(lookupVendor('111111111111')).toBeUndefined();
    expect(lookupVendor('')).toBeUndefined();
    expect(lookupVendor('46462253201')).toBeUndefined();
    expect(lookupVendor('__proto__')).toBeUndefined();
  });

  it('indexes every id of both shipped lists without problems', () => {
    expect(knownAccountsProblems()).toEqual([]);
    // 498 ids upstream (data/README.md) + 5 extra.
    expect(knownVendorAccountCount()).toBe(503);
  });
});
