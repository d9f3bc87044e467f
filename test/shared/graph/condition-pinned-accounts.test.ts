/**
 * `"AWS": "*"` whose conditions pin the caller's account — `aws:PrincipalAccount`, or an
 * `aws:PrincipalArn` with a fixed account — grants that account's principals: the account is a
 * candidate caller like one the Principal element names, decided by the engine (an edge from the
 * account, and `external-trust-unknown-account` when it is outside the organization). The `*`
 * edge itself stays conditional on the key. Negative twin: a negated operator ("every account
 * but this one") pins nothing.
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
const X = '999988887777';
const X_ROOT = `arn:aws:iam::${X}:root`;
const role = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const anyone = (condition: Doc): Doc => trust({ AWS: '*' }, condition);

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-pinned-accounts-'));
  await writeScenario(work, {
    org: {
      id: 'o-ours000001',
      managementAccountId: A,
      accounts: [{ id: A, name: 'main', parent: 'r-root' }],
    },
    accounts: {
      [A]: {
        roles: [
          { name: 'PinnedAccount', trust: anyone({ StringEquals: { 'aws:PrincipalAccount': X } }) },
          {
            name: 'PinnedArn',
            trust: anyone({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${X}:role/deploy-*` } }),
          },
          {
            name: 'AllButX',
            trust: anyone({ StringNotEquals: { 'aws:PrincipalAccount': X } }),
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

const edges = (source: string, target: string): { decision: string; keys: readonly string[] }[] =>
  analysis.graph.hasNode(source)
    ? analysis.graph
        .edges(source, target)
        .map((k) => analysis.graph.getEdgeAttributes(k))
        .map((a) => ({ decision: a.decision, keys: a.conditionKeys }))
    : [];

describe('"*" pinned to an account by its conditions', () => {
  it('aws:PrincipalAccount: the account can assume the role; "*" stays conditional on the key', () => {
    expect(edges(X_ROOT, role('PinnedAccount'))).toEqual([{ decision: 'allow', keys: [] }]);
    expect(edges('*', role('PinnedAccount'))).toEqual([
      { decision: 'conditional', keys: ['aws:PrincipalAccount'] },
    ]);
  });

  it('aws:PrincipalArn with a fixed account: that account, conditional on which of its roles', () => {
    expect(edges(X_ROOT, role('PinnedArn'))).toEqual([
      { decision: 'conditional', keys: ['aws:PrincipalArn'] },
    ]);
  });

  it('negative twin: a negated operator pins no account', () => {
    expect(edges(X_ROOT, role('AllButX'))).toEqual([]);
  });

  it('the outside account is reported as an unknown account trusted by the role', () => {
    const findings = findingsOf(analysis);
    expect(
      findings
        .filter((f) => f.rule === 'external-trust-unknown-account')
        .map((f) => f.subject)
        .sort(),
    ).toEqual([role('PinnedAccount'), role('PinnedArn')]);
  });
});
