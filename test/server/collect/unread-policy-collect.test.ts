/**
 * End to end through the real AWS SDK and the fake endpoint: a bucket policy and a key policy
 * that refuse the collector (AccessDenied on `s3:GetBucketPolicy` for one bucket and on
 * `kms:GetKeyPolicy` for one key, as a policy locked to one role answers the audit role) are
 * recorded in collection.json with their resource, and analysis reads both policies as unread
 * (IAM-SEMANTICS.md §7a.7): every edge of the bucket's own account that a run without the
 * denial draws becomes `conditional` on `<policy-not-read>`; a key policy that refuses the
 * collector does not let the account's identity policies work (its default root statement would
 * have let the collector read it), and what only it granted (the vendor's decrypt) is unknown:
 * no edge into the key is drawn.
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
const BUCKET_POLICY_DENIED: Fault[] = [
  {
    kind: 'error',
    operation: 's3:GetBucketPolicy',
    accountId: PROD,
    resource: BUCKET_NAME,
    code: 'AccessDenied',
    status: 403,
    message: 'Access Denied',
  },
];
const KEY_POLICY_DENIED: Fault[] = [
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

const QUEUE = `arn:aws:sqs:us-east-1:${PROD}:audit`;
const TOPIC = `arn:aws:sns:us-east-1:${PROD}:quiet`;
const ATTRIBUTES_DENIED: Fault[] = [
  {
    kind: 'error',
    operation: 'sqs:GetQueueAttributes',
    accountId: PROD,
    resource: 'audit',
    code: 'AccessDenied',
    status: 403,
    message: 'Access to the resource is denied.',
  },
  {
    kind: 'error',
    operation: 'sns:GetTopicAttributes',
    accountId: PROD,
    resource: TOPIC,
    code: 'AuthorizationError',
    status: 403,
    message: 'User is not authorized to perform: SNS:GetTopicAttributes',
  },
];

let workDir: string;
let readAll: Analysis;
let bucketRefused: Analysis;
let keyRefused: Analysis;
let attributesRefused: Analysis;
const collections: (CollectionFile | undefined)[] = [];

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
  for (const [name, faults] of [
    ['bucket-refused', BUCKET_POLICY_DENIED],
    ['key-refused', KEY_POLICY_DENIED],
    ['attributes-refused', ATTRIBUTES_DENIED],
  ] as const) {
    const { run, analysis } = await collectAndAnalyze(name, faults);
    if (name === 'bucket-refused') bucketRefused = analysis;
    else if (name === 'key-refused') keyRefused = analysis;
    else attributesRefused = analysis;
    collections.push(run.collection);
  }
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
  it('collection.json records each refusal with its resource', () => {
    const errors = collections.flatMap((c) => c?.accounts[PROD]?.errors ?? []);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ call: 's3:GetBucketPolicy', resource: BUCKET_NAME }),
        expect.objectContaining({ call: 'kms:GetKeyPolicy', resource: KEY }),
        expect.objectContaining({ call: 'sqs:GetQueueAttributes', resource: QUEUE }),
        expect.objectContaining({ call: 'sns:GetTopicAttributes', resource: TOPIC }),
      ]),
    );
  });

  it('the bucket: each edge of its own account becomes conditional on <policy-not-read>', () => {
    const before = edgesInto(readAll, BUCKET).filter((e) => inProd(e.source));
    expect(before.length).toBeGreaterThan(0);
    const after = new Map(edgesInto(bucketRefused, BUCKET).map((e) => [e.key, e]));
    for (const edge of before) {
      const now = after.get(edge.key);
      expect(now?.decision, edge.key).toBe('conditional');
      expect(now?.conditionKeys, edge.key).toContain('<policy-not-read>');
    }
  });

  it('the key: a key policy that refuses the collector does not delegate to the account, so its identity-only callers are no longer drawn', () => {
    expect(edgesInto(readAll, KEY).filter((e) => inProd(e.source)).length).toBeGreaterThan(0);
    expect(edgesInto(keyRefused, KEY).filter((e) => inProd(e.source))).toEqual([]);
  });

  it.each([
    ['a queue whose attributes were refused (kept, named by its URL)', QUEUE],
    ['a topic whose attributes were refused', TOPIC],
  ])(
    "%s: still in the snapshot, its account's edges conditional on <policy-not-read>",
    (_n, target) => {
      expect(attributesRefused.model.resources?.has(target)).toBe(true);
      const before = edgesInto(readAll, target).filter((e) => inProd(e.source));
      expect(before.length).toBeGreaterThan(0);
      const after = new Map(edgesInto(attributesRefused, target).map((e) => [e.key, e]));
      for (const edge of before) {
        expect(after.get(edge.key)?.decision, edge.key).toBe('conditional');
        expect(after.get(edge.key)?.conditionKeys, edge.key).toContain('<policy-not-read>');
      }
    },
  );

  it('what only the unread key policy granted is not drawn: the vendor decrypt', () => {
    const outside = (a: Analysis) =>
      edgesInto(a, KEY)
        .filter((e) => !inProd(e.source))
        .map((e) => e.source);
    expect(outside(readAll)).toContain('arn:aws:iam::464622532012:root');
    expect(outside(keyRefused)).toEqual([]);
  });
});
