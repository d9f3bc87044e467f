/**
 * normalizeSnapshot and SnapshotBuilder: account folders, the partition of each account, the
 * order of accounts and issues, and files that are not what they should be.
 */
import { describe, expect, it } from 'vitest';
import {
  SnapshotBuilder,
  normalizeSnapshot,
  type AccountFiles,
} from '../../../shared/snapshot/normalize-snapshot.js';

const files = (id: string, parts: Omit<AccountFiles, 'files'>): AccountFiles => ({
  ...parts,
  files: {
    iam: `${id}/iam.json`,
    s3: `${id}/s3.json`,
    identityProviders: `${id}/identity-providers.json`,
  },
});
const EMPTY_IAM = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
const roleIam = (arn: string): unknown => ({
  ...EMPTY_IAM,
  RoleDetailList: [
    {
      Path: '/',
      RoleName: arn.slice(arn.lastIndexOf('/') + 1),
      RoleId: 'AROAX',
      Arn: arn,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
    },
  ],
});

describe('the partition of an account', () => {
  it('comes from its ARNs', () => {
    const s = normalizeSnapshot({
      accounts: new Map([
        [
          '111111111111',
          files('111111111111', {
            iam: roleIam('arn:aws-cn:iam::111111111111:role/R'),
            s3: { Buckets: [{ Name: 'b' }] },
          }),
        ],
      ]),
    });
    expect(s.accounts.get('111111111111')?.partition).toBe('aws-cn');
    expect(s.accounts.get('111111111111')?.s3?.buckets[0]?.arn).toBe('arn:aws-cn:s3:::b');
    expect(s.issues).toEqual([]);
  });

  it('comes from identity provider ARNs when iam.json has none', () => {
    const s = normalizeSnapshot({
      accounts: new Map([
        [
          '111111111111',
          files('111111111111', {
            iam: EMPTY_IAM,
            identityProviders: {
              OpenIDConnectProviders: [],
              SAMLProviders: [{ Arn: 'arn:aws-us-gov:iam::111111111111:saml-provider/Okta' }],
            },
          }),
        ],
      ]),
    });
    expect(s.accounts.get('111111111111')?.partition).toBe('aws-us-gov');
    expect(s.issues).toEqual([]);
  });

  it('is `aws`, with a warning, when nothing names one', () => {
    const s = normalizeSnapshot({
      accounts: new Map([['111111111111', files('111111111111', { iam: EMPTY_IAM })]]),
    });
    expect(s.accounts.get('111111111111')?.partition).toBe('aws');
    expect(s.issues).toEqual([
      {
        file: '111111111111/iam.json',
        path: '$',
        severity: 'warning',
        message: `no ARN in the account's data names a partition: "aws" is assumed`,
      },
    ]);
  });

  it('is the most frequent one when ARNs disagree (warning; the odd entry warned too)', () => {
    const iam = {
      ...EMPTY_IAM,
      RoleDetailList: ['aws', 'aws', 'aws-cn'].map((p, i) => ({
        Path: '/',
        RoleName: `R${i}`,
        RoleId: `AROA${i}`,
        Arn: `arn:${p}:iam::111111111111:role/R${i}`,
        AssumeRolePolicyDocument: { Statement: [] },
      })),
    };
    const s = normalizeSnapshot({
      accounts: new Map([['111111111111', files('111111111111', { iam })]]),
    });
    expect(s.accounts.get('111111111111')?.partition).toBe('aws');
    expect(s.issues.map((i) => [i.severity, i.path])).toEqual([
      ['warning', '$'],
      ['warning', '$.RoleDetailList[2].Arn'],
    ]);
  });
});

describe('account folders', () => {
  it('skips folders not named by an account id, without iam.json, or holding another account', () => {
    const s = normalizeSnapshot({
      accounts: new Map([
        [
          '111111111111',
          files('111111111111', { iam: roleIam('arn:aws:iam::111111111111:role/R') }),
        ],
        ['11111111111', files('11111111111', { iam: roleIam('arn:aws:iam::11111111111:role/R') })],
        ['222222222222', files('222222222222', { s3: { Buckets: [] } })],
        [
          '333333333333',
          files('333333333333', { iam: roleIam('arn:aws:iam::999999999999:role/R') }),
        ],
      ]),
    });
    expect([...s.accounts.keys()]).toEqual(['111111111111']);
    expect(s.issues.map((i) => [i.file, i.severity])).toEqual([
      ['11111111111/', 'error'],
      ['222222222222/iam.json', 'error'],
      ['333333333333/iam.json', 'error'],
    ]);
    expect(s.issues[2]?.message).not.toContain('duplicate');
  });

  it('puts read issues first, then organization, then accounts in folder order, whatever the order added', () => {
    const top = {
      organization: { Accounts: 'x' },
      issues: [
        { file: 'collection.json', path: '$', severity: 'error' as const, message: 'unreadable' },
      ],
    };
    const a = files('111111111111', { iam: EMPTY_IAM });
    const b = files('222222222222', { iam: EMPTY_IAM });
    const one = new SnapshotBuilder(top, ['111111111111', '222222222222']);
    one.addAccount('222222222222', b, [
      { file: '222222222222/s3.json', path: '$', severity: 'error', message: 'read' },
    ]);
    one.addAccount('111111111111', a);
    const two = new SnapshotBuilder(top, ['111111111111', '222222222222']);
    two.addAccount('111111111111', a);
    two.addAccount('222222222222', b, [
      { file: '222222222222/s3.json', path: '$', severity: 'error', message: 'read' },
    ]);
    const [x, y] = [one.build(), two.build()];
    expect(x).toEqual(y);
    expect([...x.accounts.keys()]).toEqual(['111111111111', '222222222222']);
    expect(x.issues.map((i) => i.file)).toEqual([
      'collection.json',
      'organization.json',
      'organization.json',
      '111111111111/iam.json',
      '222222222222/s3.json',
      '222222222222/iam.json',
    ]);
  });
});

it('never throws on files of the wrong type', () => {
  const weird = [
    null,
    0,
    'x',
    [],
    [null],
    { RoleDetailList: [null, 1, 'x', []] },
    { Policies: { PolicyVersionList: 7 } },
  ];
  for (const value of weird) {
    const s = normalizeSnapshot({
      organization: value,
      collection: value,
      accounts: new Map([
        [
          '111111111111',
          files('111111111111', { iam: value ?? {}, s3: value, identityProviders: value }),
        ],
      ]),
    });
    expect(Array.isArray(s.issues)).toBe(true);
    expect(s.issues.length).toBeGreaterThan(0);
  }
});
