// The demo organization's IAM Identity Center (docs/demo-organization.md "IAM Identity Center"):
// consistent with the AWSReservedSSO roles every account has, and each planted element raises its
// finding while its twin stays silent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import {
  DELETED_SSO_USER_ID,
  SSO_DIRECT_USER,
  SSO_GROUPS,
  SSO_IDENTITY_STORE_ID,
  ssoUserName,
} from '../../../server/demo/identity-center.js';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import type { Finding } from '../../../shared/audit/types.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { matchAssignments } from '../../../shared/graph/sso/match-assignments.js';
import { findWhoCanReach } from '../../../shared/query/index.js';
import { removeDir, writeDemo } from './demo-snapshot-view.js';

let dir = '';
let analysis: Analysis;
let findings: Finding[];
beforeAll(async () => {
  dir = await writeDemo();
  analysis = await analyzeSnapshotDir(dir, resolveAnalysisConfig());
  findings = computeFindings({ ...analysis, config: resolveAnalysisConfig() });
});
afterAll(async () => {
  await removeDir(dir);
});

const nodeOf = (label: string, kind: 'sso-user' | 'sso-group'): string | undefined =>
  analysis.graph.findNode((_k, a) => a.kind === kind && a.label === label);

describe('demo Identity Center', () => {
  it('loads without issues and matches a role in every readable account', () => {
    expect(analysis.snapshot.issues.filter((i) => i.file === 'identity-center.json')).toEqual([]);
    const outcomes = matchAssignments(analysis.snapshot)?.outcomes ?? [];
    const unmatched = outcomes
      .filter((o) => o.kind !== 'matched')
      .map((o) => [o.kind, o.assignment.accountId]);
    // Only the unreadable acme-legacy-prod and the deleted user's assignment have no role.
    expect(unmatched.sort()).toEqual([
      ['principal-missing', '500000000005'],
      ['role-missing', '500000000007'],
      ['role-missing', '500000000007'],
    ]);
  });

  it('gives every matched assignment a can-sign-in edge (allow)', () => {
    const g = analysis.graph;
    for (const o of matchAssignments(analysis.snapshot)?.outcomes ?? []) {
      if (o.kind !== 'matched') continue;
      for (const role of o.roles) {
        const kinds = g.edges(o.principal, role).map((e) => g.getEdgeAttributes(e));
        expect(
          kinds.some((e) => e.kind === 'can-sign-in' && e.decision === 'allow'),
          `${o.principal} → ${role}`,
        ).toBe(true);
      }
    }
  });

  it.each([
    ['sso-admin-group-too-large', SSO_GROUPS.platformAdmins.name, 'sso-group'],
    ['sso-direct-user-assignment', ssoUserName(SSO_DIRECT_USER), 'sso-user'],
  ] as const)('raises %s on %s', (rule, label, kind) => {
    const subject = nodeOf(label, kind);
    expect(subject).toBeDefined();
    expect(findings.filter((f) => f.rule === rule).map((f) => f.subject)).toEqual([subject]);
  });

  it('raises the deleted-user and role-missing findings, and nothing on the small Break Glass group', () => {
    expect(
      findings
        .filter((f) => f.rule === 'sso-assignment-to-deleted-principal')
        .map((f) => f.subject),
    ).toEqual([`sso:${SSO_IDENTITY_STORE_ID}:user/${DELETED_SSO_USER_ID}`]);
    const missing = findings.filter((f) => f.rule === 'sso-assignment-role-missing');
    expect(missing.map((f) => f.severity)).toEqual(['info', 'info']);
    const breakGlass = nodeOf(SSO_GROUPS.breakGlass.name, 'sso-group');
    expect(findings.some((f) => f.subject === breakGlass)).toBe(false);
  });

  it('who-can-reach a payments bucket lists the people, not the AWSSSO providers', () => {
    const r = findWhoCanReach(analysis.graph, 'arn:aws:s3:::acme-app-data-500000000001');
    expect(r.kind).toBe('found');
    if (r.kind !== 'found') return;
    expect(r.principals.some((p) => p.kind === 'idp' && p.principal.includes('AWSSSO_'))).toBe(
      false,
    );
    const dana = r.people?.users.find((u) => u.userName === ssoUserName(SSO_DIRECT_USER));
    expect(dana?.direct).toBe(true);
    expect(r.people?.groups.map((g) => g.name)).toContain(SSO_GROUPS.platformAdmins.name);
  });
});
