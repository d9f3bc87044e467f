/**
 * One judgement of "public" for `*` (IAM-SEMANTICS.md §9, issue 12 case 4): an edge from anyone
 * whose conditions an outsider cannot satisfy — `aws:SourceArn` of a notification queue, SNS's
 * default `AWS:SourceOwner`, a fixed `aws:SourceIp` range — is not public for the findings, so
 * the graph marks it `gatedForOutsiders`: scope `external` in who-can-reach, coloured
 * conditional in the dashboard and the organization view, `external` in the scan diff. Negative
 * twins: `sts:ExternalId` or MFA alone (an outsider meets them at will) stay public everywhere.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { listDiffEdges } from '../../../shared/diff/diff-edges.js';
import { worstOfEdge } from '../../../shared/graph/aggregate-accounts.js';
import type { ActionGroup } from '../../../shared/graph/types.js';
import { findWhoCanReach } from '../../../shared/query/index.js';
import { classifyEdge } from '../../../web/src/graph/edge-state.js';
import { findingsOf } from '../../helpers/analysis-findings.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const role = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const TOPIC = `arn:aws:sns:us-east-1:${A}:default-topic`;
const QUEUE = `arn:aws:sqs:us-east-1:${A}:upload-events`;
const OPEN_QUEUE = `arn:aws:sqs:us-east-1:${A}:open-intake`;
const policy = (statement: Doc): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-gated-anyone-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          {
            name: 'OfficeOnlyRole',
            trust: trust({ AWS: '*' }, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
          },
          {
            name: 'ExternalIdOnlyRole',
            trust: trust({ AWS: '*' }, { StringEquals: { 'sts:ExternalId': 'not-a-secret' } }),
          },
        ],
        resources: [
          {
            Type: 'sns-topic',
            Arn: TOPIC,
            Region: 'us-east-1',
            // The policy SNS writes for a new topic.
            Policy: policy({
              Sid: '__default_statement_ID',
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: ['SNS:Publish', 'SNS:Subscribe', 'SNS:GetTopicAttributes'],
              Resource: TOPIC,
              Condition: { StringEquals: { 'AWS:SourceOwner': A } },
            }),
          },
          {
            Type: 'sqs-queue',
            Arn: QUEUE,
            Region: 'us-east-1',
            Policy: policy({
              Effect: 'Allow',
              Principal: '*',
              Action: 'sqs:SendMessage',
              Resource: QUEUE,
              Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' } },
            }),
          },
          {
            Type: 'sqs-queue',
            Arn: OPEN_QUEUE,
            Region: 'us-east-1',
            Policy: policy({
              Effect: 'Allow',
              Principal: '*',
              Action: 'sqs:SendMessage',
              Resource: OPEN_QUEUE,
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
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

function edgeFromAnyone(target: string, group?: string) {
  const g = analysis.graph;
  const key = g
    .edges('*', target)
    .find((k) => group === undefined || g.getEdgeAttribute(k, 'actionGroup') === group);
  expect(key, `an edge from * to ${target}`).toBeDefined();
  return g.getEdgeAttributes(key ?? '');
}

const colour = (target: string, group?: string): string =>
  classifyEdge({ kind: 'anyone' }, edgeFromAnyone(target, group), '*');
const orgView = (target: string, group?: string): string =>
  worstOfEdge(analysis.graph.getNodeAttributes('*'), edgeFromAnyone(target, group), '*');

function scopeOfAnyone(target: string, action: string): string | undefined {
  const who = findWhoCanReach(analysis.graph, target, { action: action as ActionGroup });
  if (who.kind !== 'found') return undefined;
  return who.principals.find((r) => r.principal === '*')?.scope;
}

describe('a "*" edge behind conditions an outsider cannot meet', () => {
  it.each([
    ['a queue for S3 notifications (aws:SourceArn)', QUEUE, 'write', 'aws:SourceArn'],
    ["SNS's default topic policy (AWS:SourceOwner)", TOPIC, 'publish', 'AWS:SourceOwner'],
    [
      'a trust limited to an office network (aws:SourceIp)',
      role('OfficeOnlyRole'),
      undefined,
      'aws:SourceIp',
    ],
  ])('%s: gated, conditional colour, external scope', (_, target, group, key) => {
    const attrs = edgeFromAnyone(target, group);
    expect(attrs.decision).toBe('conditional');
    expect(attrs.conditionKeys).toEqual([key]);
    expect(attrs.gatedForOutsiders).toBe(true);
    expect(colour(target, group)).toBe('conditional');
    expect(orgView(target, group)).toBe('conditional');
  });

  it('who-can-reach scopes them external, the diff too', () => {
    expect(scopeOfAnyone(QUEUE, 'write')).toBe('external');
    expect(scopeOfAnyone(TOPIC, 'publish')).toBe('external');
    const diff = listDiffEdges(analysis.graph).filter((e) => e.source === '*');
    expect(diff.find((e) => e.target === QUEUE)?.sourceScope).toBe('external');
    expect(diff.find((e) => e.target === OPEN_QUEUE)?.sourceScope).toBe('public');
  });

  it('negative twins: conditions an outsider meets at will stay public everywhere', () => {
    for (const [target, group] of [
      [role('ExternalIdOnlyRole'), undefined],
      [OPEN_QUEUE, 'write'],
    ] as const) {
      const attrs = edgeFromAnyone(target, group);
      expect(attrs.decision).toBe('conditional');
      expect(attrs.gatedForOutsiders).toBeUndefined();
      expect(colour(target, group)).toBe('public');
      expect(orgView(target, group)).toBe('public');
    }
    expect(scopeOfAnyone(OPEN_QUEUE, 'write')).toBe('public');
  });

  it('the findings agree with the colours', () => {
    const findings = findingsOf(analysis);
    const subjects = (rule: string): string[] =>
      findings.filter((f) => f.rule === rule).map((f) => f.title);
    expect(subjects('public-trust').join('\n')).toContain('ExternalIdOnlyRole');
    expect(subjects('public-trust').join('\n')).not.toContain('OfficeOnlyRole');
    expect(subjects('public-resource').join('\n')).toContain('open-intake');
    expect(subjects('public-resource').join('\n')).not.toContain('upload-events');
    expect(subjects('public-resource').join('\n')).not.toContain('default-topic');
  });
});
