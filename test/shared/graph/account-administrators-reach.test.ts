/**
 * The administrators of an account (its account node, which a self-escalation reaches:
 * IAM-SEMANTICS.md "Privilege escalation" E.4) read and write its S3 buckets themselves, even when
 * no principal of the account reads a bucket today (pathfinding-labs iam-005 / iam-009 to-bucket):
 * the account node has `can-access` edges into the account's buckets, decided by the engine for a
 * caller with AdministratorAccess under the account's SCPs; and likewise into its resources where
 * the account's identity policies count (a secret; a KMS key whose policy delegates to the
 * account, not one whose policy names a single role). Twins: a bucket policy that denies
 * everyone, a Deny + NotPrincipal that excepts the account root alone (no user or role is
 * excepted), an SCP that denies reads, another account's bucket; a Deny that tests the principal's
 * ARN leaves the edge conditional.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { findWhoCanReach } from '../../../shared/query/who-can-reach.js';
import { FULL_AWS_ACCESS, allow, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const MGMT = '999900000000';
const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const objects = (bucket: string): string[] => [
  `arn:aws:s3:::${bucket}`,
  `arn:aws:s3:::${bucket}/*`,
];
const root = (account: string): string => `arn:aws:iam::${account}:root`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${A}:secret:db-AbCdEf`;
const DELEGATING_KEY = `arn:aws:kms:us-east-1:${A}:key/11111111-2222-3333-4444-555555555555`;
const CLOSED_KEY = `arn:aws:kms:us-east-1:${A}:key/66666666-7777-8888-9999-000000000000`;

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-admin-buckets-'));
  await writeScenario(work, {
    org: {
      id: 'o-adminbkt01',
      managementAccountId: MGMT,
      accounts: [
        { id: A, name: 'a', parent: 'r-root' },
        { id: B, name: 'b', parent: 'r-root' },
        { id: C, name: 'c', parent: 'r-root' },
      ],
      scps: [
        { name: 'FullAWSAccess', targets: ['r-root', A, B, C], document: FULL_AWS_ACCESS },
        {
          name: 'no-object-reads',
          targets: [C],
          document: doc({ Effect: 'Deny', Action: 's3:GetObject*', Resource: '*' }),
        },
      ],
    },
    accounts: {
      [A]: {
        users: [
          {
            name: 'escalator',
            policies: [allow('iam:PutUserPolicy', `arn:aws:iam::${A}:user/escalator`)],
          },
        ],
        buckets: [
          { name: 'plain-a' },
          {
            name: 'deny-all-a',
            policy: doc({
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: objects('deny-all-a'),
            }),
          },
          {
            name: 'deny-but-root-a',
            policy: doc({
              Effect: 'Deny',
              NotPrincipal: { AWS: root(A) },
              Action: 's3:*',
              Resource: objects('deny-but-root-a'),
            }),
          },
          {
            name: 'deny-but-reader-a',
            policy: doc({
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: objects('deny-but-reader-a'),
              Condition: { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/reader` } },
            }),
          },
        ],
        resources: [
          { Type: 'secretsmanager-secret', Arn: SECRET, Region: 'us-east-1' },
          {
            Type: 'kms-key',
            Arn: DELEGATING_KEY,
            Region: 'us-east-1',
            KeyManager: 'CUSTOMER',
            Grants: [],
            Policy: JSON.stringify(
              doc({ Effect: 'Allow', Principal: { AWS: root(A) }, Action: 'kms:*', Resource: '*' }),
            ),
          },
          {
            Type: 'kms-key',
            Arn: CLOSED_KEY,
            Region: 'us-east-1',
            KeyManager: 'CUSTOMER',
            Grants: [],
            Policy: JSON.stringify(
              doc({
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${A}:role/key-admin` },
                Action: 'kms:*',
                Resource: '*',
              }),
            ),
          },
        ],
      },
      [B]: { users: [{ name: 'nobody' }], buckets: [{ name: 'plain-b' }] },
      [C]: { users: [{ name: 'nobody' }], buckets: [{ name: 'plain-c' }] },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const edges = (source: string, bucket: string): string[] => {
  const target = bucket.startsWith('arn:') ? bucket : `arn:aws:s3:::${bucket}`;
  return analysis.graph.hasNode(source) && analysis.graph.hasNode(target)
    ? analysis.graph
        .edges(source, target)
        .map((k) => analysis.graph.getEdgeAttributes(k))
        .filter((a) => a.kind === 'can-access')
        .map((a) => `${String(a.actionGroup)}:${a.decision}`)
        .sort()
    : [];
};

describe("an account's administrators and its buckets and resources", () => {
  it('reach a bucket of their account that no principal reads', () => {
    expect(edges(root(A), 'plain-a')).toEqual([
      'admin:allow',
      'list:allow',
      'read:allow',
      'write:allow',
    ]);
  });

  it('a principal that escalates there reaches it through them', () => {
    const r = findWhoCanReach(analysis.graph, 'arn:aws:s3:::plain-a');
    expect(r.kind).toBe('found');
    const found = r.kind === 'found' ? r.principals : [];
    const escalator = found.find((p) => p.principal === `arn:aws:iam::${A}:user/escalator`);
    expect(escalator?.decision).toBe('allow');
    expect(escalator?.path.map((h) => h.to)).toEqual([root(A), 'arn:aws:s3:::plain-a']);
  });

  it('twin: a bucket policy denying everyone leaves no edge', () => {
    expect(edges(root(A), 'deny-all-a')).toEqual([]);
  });

  it('twin: Deny + NotPrincipal excepting the account root alone still denies every user and role', () => {
    expect(edges(root(A), 'deny-but-root-a')).toEqual([]);
  });

  it('a Deny that tests the principal ARN leaves the edge conditional (which principal is unknown)', () => {
    expect(edges(root(A), 'deny-but-reader-a')).toEqual([
      'admin:conditional',
      'list:conditional',
      'read:conditional',
      'write:conditional',
    ]);
  });

  it("twin: no edge into another account's bucket", () => {
    expect(edges(root(A), 'plain-b')).toEqual([]);
    expect(edges(root(B), 'plain-b')).toEqual([
      'admin:allow',
      'list:allow',
      'read:allow',
      'write:allow',
    ]);
  });

  it('twin: an SCP denying object reads leaves the other groups only', () => {
    expect(edges(root(C), 'plain-c')).toEqual(['admin:allow', 'list:allow', 'write:allow']);
  });

  it('reach a secret of their account (identity policies suffice for Secrets Manager)', () => {
    expect(edges(root(A), SECRET)).toContain('read:allow');
  });

  it('reach a KMS key whose policy delegates to the account', () => {
    expect(edges(root(A), DELEGATING_KEY)).toContain('decrypt:allow');
  });

  it("twin: no edge into a KMS key whose policy names one role and not the account (identity policies don't count)", () => {
    expect(edges(root(A), CLOSED_KEY)).toEqual([]);
  });
});

describe('the AdministratorAccess the account administrators hold', () => {
  it('is one per analysis: the citations of it interned during one analysis are not kept by the next', async () => {
    const citation = (a: Analysis): object | undefined => {
      const key = a.graph
        .edges(root(A), SECRET)
        .find((k) => a.graph.getEdgeAttribute(k, 'kind') === 'can-access');
      const evidence = key === undefined ? [] : a.graph.getEdgeAttribute(key, 'evidence');
      return evidence.find((e) => e.policy.name.startsWith('AdministratorAccess'));
    };
    const again = await analyzeSnapshotDir(work, resolveAnalysisConfig());
    const first = citation(analysis);
    const second = citation(again);
    expect(first).toBeDefined();
    expect(second).toEqual(first);
    // The same sentence, but not the same object: a process-wide policy would hold every
    // analysis's citations (one per resource and action) for as long as a server runs.
    expect(second).not.toBe(first);
  });
});
