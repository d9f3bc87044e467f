/**
 * Keys named like `Object.prototype`'s own members are data (issue 13, item 1): a snapshot whose
 * policies, tags, account ids or any other field carry `__proto__`, `constructor` or `prototype`
 * must load, analyze and audit without writing onto `Object.prototype` and without crashing.
 *
 * The test feeds every poisoned name through every place of every snapshot file: once as an
 * extra key of each JSON object (condition operators and keys, principal maps, tag maps, account
 * parents, document and statement fields …) and once as the value of each string leaf (actions,
 * resources, principals, condition values, tag keys and values, account ids, targets …).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir } from '../../../server/analyze/analyze-snapshot-dir.js';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { findPaths } from '../../../shared/query/find-paths.js';
import { findWhoCanReach } from '../../../shared/query/who-can-reach.js';

const POISON = ['__proto__', 'constructor', 'prototype'] as const;
const ORG = '111111111111';
const MEMBER = '222222222222';

const trust = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Vendor',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::333333333333:root', Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'sts:ExternalId': 'abc', 'aws:PrincipalTag/team': 'x' },
        'ForAnyValue:StringLike': { 'aws:TagKeys': ['a*'] },
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      },
    },
    {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': ORG } },
    },
  ],
};
const identity = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['sts:AssumeRole', 's3:GetObject'],
      Resource: ['*', 'arn:aws:s3:::data/*'],
      Condition: {
        StringLike: { 'aws:ResourceTag/env': 'prod' },
        Null: { 'aws:SourceIp': 'false' },
      },
    },
  ],
};
const scp = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Effect: 'Deny',
      Action: 'iam:*',
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } },
    },
  ],
};
const rcp = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } },
    },
  ],
};
const bucketPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: ['*'], CanonicalUser: 'a'.repeat(64) },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::data/*',
      Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    },
    {
      Effect: 'Deny',
      NotPrincipal: { AWS: `arn:aws:iam::${ORG}:root` },
      Action: 's3:DeleteObject',
      Resource: 'arn:aws:s3:::data/*',
    },
  ],
};

/** The base snapshot: file path → JSON content (policy documents as objects). */
function baseFiles(): Record<string, unknown> {
  return {
    'organization.json': {
      Organization: { Id: 'o-abc', MasterAccountId: ORG, FeatureSet: 'ALL' },
      Accounts: [
        { Id: ORG, Name: 'management', Status: 'ACTIVE' },
        { Id: MEMBER, Name: 'member', Status: 'ACTIVE' },
      ],
      Roots: [{ Id: 'r-root' }],
      OrganizationalUnits: [{ Id: 'ou-root-prod', Name: 'prod', ParentId: 'r-root' }],
      AccountParents: { [ORG]: 'r-root', [MEMBER]: 'ou-root-prod' },
      Policies: [
        {
          Id: 'p-full',
          Name: 'FullAWSAccess',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: scp,
          Targets: ['r-root'],
        },
        {
          Id: 'p-rcp',
          Name: 'RCP',
          Type: 'RESOURCE_CONTROL_POLICY',
          Content: rcp,
          Targets: ['r-root'],
        },
      ],
    },
    'collection.json': {
      collectedAt: '2026-01-01T00:00:00Z',
      accounts: { [ORG]: { status: 'ok' }, [MEMBER]: { status: 'ok', errors: [] } },
    },
    [`${MEMBER}/iam.json`]: {
      UserDetailList: [
        {
          Path: '/',
          UserName: 'alice',
          UserId: 'AIDA1',
          Arn: `arn:aws:iam::${MEMBER}:user/alice`,
          UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: identity }],
          GroupList: ['devs'],
          AttachedManagedPolicies: [
            { PolicyName: 'Custom', PolicyArn: `arn:aws:iam::${MEMBER}:policy/Custom` },
          ],
          Tags: [{ Key: 'team', Value: 'x' }],
        },
      ],
      GroupDetailList: [
        {
          Path: '/',
          GroupName: 'devs',
          GroupId: 'AGPA1',
          Arn: `arn:aws:iam::${MEMBER}:group/devs`,
          GroupPolicyList: [{ PolicyName: 'g', PolicyDocument: identity }],
          AttachedManagedPolicies: [],
        },
      ],
      RoleDetailList: [
        {
          Path: '/',
          RoleName: 'Vendor',
          RoleId: 'AROA1',
          Arn: `arn:aws:iam::${MEMBER}:role/Vendor`,
          AssumeRolePolicyDocument: trust,
          RolePolicyList: [{ PolicyName: 'r', PolicyDocument: identity }],
          AttachedManagedPolicies: [],
          PermissionsBoundary: { PermissionsBoundaryArn: `arn:aws:iam::${MEMBER}:policy/Custom` },
          Tags: [{ Key: 'env', Value: 'prod' }],
          RoleLastUsed: { LastUsedDate: '2026-01-01T00:00:00Z', Region: 'us-east-1' },
        },
      ],
      Policies: [
        {
          PolicyName: 'Custom',
          Arn: `arn:aws:iam::${MEMBER}:policy/Custom`,
          DefaultVersionId: 'v1',
          PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: identity }],
        },
      ],
    },
    [`${MEMBER}/s3.json`]: {
      Owner: { ID: 'abc' },
      AccountPublicAccessBlock: { BlockPublicAcls: false },
      Buckets: [
        {
          Name: 'data',
          Region: 'us-east-1',
          Policy: bucketPolicy,
          PublicAccessBlock: { BlockPublicPolicy: false },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          Acl: {
            Owner: { ID: 'abc' },
            Grants: [
              {
                Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
                Permission: 'READ',
              },
            ],
          },
        },
      ],
    },
    [`${MEMBER}/identity-providers.json`]: {
      OpenIDConnectProviders: [
        {
          Arn: `arn:aws:iam::${MEMBER}:oidc-provider/token.actions.githubusercontent.com`,
          Url: 'token.actions.githubusercontent.com',
          ClientIDList: ['sts.amazonaws.com'],
        },
      ],
      SAMLProviders: [{ Arn: `arn:aws:iam::${MEMBER}:saml-provider/okta` }],
    },
  };
}

type Json = unknown;

/** Every place to poison: a path of keys/indices to an object (add a key) or a string leaf. */
function places(
  value: Json,
  path: (string | number)[] = [],
): { path: (string | number)[]; kind: 'object' | 'string' }[] {
  const out: { path: (string | number)[]; kind: 'object' | 'string' }[] = [];
  if (typeof value === 'string') out.push({ path, kind: 'string' });
  else if (Array.isArray(value)) value.forEach((v, i) => out.push(...places(v, [...path, i])));
  else if (typeof value === 'object' && value !== null) {
    out.push({ path, kind: 'object' });
    for (const [k, v] of Object.entries(value)) out.push(...places(v, [...path, k]));
  }
  return out;
}

/** A deep copy with the poison applied at `place` (own keys only: JSON text carries them). */
function poisoned(
  value: Json,
  place: { path: (string | number)[]; kind: string },
  word: string,
): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  let parent: Json = undefined;
  let node: Json = copy;
  let last: string | number | undefined;
  for (const step of place.path) {
    parent = node;
    last = step;
    node = (node as Record<string | number, Json>)[step];
  }
  if (place.kind === 'object') {
    Object.defineProperty(node, word, {
      value: { polluted: ['yes'], [word]: ['x'] },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return copy;
  }
  if (parent === undefined) return word;
  (parent as Record<string | number, Json>)[last as string | number] = word;
  return copy;
}

const root = mkdtempSync(join(tmpdir(), 'trustmap-proto-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

let counter = 0;
function writeSnapshot(files: Record<string, unknown>): string {
  const dir = join(root, String(counter++));
  for (const [file, content] of Object.entries(files)) {
    const at = join(dir, file);
    mkdirSync(join(at, '..'), { recursive: true });
    writeFileSync(at, JSON.stringify(content));
  }
  return dir;
}

const config = resolveAnalysisConfig();

/** No built-in object got a property from the data. */
function prototypeIsClean(): void {
  for (const target of [Object.prototype, Object, Function.prototype, Array.prototype]) {
    expect(Object.hasOwn(target, 'polluted'), 'a built-in object got "polluted"').toBe(false);
  }
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
  expect(Object.prototype.constructor).toBe(Object);
}

async function analyzeAll(dir: string): Promise<void> {
  const analysis = await analyzeSnapshotDir(dir, config);
  // A policy that made the compiler throw is caught and reported as unreadable: it must not be.
  const thrown = analysis.model.policyIssues.filter((i) => i.issue.code === 'unreadable-document');
  expect(thrown.map((i) => i.issue.message)).toEqual([]);
  computeFindings({
    graph: analysis.graph,
    snapshot: analysis.snapshot,
    model: analysis.model,
    config,
    now: new Date('2026-06-01T00:00:00Z'),
  });
  const bucket = 'arn:aws:s3:::data';
  if (analysis.graph.hasNode(bucket)) findWhoCanReach(analysis.graph, bucket, {});
  const alice = `arn:aws:iam::${MEMBER}:user/alice`;
  const role = `arn:aws:iam::${MEMBER}:role/Vendor`;
  if (analysis.graph.hasNode(alice) && analysis.graph.hasNode(role))
    findPaths(analysis.graph, alice, role, {});
}

describe('keys and values named like Object.prototype members are data', () => {
  it('the base snapshot analyzes (the feeding below changes one place at a time)', async () => {
    const analysis = await analyzeSnapshotDir(writeSnapshot(baseFiles()), config);
    expect(analysis.graph.hasNode(`arn:aws:iam::${MEMBER}:role/Vendor`)).toBe(true);
    expect(analysis.snapshot.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  const base = baseFiles();
  for (const [file, content] of Object.entries(base)) {
    it(`${file}: every object gets a poisoned key, every string becomes a poisoned name`, async () => {
      const all = places(content);
      let runs = 0;
      for (const place of all) {
        for (const word of POISON) {
          const files = { ...base, [file]: poisoned(content, place, word) };
          const where = `${file} ${place.kind} at ${JSON.stringify(place.path)} = ${word}`;
          try {
            await analyzeAll(writeSnapshot(files));
          } catch (err: unknown) {
            throw new Error(
              `${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
              { cause: err },
            );
          }
          prototypeIsClean();
          runs++;
        }
      }
      expect(runs).toBe(all.length * POISON.length);
    });
  }
});
