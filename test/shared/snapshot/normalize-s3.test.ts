/**
 * normalizeS3: buckets, their policy, Block Public Access, object ownership and ACL; the
 * account's Block Public Access; absent or unreadable protections never assumed.
 */
import { describe, expect, it } from 'vitest';
import { FileReader } from '../../../shared/snapshot/json-reader.js';
import { normalizeS3 } from '../../../shared/snapshot/normalize-s3.js';
import type { LoadIssue, S3Data } from '../../../shared/snapshot/types.js';

function load(raw: unknown, partition = 'aws'): { s3: S3Data | undefined; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const s3 = normalizeS3(raw, {
    accountId: '111111111111',
    partition,
    reader: new FileReader('111111111111/s3.json', issues),
  });
  return { s3, issues };
}
const at = (issues: LoadIssue[]): [string, string][] => issues.map((i) => [i.severity, i.path]);
const OWNER = 'a'.repeat(64);

describe('normalizeS3', () => {
  it('reads a bucket as the CLI prints each part, with the partition of the account', () => {
    const { s3, issues } = load(
      {
        Owner: { DisplayName: 'acme', ID: OWNER },
        AccountPublicAccessBlock: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
        Buckets: [
          {
            Name: 'logs',
            Region: 'cn-north-1',
            Policy: '{"Version":"2012-10-17","Statement":[]}',
            PublicAccessBlock: { BlockPublicAcls: false, IgnorePublicAcls: true },
            OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
            Acl: {
              Owner: { ID: OWNER },
              Grants: [
                {
                  Grantee: { Type: 'CanonicalUser', ID: OWNER, DisplayName: 'acme' },
                  Permission: 'FULL_CONTROL',
                },
                {
                  Grantee: {
                    Type: 'Group',
                    URI: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
                  },
                  Permission: 'READ',
                },
                {
                  Grantee: { Type: 'AmazonCustomerByEmail', EmailAddress: 'x@example.com' },
                  Permission: 'WRITE_ACP',
                },
              ],
            },
          },
        ],
      },
      'aws-cn',
    );
    expect(issues).toEqual([]);
    expect(s3).toEqual({
      ownerCanonicalId: OWNER,
      accountPublicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
      buckets: [
        {
          name: 'logs',
          arn: 'arn:aws-cn:s3:::logs',
          accountId: '111111111111',
          region: 'cn-north-1',
          policy: { Version: '2012-10-17', Statement: [] },
          publicAccessBlock: {
            blockPublicAcls: false,
            ignorePublicAcls: true,
            blockPublicPolicy: false,
            restrictPublicBuckets: false,
          },
          ownership: 'BucketOwnerPreferred',
          acl: {
            ownerId: OWNER,
            grants: [
              {
                grantee: { type: 'CanonicalUser', id: OWNER, displayName: 'acme' },
                permission: 'FULL_CONTROL',
              },
              {
                grantee: {
                  type: 'Group',
                  uri: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
                },
                permission: 'READ',
              },
              {
                grantee: { type: 'AmazonCustomerByEmail', email: 'x@example.com' },
                permission: 'WRITE_ACP',
              },
            ],
          },
        },
      ],
    });
  });

  it.each([
    ['get-bucket-location null', { LocationConstraint: null }, 'us-east-1'],
    ['get-bucket-location EU', { LocationConstraint: 'EU' }, 'eu-west-1'],
    ['get-bucket-location region', { LocationConstraint: 'ap-south-1' }, 'ap-south-1'],
    ['no region', undefined, undefined],
  ])('region from %s', (_name, region, expected) => {
    const { s3 } = load({ Buckets: [{ Name: 'b', Region: region }] });
    expect(s3?.buckets[0]?.region).toBe(expected);
  });

  it('never assumes a protection the data does not show', () => {
    const { s3, issues } = load({
      AccountPublicAccessBlock: { BlockPublicAcls: 'yes', IgnorePublicAcls: 'true' },
      Buckets: [
        { Name: 'a', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEverything' }] } },
        { Name: 'b', OwnershipControls: { Rules: [] } },
      ],
    });
    expect(s3?.accountPublicAccessBlock).toEqual({
      blockPublicAcls: false,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    });
    expect(s3?.buckets.map((b) => b.ownership)).toEqual([undefined, undefined]);
    expect(at(issues)).toEqual([
      ['error', '$.AccountPublicAccessBlock.BlockPublicAcls'],
      ['warning', '$.AccountPublicAccessBlock.IgnorePublicAcls'],
      ['error', '$.Buckets[0].OwnershipControls.Rules[0].ObjectOwnership'],
      ['error', '$.Buckets[1].OwnershipControls'],
    ]);
  });

  it('reads a grantee without Type from its fields, and ignores grants it cannot read', () => {
    const { s3, issues } = load({
      Buckets: [
        {
          Name: 'b',
          Acl: {
            Grants: [
              {
                Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
                Permission: 'READ',
              },
              { Grantee: { Type: 'CanonicalUser' }, Permission: 'READ' },
              { Grantee: { Type: 'Robot', ID: 'x' }, Permission: 'READ' },
              { Grantee: { Type: 'Group', URI: 'u' }, Permission: 'EVERYTHING' },
              { Permission: 'READ' },
            ],
          },
        },
      ],
    });
    expect(s3?.buckets[0]?.acl?.grants).toEqual([
      {
        grantee: { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' },
        permission: 'READ',
      },
    ]);
    expect(at(issues)).toEqual([
      ['warning', '$.Buckets[0].Acl.Grants[0].Grantee.Type'],
      ['error', '$.Buckets[0].Acl.Grants[1].Grantee'],
      ['error', '$.Buckets[0].Acl.Grants[2].Grantee.Type'],
      ['error', '$.Buckets[0].Acl.Grants[3].Permission'],
      ['error', '$.Buckets[0].Acl.Grants[4].Grantee'],
    ]);
  });

  it('skips buckets without a valid name and duplicates', () => {
    const { s3, issues } = load({
      Buckets: [{ Name: 'ok' }, { Name: 'bad/name' }, {}, { Name: 'ok' }],
    });
    expect(s3?.buckets.map((b) => b.name)).toEqual(['ok']);
    expect(at(issues)).toEqual([
      ['error', '$.Buckets[1].Name'],
      ['error', '$.Buckets[2].Name'],
      ['warning', '$.Buckets[3]'],
    ]);
  });

  it('refuses a file that is not an object', () => {
    const { s3, issues } = load('buckets');
    expect(s3).toBeUndefined();
    expect(at(issues)).toEqual([['error', '$']]);
  });
});
