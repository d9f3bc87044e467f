/**
 * `"Principal": "*"` limited by `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths` to another
 * organization than ours: its principals are outsiders the policy admits (IAM-SEMANTICS.md §5,
 * "Identity-derived": an outside caller's organization is unknown but never ours), so the edge
 * from `*` exists, conditional on the organization key, scoped `external` — and the finding
 * names the organization. The negative twins: the same policy naming our own organization lets
 * no outsider in; a value that names no organization adds nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { findWhoCanReach } from '../../../shared/query/index.js';
import { findingsOf } from '../../helpers/analysis-findings.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const OURS = 'o-ours000001';
const PARTNER = 'o-partner0001';
const A = '111111111111';
const role = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const QUEUE = `arn:aws:sqs:us-east-1:${A}:orders`;
const BUCKET = 'arn:aws:s3:::shared-with-partner';
const anyone = (condition: Doc): Doc => trust({ AWS: '*' }, condition);

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-foreign-org-'));
  await writeScenario(work, {
    org: {
      id: OURS,
      managementAccountId: A,
      accounts: [{ id: A, name: 'main', parent: 'r-root' }],
    },
    accounts: {
      [A]: {
        roles: [
          {
            name: 'PartnerOrgRole',
            trust: anyone({ StringEquals: { 'aws:PrincipalOrgID': PARTNER } }),
          },
          { name: 'OurOrgRole', trust: anyone({ StringEquals: { 'aws:PrincipalOrgID': OURS } }) },
          {
            name: 'PartnerOuRole',
            trust: anyone({
              'ForAnyValue:StringLike': {
                'aws:PrincipalOrgPaths': [`${PARTNER}/r-ab12/ou-ab12-11111111/*`],
              },
            }),
          },
        ],
        buckets: [
          {
            name: 'shared-with-partner',
            policy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 's3:GetObject',
                  Resource: `${BUCKET}/*`,
                  Condition: { StringEquals: { 'aws:PrincipalOrgID': [OURS, PARTNER] } },
                },
              ],
            },
          },
        ],
        resources: [
          {
            Type: 'sqs-queue',
            Arn: QUEUE,
            Region: 'us-east-1',
            Policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: '*' },
                  Action: 'sqs:SendMessage',
                  Resource: QUEUE,
                  Condition: { StringEquals: { 'aws:PrincipalOrgID': PARTNER } },
                },
              ],
            }),
          },
        ],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const fromAnyone = (target: string): { decision: string; keys: readonly string[] }[] =>
  analysis.graph
    .edges('*', target)
    .map((k) => analysis.graph.getEdgeAttributes(k))
    .map((a) => ({ decision: a.decision, keys: a.conditionKeys }));

describe('a "*" grant limited to another organization', () => {
  it('lets that organization in: conditional on aws:PrincipalOrgID, with a note naming it', () => {
    expect(fromAnyone(role('PartnerOrgRole'))).toEqual([
      { decision: 'conditional', keys: ['aws:PrincipalOrgID'] },
    ]);
    const [edge] = analysis.graph.edges('*', role('PartnerOrgRole'));
    const attrs = analysis.graph.getEdgeAttributes(edge ?? '');
    expect(attrs.notes).toContain('principal-in-named-organization');
    expect(attrs.evidence.map((e) => e.reason).join(' ')).toContain(PARTNER);
  });

  it('negative twin: naming our own organization lets no outsider in', () => {
    expect(fromAnyone(role('OurOrgRole'))).toEqual([]);
  });

  it('an organization path of another organization is a hypothesis too', () => {
    expect(fromAnyone(role('PartnerOuRole'))).toEqual([
      { decision: 'conditional', keys: ['aws:PrincipalOrgPaths'] },
    ]);
  });

  it('a bucket and a queue shared with it are reachable from outside, not public', () => {
    expect(fromAnyone(BUCKET).map((e) => e.decision)).toEqual(['conditional']);
    expect(fromAnyone(QUEUE).map((e) => e.decision)).toEqual(['conditional']);
    const who = findWhoCanReach(analysis.graph, QUEUE, { action: 'write' });
    expect(who.kind).toBe('found');
    if (who.kind !== 'found') return;
    expect(who.principals.find((r) => r.principal === '*')?.scope).toBe('external');
  });

  it('findings name the organization: external trust and outside reach, never public', () => {
    const findings = findingsOf(analysis);
    const titles = (rule: string): string[] =>
      findings.filter((f) => f.rule === rule).map((f) => f.title);
    expect(titles('external-trust-unknown-account').sort()).toEqual([
      `Role PartnerOrgRole can be assumed by any principal of organization ${PARTNER}, outside the organization and not a known vendor (conditional on aws:PrincipalOrgID)`,
      `Role PartnerOuRole can be assumed by any principal of organization ${PARTNER}, outside the organization and not a known vendor (conditional on aws:PrincipalOrgPaths)`,
    ]);
    expect(titles('bucket-reachable-from-outside-org')).toEqual([
      `Bucket shared-with-partner: principals of organization ${PARTNER}, outside the organization, can read it (conditional on aws:PrincipalOrgID)`,
    ]);
    expect(titles('resource-reachable-from-outside-org')).toEqual([
      `SQS queue orders: principals of organization ${PARTNER}, outside the organization, can write it (conditional on aws:PrincipalOrgID)`,
    ]);
    expect(titles('public-trust')).toEqual([]);
    expect(titles('public-bucket')).toEqual([]);
    expect(titles('public-resource')).toEqual([]);
  });
});
