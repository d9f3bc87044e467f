/**
 * readSnapshotDir on the quirk fixtures (test/fixtures/snapshots/<quirk>/): the exact issues
 * (fixture-issues.cases.json: file, JSON path, severity, message) and what was loaded despite
 * them; directories that are not snapshots; text encodings; concurrency.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotASnapshotError, readSnapshotDir } from '../../../server/snapshot/read-snapshot-dir.js';
import type { LoadIssue, Snapshot } from '../../../shared/snapshot/types.js';
import cases from './fixture-issues.cases.json' with { type: 'json' };

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'snapshots');
const A = '111111111111';
const B = '222222222222';
const load = (name: string): Promise<Snapshot> => readSnapshotDir(join(FIXTURES, name));

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'trustmap-snapshot-'));
  temps.push(dir);
  return dir;
}

interface IssueCase {
  name: string;
  fixture: string;
  reason: string;
  issues: (Omit<LoadIssue, 'message'> & { message: string })[];
}

describe('issues of each fixture', () => {
  for (const c of cases as IssueCase[]) {
    it(`${c.name}: ${c.reason}`, async () => {
      const s = await load(c.fixture);
      expect(s.issues.map(({ file, path, severity }) => ({ file, path, severity }))).toEqual(
        c.issues.map(({ file, path, severity }) => ({ file, path, severity })),
      );
      c.issues.forEach((expected, i) => {
        expect(s.issues[i]?.message).toContain(expected.message);
      });
    });
  }
});

const TRUST = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'sts:AssumeRole' },
  ],
};
const READ = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadReports',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::acme-reports', 'arn:aws:s3:::acme-reports/*'],
    },
  ],
};
const ADMIN = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
const BUCKET_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PartnerRead',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${B}:root` },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-reports/*',
    },
  ],
};

describe('what loads', () => {
  it('the same documents whether given as objects, JSON text or URL-encoded JSON', async () => {
    const [asText, encoded] = await Promise.all([
      load('documents-as-json-strings'),
      load('documents-url-encoded'),
    ]);
    const account = asText.accounts.get(A);
    expect(account?.roles[0]?.trustPolicy).toEqual(TRUST);
    expect(account?.users[0]?.inlinePolicies).toEqual([{ name: 'ReadReports', document: READ }]);
    expect(account?.managedPolicies[0]?.document).toEqual(ADMIN);
    expect(account?.s3?.buckets[0]?.policy).toEqual(BUCKET_POLICY);
    expect(encoded.accounts.get(A)).toEqual(account);
  });

  it('documents without Version exactly as written', async () => {
    const s = await load('missing-version');
    expect(s.accounts.get(A)?.roles[0]?.trustPolicy).toEqual({ Statement: TRUST.Statement });
    expect(s.organization?.policies[0]?.document).toEqual({ Statement: ADMIN.Statement });
  });

  it('single objects as lists of one', async () => {
    const s = await load('single-object-not-list');
    const account = s.accounts.get(A);
    expect(account?.users[0]).toMatchObject({
      name: 'reporter',
      groups: ['Reporters'],
      attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      tags: { team: 'reporting' },
    });
    expect(account?.groups[0]?.inlinePolicies).toEqual([{ name: 'ReadReports', document: READ }]);
    expect(account?.managedPolicies[0]?.document).toEqual(ADMIN);
    expect(account?.s3?.buckets.map((b) => b.name)).toEqual(['acme-reports']);
    expect(s.organization).toMatchObject({
      accounts: [{ id: A }],
      roots: [{ id: 'r-ex01' }],
      policies: [{ id: 'p-FullAWSAccess', targets: ['r-ex01'], document: ADMIN }],
    });
  });

  it('stray whitespace cleaned outside values, string values untouched', async () => {
    const account = (await load('nbsp-and-stray-whitespace')).accounts.get(A);
    expect(account?.roles[0]).toMatchObject({ name: 'PartnerAccess', trustPolicy: TRUST });
    expect(account?.users[0]?.inlinePolicies[0]?.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Read\u00a0Reports',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::acme-reports/*',
        },
      ],
    });
    expect(account?.s3?.buckets[0]?.policy).toEqual(BUCKET_POLICY);
  });

  it('unknown fields ignored, known ones still read', async () => {
    const account = (await load('unknown-fields')).accounts.get(A);
    expect(account?.roles[0]?.lastUsed).toEqual({
      date: '2024-05-06T07:08:09+00:00',
      region: 'eu-central-1',
    });
    expect(account?.s3?.buckets[0]?.acl?.grants).toHaveLength(1);
    expect(account?.identityProviders?.oidc[0]?.clientIds).toEqual(['sts.amazonaws.com']);
  });

  it('everything around a malformed document', async () => {
    const s = await load('malformed-document');
    const account = s.accounts.get(A);
    expect(account?.roles.map((r) => [r.name, r.trustPolicy === undefined])).toEqual([
      ['PartnerAccess', false],
      ['BrokenTrust', true],
    ]);
    expect(account?.users[0]?.inlinePolicies.map((p) => p.name)).toEqual(['ReadReports']);
    expect(account?.managedPolicies.map((p) => [p.name, p.document === undefined])).toEqual([
      ['AdministratorAccess', false],
      ['Orphan', true],
    ]);
    expect(account?.s3?.buckets[0]).toMatchObject({
      name: 'acme-reports',
      ownership: 'BucketOwnerEnforced',
    });
    expect(account?.s3?.buckets[0]?.policy).toBeUndefined();
    expect(
      s.organization?.policies.map((p) => [p.name, p.document === undefined, p.targets]),
    ).toEqual([
      ['FullAWSAccess', false, ['r-ex01', A]],
      ['DenyBroken', true, ['r-ex01']],
    ]);
  });

  it('the other accounts when one iam.json is not JSON', async () => {
    const s = await load('invalid-json-file');
    expect([...s.accounts.keys()]).toEqual([B]);
    expect(s.accounts.get(B)?.roles).toHaveLength(1);
    expect(s.accounts.get(B)?.s3).toBeUndefined();
    expect(s.organization?.accounts.map((a) => a.id)).toEqual([A, B]);
  });

  it('the page that is there when the listing is truncated', async () => {
    const account = (await load('truncated-listing')).accounts.get(A);
    expect(account?.users).toHaveLength(1);
    expect(account?.roles).toHaveLength(1);
  });

  it('only folders named by their own account id', async () => {
    const s = await load('misnamed-account-folders');
    expect([...s.accounts.keys()]).toEqual([A, B]);
    expect(s.accounts.get(B)?.roles[0]?.arn).toBe(`arn:aws:iam::${B}:role/PartnerAccess`);
  });

  it('CLI outputs pasted whole', async () => {
    const s = await load('cli-wrapped-outputs');
    const account = s.accounts.get(A);
    expect(account?.s3).toEqual({
      ownerCanonicalId: 'c0ffee'.repeat(10) + 'c0ff',
      accountPublicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      },
      buckets: [
        {
          name: 'acme-reports',
          arn: 'arn:aws:s3:::acme-reports',
          accountId: A,
          region: 'eu-west-1',
          policy: BUCKET_POLICY,
          publicAccessBlock: {
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: true,
            restrictPublicBuckets: true,
          },
          ownership: 'ObjectWriter',
          acl: {
            ownerId: 'c0ffee'.repeat(10) + 'c0ff',
            grants: [
              {
                grantee: { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' },
                permission: 'READ',
              },
              {
                grantee: { type: 'AmazonCustomerByEmail', email: 'partner@example.com' },
                permission: 'READ_ACP',
              },
            ],
          },
        },
        {
          name: 'acme-us-bucket',
          arn: 'arn:aws:s3:::acme-us-bucket',
          accountId: A,
          region: 'us-east-1',
        },
      ],
    });
    expect(account?.identityProviders).toEqual({
      oidc: [
        {
          arn: `arn:aws:iam::${A}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`,
          url: 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
          clientIds: [],
        },
      ],
      saml: [{ arn: `arn:aws:iam::${A}:saml-provider/Okta` }],
    });
    expect(s.organization).toMatchObject({
      id: 'o-exampleorg1',
      managementAccountId: A,
      accountParents: { [A]: 'r-ex01' },
    });
    expect(s.organization?.policies).toEqual([
      {
        id: 'p-FullAWSAccess',
        name: 'FullAWSAccess',
        type: 'SERVICE_CONTROL_POLICY',
        document: ADMIN,
        targets: ['r-ex01', A],
      },
    ]);
  });

  it('the partition of the data, for every ARN built', async () => {
    const s = await load('partition-from-data');
    expect(s.accounts.get(A)?.partition).toBe('aws-us-gov');
    expect(s.accounts.get(A)?.roles[0]?.arn).toBe(`arn:aws-us-gov:iam::${A}:role/PartnerAccess`);
    expect(s.accounts.get(A)?.s3?.buckets[0]?.arn).toBe('arn:aws-us-gov:s3:::acme-gov-reports');
    expect(s.accounts.get(B)?.partition).toBe('aws-us-gov');
    expect(s.accounts.get(B)?.s3?.buckets[0]?.arn).toBe(
      'arn:aws-us-gov:s3:::acme-gov-empty-account-bucket',
    );
  });
});

describe('not a snapshot', () => {
  const expectNotASnapshot = async (dir: string, text: string): Promise<void> => {
    const err: unknown = await readSnapshotDir(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NotASnapshotError);
    expect((err as NotASnapshotError).exitCode).toBe(2);
    expect((err as Error).message).toContain(text);
    expect((err as Error).message).toContain('iam.json');
  };

  it('a path that does not exist', async () => {
    await expectNotASnapshot(join(FIXTURES, 'no-such-dir'), 'does not exist');
  });

  it('a file', async () => {
    await expectNotASnapshot(
      join(FIXTURES, 'acme-org', 'organization.json'),
      'is a file, not a directory',
    );
  });

  it('a directory with neither organization.json nor an account folder, saying what it found', async () => {
    await expectNotASnapshot(
      join(FIXTURES, 'not-a-snapshot'),
      '"prod/iam.json" found, but an account folder must be named by the 12-digit account id',
    );
  });

  it('an empty directory, and one with account folders but no iam.json', async () => {
    const dir = await tempDir();
    await expectNotASnapshot(dir, 'found neither');
    await mkdir(join(dir, A));
    await expectNotASnapshot(dir, `account folders ${A} hold no iam.json`);
  });

  it('the parent of a snapshot, pointing at it', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'scan-2026-11-28'));
    await writeFile(join(dir, 'scan-2026-11-28', 'organization.json'), '{}');
    await expectNotASnapshot(dir, `${JSON.stringify(join(dir, 'scan-2026-11-28'))} looks like one`);
  });
});

describe('text encodings and unreadable files', () => {
  const iam = JSON.stringify(
    {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [
        {
          Path: '/',
          RoleName: 'R',
          RoleId: 'AROAR',
          Arn: `arn:aws:iam::${A}:role/R`,
          AssumeRolePolicyDocument: TRUST,
        },
      ],
      Policies: [],
    },
    null,
    2,
  );

  it.each([
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(iam)]), []],
    [
      'UTF-16 little-endian (PowerShell 5 `>`)',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(iam, 'utf16le')]),
      ['is UTF-16 (little-endian) text; read as such'],
    ],
    [
      'UTF-16 big-endian',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(iam, 'utf16le').swap16()]),
      ['is UTF-16 (big-endian) text; read as such'],
    ],
  ])('%s', async (_name, bytes, warnings) => {
    const dir = await tempDir();
    await mkdir(join(dir, A));
    await writeFile(join(dir, A, 'iam.json'), bytes);
    const s = await readSnapshotDir(dir);
    expect(s.accounts.get(A)?.roles[0]?.trustPolicy).toEqual(TRUST);
    expect(
      s.issues
        .filter(
          (i) => i.message !== `no ARN in the account's data names a partition: "aws" is assumed`,
        )
        .map((i) => i.message),
    ).toEqual(warnings);
  });

  it('reports invalid UTF-8, an empty file and a directory in place of a file', async () => {
    const dir = await tempDir();
    for (const id of [A, B, '333333333333']) await mkdir(join(dir, id));
    await writeFile(
      join(dir, A, 'iam.json'),
      Buffer.concat([Buffer.from(iam.slice(0, -1)), Buffer.from([0xff, 0x7d])]),
    );
    await writeFile(join(dir, B, 'iam.json'), '  \n');
    await mkdir(join(dir, '333333333333', 'iam.json'));
    await writeFile(join(dir, '333333333333', 's3.json'), '{"Buckets": []}');
    const s = await readSnapshotDir(dir);
    expect(s.issues.map((i) => [i.file, i.severity, i.message.split(';')[0]])).toEqual([
      [`${A}/iam.json`, 'warning', 'is not valid UTF-8: invalid bytes were replaced by U+FFFD'],
      [
        `${A}/iam.json`,
        'error',
        "is not valid JSON: line 25 column 1: expected ',' or '}' after a property value, found '\ufffd'",
      ],
      [`${B}/iam.json`, 'error', 'is empty, expected JSON'],
      ['333333333333/iam.json', 'error', 'is a directory, expected a JSON file'],
    ]);
  });
});

describe('size and concurrency', () => {
  it('loads a multi-megabyte iam.json with a very large document', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, A));
    const bigStatements = Array.from({ length: 20_000 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    }));
    const bigDoc = { Version: '2012-10-17', Statement: bigStatements };
    const roles = Array.from({ length: 5_000 }, (_, i) => ({
      Path: '/app/',
      RoleName: `role-${i}`,
      RoleId: `AROA${String(i).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${A}:role/app/role-${i}`,
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(TRUST)),
      RolePolicyList: [
        { PolicyName: 'inline', PolicyDocument: encodeURIComponent(JSON.stringify(READ)) },
      ],
      AttachedManagedPolicies: [{ PolicyName: 'Big', PolicyArn: `arn:aws:iam::${A}:policy/Big` }],
      Tags: [{ Key: 'n', Value: String(i) }],
    }));
    const text = JSON.stringify({
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: roles,
      Policies: [
        {
          PolicyName: 'Big',
          Arn: `arn:aws:iam::${A}:policy/Big`,
          DefaultVersionId: 'v1',
          PolicyVersionList: [
            {
              VersionId: 'v1',
              IsDefaultVersion: true,
              Document: encodeURIComponent(JSON.stringify(bigDoc)),
            },
          ],
        },
      ],
    });
    expect(text.length).toBeGreaterThan(8_000_000);
    await writeFile(join(dir, A, 'iam.json'), text);
    const s = await readSnapshotDir(dir);
    expect(s.issues).toEqual([]);
    const account = s.accounts.get(A);
    expect(account?.roles).toHaveLength(5_000);
    expect(account?.roles[4_999]).toMatchObject({
      name: 'role-4999',
      path: '/app/',
      trustPolicy: TRUST,
      tags: { n: '4999' },
    });
    expect((account?.managedPolicies[0]?.document?.Statement as unknown[]).length).toBe(20_000);
  }, 60_000);

  it('gives the same snapshot whatever the concurrency', async () => {
    const dir = await tempDir();
    const ids = Array.from({ length: 30 }, (_, i) => String(100000000000 + i * 7919));
    for (const [i, id] of ids.entries()) {
      await mkdir(join(dir, id));
      const broken = i % 5 === 0;
      await writeFile(
        join(dir, id, 'iam.json'),
        broken
          ? '{"RoleDetailList": ['
          : JSON.stringify({
              RoleDetailList: [
                {
                  Path: '/',
                  RoleName: 'R',
                  RoleId: 'AROAR',
                  Arn: `arn:aws:iam::${id}:role/R`,
                  AssumeRolePolicyDocument: i % 3 === 0 ? '%ZZ' : TRUST,
                },
              ],
            }),
      );
    }
    const [one, many] = await Promise.all([
      readSnapshotDir(dir, { concurrency: 1 }),
      readSnapshotDir(dir, { concurrency: 16 }),
    ]);
    expect(many).toEqual(one);
    expect(one.accounts.size).toBe(24);
    expect(one.issues.map((i) => i.file)).toEqual([...one.issues.map((i) => i.file)].sort());
  });
});
