/**
 * A legacy resource policy statement `Allow` + `NotPrincipal` grants everyone but the principals
 * listed, anonymous callers included (IAM-SEMANTICS.md §2.5, after the NotPrincipal page's
 * earlier wording: "Doing so allows all principals except the one named in the NotPrincipal
 * element … you might grant access to anonymous (unauthenticated) users"). The engine evaluated it
 * so, but the graph drew no edge from anyone, nor from other accounts: they were never candidate
 * callers, since the statement names no Principal. Negative twins: the listed principal gets no
 * edge from the statement, and `Deny` + `NotPrincipal` makes nobody a candidate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { findingsOf } from '../../helpers/analysis-findings.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const OPEN = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
const QUEUE = `arn:aws:sqs:us-east-1:${A}:legacy`;
const QUEUE_DENY_ONLY = `arn:aws:sqs:us-east-1:${A}:deny-only`;
const readerPolicy: Doc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:SendMessage'], Resource: '*' }],
};
const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
/** Everyone but account C's root user and its role Reader (a role is excluded only when listed). */
const NOT_C = { AWS: [`arn:aws:iam::${C}:root`, `arn:aws:iam::${C}:role/Reader`] };

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-notprincipal-'));
  const reader = {
    name: 'Reader',
    trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
    policies: [readerPolicy],
  };
  await writeScenario(work, {
    org: {
      id: 'o-ours000001',
      managementAccountId: A,
      accounts: [
        { id: A, name: 'main', parent: 'r-root' },
        { id: B, name: 'member', parent: 'r-root' },
        { id: C, name: 'excluded', parent: 'r-root' },
      ],
    },
    accounts: {
      [A]: {
        accountPublicAccessBlock: OPEN,
        buckets: [
          {
            name: 'legacy-bucket',
            publicAccessBlock: OPEN,
            policy: doc({
              Effect: 'Allow',
              NotPrincipal: NOT_C,
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::legacy-bucket/*',
            }),
          },
          {
            name: 'org-bucket',
            publicAccessBlock: OPEN,
            policy: doc({
              Effect: 'Allow',
              NotPrincipal: NOT_C,
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::org-bucket/*',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-ours000001' } },
            }),
          },
          {
            name: 'deny-only-bucket',
            publicAccessBlock: OPEN,
            policy: doc({
              Effect: 'Deny',
              NotPrincipal: { AWS: `arn:aws:iam::${A}:root` },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::deny-only-bucket/*',
            }),
          },
        ],
        resources: [
          {
            Type: 'sqs-queue',
            Arn: QUEUE,
            Region: 'us-east-1',
            Policy: JSON.stringify(
              doc({
                Effect: 'Allow',
                NotPrincipal: NOT_C,
                Action: 'sqs:SendMessage',
                Resource: QUEUE,
              }),
            ),
          },
          {
            Type: 'sqs-queue',
            Arn: QUEUE_DENY_ONLY,
            Region: 'us-east-1',
            Policy: JSON.stringify(
              doc({
                Effect: 'Deny',
                NotPrincipal: { AWS: `arn:aws:iam::${A}:root` },
                Action: 'sqs:SendMessage',
                Resource: QUEUE_DENY_ONLY,
              }),
            ),
          },
        ],
      },
      [B]: { roles: [{ ...reader, trust: trust({ AWS: `arn:aws:iam::${B}:root` }) }] },
      [C]: { roles: [{ ...reader, trust: trust({ AWS: `arn:aws:iam::${C}:root` }) }] },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const decisions = (source: string, target: string): string[] =>
  analysis.graph.hasNode(source) && analysis.graph.hasNode(target)
    ? analysis.graph
        .edges(source, target)
        .map((k) => analysis.graph.getEdgeAttributes(k))
        .filter((a) => a.kind === 'can-access')
        .map((a) => `${String(a.actionGroup)}:${a.decision}`)
    : [];

describe('Allow + NotPrincipal in a resource policy', () => {
  it('an S3 bucket: anyone may read it', () => {
    expect(decisions('*', 'arn:aws:s3:::legacy-bucket')).toEqual(['read:allow']);
  });

  it('an SQS queue: anyone may write it', () => {
    expect(decisions('*', QUEUE)).toEqual(['write:allow']);
  });

  it("limited to the organization: another member account's principal reads it, anyone does not", () => {
    expect(decisions(`arn:aws:iam::${B}:role/Reader`, 'arn:aws:s3:::org-bucket')).toEqual([
      'read:allow',
    ]);
    expect(decisions('*', 'arn:aws:s3:::org-bucket')).toEqual([]);
  });

  it('negative twin: the principal the statement excludes gets no edge from it', () => {
    const role = `arn:aws:iam::${C}:role/Reader`;
    expect(decisions(role, 'arn:aws:s3:::org-bucket')).toEqual([]);
    expect(decisions(role, QUEUE)).toEqual([]);
  });

  it('negative twin: Deny + NotPrincipal opens nothing', () => {
    expect(decisions('*', 'arn:aws:s3:::deny-only-bucket')).toEqual([]);
    expect(decisions('*', QUEUE_DENY_ONLY)).toEqual([]);
    expect(decisions(`arn:aws:iam::${B}:role/Reader`, QUEUE_DENY_ONLY)).toEqual([]);
  });

  it('the bucket and the queue are reported open to anyone; the organization-only bucket is not', () => {
    const subjects = findingsOf(analysis)
      .filter((f) => /\banyone\b/.test(f.title))
      .map((f) => f.subject)
      .sort();
    expect(subjects).toEqual(['arn:aws:s3:::legacy-bucket', QUEUE]);
  });
});
