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
const SECRET = `arn:aws:secretsmanager:us-east-1:${A}:secret:shared-AbCdEf`;
const KEY = `arn:aws:kms:us-east-1:${A}:key/1111aaaa-0000-4000-8000-000000000001`;
const everyone = (action: string, Condition?: Doc): Doc => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: action,
      Resource: '*',
      ...(Condition === undefined ? {} : { Condition }),
    },
  ],
});

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
        resources: [
          {
            // Shared with everyone, but encrypted with the AWS managed aws/secretsmanager key:
            // "you can't use aws/secretsmanager for cross-account access".
            Type: 'secretsmanager-secret',
            Arn: SECRET,
            Region: 'us-east-1',
            Policy: JSON.stringify(everyone('secretsmanager:GetSecretValue')),
          },
          {
            // A key policy that lets "*" in from one account only, through kms:CallerAccount.
            Type: 'kms-key',
            Arn: KEY,
            Region: 'us-east-1',
            KeyManager: 'CUSTOMER',
            Grants: [],
            Policy: JSON.stringify(
              everyone('kms:Decrypt', { StringEquals: { 'kms:CallerAccount': X } }),
            ),
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

  it('kms:CallerAccount pins a key policy\'s "*" to that account: its edge, none from anyone', () => {
    expect(edges(X_ROOT, KEY).map((e) => e.decision)).toEqual(['allow']);
    expect(edges('*', KEY)).toEqual([]);
  });

  it('a secret under aws/secretsmanager is no outsider\'s, whatever its policy grants "*"', () => {
    expect(edges('*', SECRET)).toEqual([]);
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
