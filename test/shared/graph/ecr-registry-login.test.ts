/**
 * Pulling from an ECR repository also needs `ecr:GetAuthorizationToken` from the caller's
 * identity policies (resource-access.ts). The note that says so cites the repository of the edge
 * it is on: a caller that reaches several repositories gets, on each edge, a note naming that
 * repository's policy — not the first repository it was decided for.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { allow, writeScenario } from '../../helpers/write-scenario.js';

const A = '111111111111';
const ROLE = `arn:aws:iam::${A}:role/puller`;
const REPOS = ['app', 'base', 'tools'].map((n) => `arn:aws:ecr:us-east-1:${A}:repository/${n}`);

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-ecr-login-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          {
            name: 'puller',
            trust: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'ec2.amazonaws.com' },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
            policies: [
              allow(
                ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:GetAuthorizationToken'],
                '*',
              ),
            ],
          },
        ],
        resources: REPOS.map((Arn) => ({ Type: 'ecr-repository', Arn, Region: 'us-east-1' })),
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the registry-login note of an ECR pull', () => {
  it.each(REPOS)('on the edge to %s names that repository', (repo) => {
    const g = analysis.graph;
    const edge = g
      .outEdges(ROLE, repo)
      .map((k) => g.getEdgeAttributes(k))
      .find((a) => a.kind === 'can-access' && a.actionGroup === 'pull');
    expect(edge?.decision).toBe('allow');
    const notes = (edge?.evidence ?? []).filter((e) =>
      e.reason.includes('ecr:GetAuthorizationToken from the identity policies'),
    );
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note.policy.arn).toBe(repo);
  });
});
