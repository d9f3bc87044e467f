/**
 * A resource policy that exists but was not read (IAM-SEMANTICS.md §7a.7): the collector was
 * refused the policy read for that resource (collection.json records `s3:GetBucketPolicy`,
 * `kms:GetKeyPolicy`, `secretsmanager:GetResourcePolicy`, `lambda:GetPolicy` … failing with
 * AccessDenied for it), or its document could not be decoded. A bucket policy can deny any call
 * ("an explicit deny in any of these policies overrides the allow",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html), and
 * a key policy decides whether the account's identity policies count at all
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam).
 * So a caller its identity policies allow is `conditional` on `<policy-not-read>`: never the
 * `allow` of "no policy", which a Deny in the unread policy may refuse, nor the `deny` of a key
 * without a policy. Outsiders get nothing from a policy nobody read. Twins: the same resources
 * with no policy and no recorded failure keep their answers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { runCli } from '../../helpers/run-cli.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '333333333333';
const X = '222222222222';
const READER = `arn:aws:iam::${A}:role/reader`;
const OUTSIDER = `arn:aws:iam::${X}:role/outsider`;
const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const READS = doc({
  Effect: 'Allow',
  Action: ['s3:GetObject', 'kms:Decrypt', 'secretsmanager:GetSecretValue', 'lambda:InvokeFunction'],
  Resource: '*',
});
const keyArn = (n: number): string =>
  `arn:aws:kms:us-east-1:${A}:key/00000000-0000-4000-8000-00000000000${n}`;
const KEY_NOT_READ = keyArn(1);
const KEY_REFUSED = keyArn(4);
const KEY_AWS_MANAGED_EU = `arn:aws:kms:eu-west-1:${A}:key/00000000-0000-4000-8000-0000000000a5`;
const KEY_REFUSED_EU = `arn:aws:kms:eu-west-1:${A}:key/00000000-0000-4000-8000-0000000000c6`;
const KEY_NO_POLICY = keyArn(2);
const KEY_DELEGATES = keyArn(3);
const SECRET_NOT_READ = `arn:aws:secretsmanager:us-east-1:${A}:secret:locked-AbCdEf`;
const SECRET_NO_POLICY = `arn:aws:secretsmanager:us-east-1:${A}:secret:plain-AbCdEf`;
const FN_NOT_READ = `arn:aws:lambda:us-east-1:${A}:function:locked`;
const FN_NO_POLICY = `arn:aws:lambda:us-east-1:${A}:function:plain`;
const bucket = (name: string): string => `arn:aws:s3:::${name}`;
const PUBLIC_READ = (name: string): Doc =>
  doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucket(name)}/*` });
const ALL_USERS_READ = {
  Owner: { ID: 'a'.repeat(64) },
  Grants: [
    { Grantee: { Type: 'CanonicalUser', ID: 'a'.repeat(64) }, Permission: 'FULL_CONTROL' },
    {
      Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
      Permission: 'READ',
    },
  ],
};

const denied = (call: string, resource: string): Doc => ({
  call,
  errorName: 'AccessDenied',
  message: `User: arn:aws:sts::${A}:assumed-role/audit/trustmap is not authorized to perform: ${call}`,
  resource,
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-unread-policy-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          { name: 'reader', trust: trust({ AWS: `arn:aws:iam::${A}:root` }), policies: [READS] },
          { name: 'runner', trust: trust({ Service: 'lambda.amazonaws.com' }) },
        ],
        buckets: [
          {
            name: 'public-bpa-unread-a',
            region: 'us-east-1',
            policy: PUBLIC_READ('public-bpa-unread-a'),
          },
          {
            name: 'public-bpa-read-a',
            region: 'us-east-1',
            policy: PUBLIC_READ('public-bpa-read-a'),
          },
          {
            name: 'acl-bpa-unread-a',
            region: 'us-east-1',
            ownership: 'ObjectWriter',
            acl: ALL_USERS_READ,
          },
          {
            name: 'acl-ownership-unread-a',
            region: 'us-east-1',
            ownership: null,
            acl: ALL_USERS_READ,
          },
          {
            name: 'acl-ownership-absent-a',
            region: 'us-east-1',
            ownership: null,
            acl: ALL_USERS_READ,
          },
          { name: 'locked-bucket-a', region: 'us-east-1' },
          { name: 'plain-bucket-a', region: 'us-east-1' },
          {
            name: 'encrypted-bucket-a',
            region: 'us-east-1',
            encryption: { kmsKeyId: KEY_NOT_READ },
          },
          {
            name: 'refused-key-bucket-a',
            region: 'us-east-1',
            encryption: { kmsKeyId: KEY_REFUSED },
          },
        ],
        resources: [
          { Type: 'kms-key', Arn: KEY_NOT_READ, Region: 'us-east-1', KeyManager: 'CUSTOMER' },
          { Type: 'kms-key', Arn: KEY_REFUSED, Region: 'us-east-1', KeyManager: 'CUSTOMER' },
          {
            Type: 'kms-key',
            Arn: KEY_AWS_MANAGED_EU,
            Region: 'eu-west-1',
            KeyManager: 'AWS',
            Aliases: ['alias/aws/s3'],
          },
          { Type: 'kms-key', Arn: KEY_REFUSED_EU, Region: 'eu-west-1', KeyManager: 'CUSTOMER' },
          { Type: 'kms-key', Arn: KEY_NO_POLICY, Region: 'us-east-1', KeyManager: 'CUSTOMER' },
          {
            Type: 'kms-key',
            Arn: KEY_DELEGATES,
            Region: 'us-east-1',
            KeyManager: 'CUSTOMER',
            Policy: JSON.stringify(
              doc({
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${A}:root` },
                Action: 'kms:*',
                Resource: '*',
              }),
            ),
          },
          { Type: 'secretsmanager-secret', Arn: SECRET_NOT_READ, Region: 'us-east-1' },
          { Type: 'secretsmanager-secret', Arn: SECRET_NO_POLICY, Region: 'us-east-1' },
        ],
        workloads: [FN_NOT_READ, FN_NO_POLICY].map((arn) => ({
          Type: 'lambda-function',
          Arn: arn,
          Name: arn.slice(arn.lastIndexOf(':') + 1),
          Region: 'us-east-1',
          RoleArn: `arn:aws:iam::${A}:role/runner`,
        })),
      },
      [B]: {
        buckets: [
          { name: 'public-bucket-b', region: 'us-east-1', policy: PUBLIC_READ('public-bucket-b') },
        ],
      },
      [X]: {
        roles: [
          {
            name: 'outsider',
            trust: trust({ AWS: `arn:aws:iam::${X}:root` }),
            policies: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })],
          },
        ],
      },
    },
    collection: {
      accounts: {
        [A]: {
          status: 'denied',
          errors: [
            denied('s3:GetBucketPolicy', 'locked-bucket-a'),
            {
              call: 'kms:GetKeyPolicy',
              errorName: 'ThrottlingException',
              message: 'Rate exceeded',
              resource: KEY_NOT_READ,
            },
            denied('kms:GetKeyPolicy', KEY_REFUSED),
            denied('kms:GetKeyPolicy', KEY_AWS_MANAGED_EU),
            denied('kms:GetKeyPolicy', KEY_REFUSED_EU),
            denied('secretsmanager:GetResourcePolicy', SECRET_NOT_READ),
            denied('lambda:GetPolicy', FN_NOT_READ),
            denied('s3:GetPublicAccessBlock', 'public-bpa-unread-a'),
            denied('s3:GetPublicAccessBlock', 'acl-bpa-unread-a'),
            denied('s3:GetBucketOwnershipControls', 'acl-ownership-unread-a'),
          ],
        },
        [B]: { status: 'denied', errors: [denied('s3control:GetPublicAccessBlock', '')] },
        [X]: { status: 'ok', errors: [] },
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function access(source: string, target: string, group: string) {
  const g = analysis.graph;
  if (!g.hasNode(source) || !g.hasNode(target)) return undefined;
  return g
    .outEdges(source, target)
    .map((e) => g.getEdgeAttributes(e))
    .find((a) => a.kind === 'can-access' && a.actionGroup === group);
}

describe('a resource policy the collector could not read is a policy that may deny', () => {
  it.each([
    ['a bucket (s3:GetBucketPolicy denied)', bucket('locked-bucket-a'), 'read'],
    [
      'a KMS key (kms:GetKeyPolicy throttled): it may delegate to the account',
      KEY_NOT_READ,
      'decrypt',
    ],
    ['a secret (secretsmanager:GetResourcePolicy denied)', SECRET_NOT_READ, 'read'],
    ['a Lambda function (lambda:GetPolicy denied)', FN_NOT_READ, 'invoke'],
    ['a bucket encrypted with the unread key', bucket('encrypted-bucket-a'), 'read'],
  ])('%s: conditional on <policy-not-read>', (_name, target, group) => {
    const edge = access(READER, target, group);
    expect(edge?.decision).toBe('conditional');
    expect(edge?.conditionKeys).toContain('<policy-not-read>');
    const standIn = edge?.evidence.find((e) => e.policy.notRead !== undefined);
    expect(standIn?.reason).toMatch(
      /a stand-in: the policy was not read, \S+ failed when collecting \((AccessDenied|ThrottlingException)\)/,
    );
  });

  it('a KMS key policy that refused the collector does not delegate to the account (the default root statement would have let the collector read it): no edge for identity-only callers, nor for readers of a bucket it encrypts', () => {
    expect(access(READER, KEY_REFUSED, 'decrypt')).toBeUndefined();
    expect(access(READER, bucket('refused-key-bucket-a'), 'read')).toBeUndefined();
    const policy = analysis.model.resources?.get(KEY_REFUSED)?.policy;
    expect(policy?.statements.map((s) => s.sid)).toEqual(['NotReadMayDeny']);
    expect(policy?.ref.notRead).toMatch(/does not let the account's identity policies work/);
  });

  it.each([
    ['a bucket without a policy', bucket('plain-bucket-a'), 'read'],
    ['a secret without a policy', SECRET_NO_POLICY, 'read'],
    ['a function without a policy', FN_NO_POLICY, 'invoke'],
    ['a key whose policy delegates to the account', KEY_DELEGATES, 'decrypt'],
  ])('twin, %s and no failed read: allow', (_name, target, group) => {
    const edge = access(READER, target, group);
    expect(edge?.decision).toBe('allow');
    expect(edge?.conditionKeys).toEqual([]);
  });

  it('twin, a key listed without a policy and no failed read: the key policy admits no one', () => {
    expect(access(READER, KEY_NO_POLICY, 'decrypt')).toBeUndefined();
  });

  it('twin: where the collector was refused an AWS managed key too (whose policy always lets the account read it), a refused key policy says nothing: conditional', () => {
    const edge = access(READER, KEY_REFUSED_EU, 'decrypt');
    expect(edge?.decision).toBe('conditional');
    expect(edge?.conditionKeys).toEqual(['<policy-not-read>']);
    const policy = analysis.model.resources?.get(KEY_REFUSED_EU)?.policy;
    expect(policy?.statements.map((s) => s.sid)).toEqual([
      'NotReadMayAllowItsAccount',
      'NotReadMayDeny',
    ]);
    expect(policy?.ref.notRead).toMatch(/the refusal comes from the collector's own permissions/);
  });

  it('an outsider whose own policies allow everything gets nothing from the unread policies', () => {
    for (const target of [bucket('locked-bucket-a'), KEY_NOT_READ, SECRET_NOT_READ, FN_NOT_READ])
      for (const group of ['read', 'decrypt', 'invoke'])
        expect(access(OUTSIDER, target, group)).toBeUndefined();
  });

  it('the stand-in is no public or outside grant: no finding about the resources, the coverage finding stays', () => {
    const findings = computeFindings({
      graph: analysis.graph,
      snapshot: analysis.snapshot,
      model: analysis.model,
      config: resolveAnalysisConfig(),
    });
    const subjects = [bucket('locked-bucket-a'), KEY_NOT_READ, SECRET_NOT_READ, FN_NOT_READ];
    expect(findings.filter((f) => subjects.includes(f.subject))).toEqual([]);
    expect(findings.filter((f) => f.rule === 'incomplete-coverage').map((f) => f.subject)).toEqual([
      `arn:aws:iam::${A}:root`,
      `arn:aws:iam::${B}:root`,
    ]);
  });
});

describe('a Block Public Access setting the collector could not read may be on', () => {
  it.each([
    [
      'the bucket setting (s3:GetPublicAccessBlock denied), public policy',
      bucket('public-bpa-unread-a'),
    ],
    [
      'the account setting (s3control:GetPublicAccessBlock denied), public policy',
      bucket('public-bucket-b'),
    ],
  ])('%s: anyone reads only conditionally', (_name, target) => {
    const edge = access('*', target, 'read');
    expect(edge?.decision).toBe('conditional');
    expect(edge?.conditionKeys).toEqual(['<public-access-block-not-read>']);
    expect(edge?.notes).toContain('public-access-block-not-read');
  });

  it('an AllUsers ACL grant: IgnorePublicAcls may be on, so anyone lists only conditionally', () => {
    const edge = access('*', bucket('acl-bpa-unread-a'), 'list');
    expect(edge?.decision).toBe('conditional');
    expect(edge?.conditionKeys).toEqual(['<public-access-block-not-read>']);
  });

  it('twin, the same public policy with Block Public Access read (and off): anyone reads', () => {
    const edge = access('*', bucket('public-bpa-read-a'), 'read');
    expect(edge?.decision).toBe('allow');
    expect(edge?.conditionKeys).toEqual([]);
  });

  it("the account's own principals are not what RestrictPublicBuckets restricts: allow", () => {
    expect(access(READER, bucket('public-bpa-unread-a'), 'read')?.decision).toBe('allow');
  });
});

describe('Object Ownership the collector could not read may disable the ACL', () => {
  it('an AllUsers ACL grant is conditional on <ownership-controls-not-read>', () => {
    const edge = access('*', bucket('acl-ownership-unread-a'), 'list');
    expect(edge?.decision).toBe('conditional');
    expect(edge?.conditionKeys).toEqual(['<ownership-controls-not-read>']);
    expect(edge?.notes).toContain('ownership-controls-not-read');
  });

  it('twin, no OwnershipControls and no failed read (ACLs enabled, as on a bucket without the setting): anyone lists', () => {
    const edge = access('*', bucket('acl-ownership-absent-a'), 'list');
    expect(edge?.decision).toBe('allow');
  });
});

describe('trustmap simulate on an unread bucket policy', () => {
  it('answers conditional, citing the stand-in and why the policy was not read', async () => {
    const file = join(work, 'request.json');
    await writeFile(
      file,
      JSON.stringify({
        principal: READER,
        action: 's3:GetObject',
        resource: `${bucket('locked-bucket-a')}/report.csv`,
      }),
    );
    const r = await runCli(['simulate', '--from-dir', work, '--request', file, '--json'], work, {});
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      decision: string;
      conditionKeys: string[];
      evidence: { sid?: string; reason: string }[];
    };
    expect(out.decision).toBe('conditional');
    expect(out.conditionKeys).toEqual(['<policy-not-read>']);
    expect(out.evidence.find((e) => e.sid === 'NotReadMayDeny')?.reason).toMatch(
      /s3:GetBucketPolicy failed when collecting \(AccessDenied\)/,
    );
  });
});
