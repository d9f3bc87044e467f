/**
 * End to end through the real AWS SDK and the fake endpoint: a bucket policy and a key policy
 * that refuse the collector (AccessDenied on `s3:GetBucketPolicy` for one bucket and on
 * `kms:GetKeyPolicy` for one key, as a policy locked to one role answers the audit role) are
 * recorded in collection.json with their resource, and analysis reads both policies as unread
 * (IAM-SEMANTICS.md §7a.7): every edge of the bucket's and the key's own account that a run
 * without the denial draws becomes `conditional` on `<policy-not-read>`, and what only the unread
 * key policy granted (the vendor's decrypt) is no longer drawn.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import type { CollectionFile } from '../../../server/collect/collection-state.js';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/config/analysis-config.js';
import { collectAgainstFake } from '../../fake-aws/collect-against-fake.js';
import { startFakeAws } from '../../fake-aws/fake-aws-server.js';
import type { Fault } from '../../fake-aws/scenario.js';
import {
  AUDIT_ROLE,
  EXTERNAL_ID,
  PROD,
  smallOrgScenario,
} from '../../fake-aws/scenarios/small-org.js';

const BUCKET_NAME = `prod-artifacts-${PROD}`;
const BUCKET = `arn:aws:s3:::${BUCKET_NAME}`;
const KEY = `arn:aws:kms:eu-west-1:${PROD}:key/1111aaaa-2222-3333-4444-555566667777`;
const DENIALS: Fault[] = [
  {
    kind: 'error',
    operation: 's3:GetBucketPolicy',
    accountId: PROD,
    resource: BUCKET_NAME,
    code: 'AccessDenied',
    status: 403,
    message: 'Access Denied',
  },
  {
    kind: 'error',
    operation: 'kms:GetKeyPolicy',
    accountId: PROD,
    resource: KEY,
    code: 'AccessDeniedException',
    status: 400,
    message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: kms:GetKeyPolicy`,
  },
];

let workDir: string;
let readAll: Analysis;
let refused: Analysis;
let collection: CollectionFile | undefined;

async function collectAndAnalyze(name: string, faults: readonly Fault[]) {
  const scenario = smallOrgScenario({ faults });
  const fake = await startFakeAws(scenario);
  try {
    const run = await collectAgainstFake(fake, scenario, {
      out: join(workDir, name),
      workDir,
      roleName: AUDIT_ROLE,
      externalId: EXTERNAL_ID,
      maxAttempts: 2,
    });
    return { run, analysis: await analyzeSnapshotDir(run.out, DEFAULT_ANALYSIS_CONFIG) };
  } finally {
    await fake.close();
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'trustmap-unread-collect-'));
  readAll = (await collectAndAnalyze('read-all', [])).analysis;
  const second = await collectAndAnalyze('refused', DENIALS);
  refused = second.analysis;
  collection = second.run.collection;
}, 120_000);
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

interface EdgeView {
  key: string;
  source: string;
  decision: string;
  conditionKeys: readonly string[];
}

function edgesInto(a: Analysis, target: string): EdgeView[] {
  const g = a.graph;
  if (!g.hasNode(target)) return [];
  return g
    .inEdges(target)
    .map((e) => ({ key: e, source: g.source(e), ...g.getEdgeAttributes(e) }))
    .filter((e) => e.kind === 'can-access');
}

const inProd = (source: string): boolean => source.split(':')[4] === PROD;

describe('policies that refuse the collector, collected and analyzed', () => {
  it('collection.json records both refusals with their resource', () => {
    const errors = collection?.accounts[PROD]?.errors ?? [];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ call: 's3:GetBucketPolicy', resource: BUCKET_NAME }),
        expect.objectContaining({ call: 'kms:GetKeyPolicy', resource: KEY }),
      ]),
    );
  });

  it.each([
    ['the bucket', BUCKET],
    ['the key', KEY],
  ])('%s: each edge of its own account becomes conditional on <policy-not-read>', (_n, target) => {
    const before = edgesInto(readAll, target).filter((e) => inProd(e.source));
    expect(before.length).toBeGreaterThan(0);
    const after = new Map(edgesInto(refused, target).map((e) => [e.key, e]));
    for (const edge of before) {
      const now = after.get(edge.key);
      expect(now?.decision, edge.key).toBe('conditional');
      expect(now?.conditionKeys, edge.key).toContain('<policy-not-read>');
    }
  });

  it('what only the unread key policy granted is not drawn: the vendor decrypt', () => {
    const outside = (a: Analysis) =>
      edgesInto(a, KEY)
        .filter((e) => !inProd(e.source))
        .map((e) => e.source);
    expect(outside(readAll)).toContain('arn:aws:iam::464622532012:root');
    expect(outside(refused)).toEqual([]);
  });
});
