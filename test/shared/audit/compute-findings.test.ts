/**
 * computeFindings as a whole: fingerprints (FNV-1a test vectors; stable across runs and edge
 * insertion order), the order of findings, suppressions with and without expiry.
 */
import { describe, expect, it } from 'vitest';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import { findingId, fnv1a64 } from '../../../shared/audit/fingerprint.js';
import { applySuppressions, expiryInstant } from '../../../shared/audit/suppressions.js';
import type { Finding, FindingsInput } from '../../../shared/audit/types.js';
import type { Suppression } from '../../../shared/config/analysis-config.js';
import { reversedCopy } from '../query/graph-fixtures.js';
import { analysisOf, trustDoc, type AnalysisSpec } from './audit-fixtures.js';

const EXT = '999988887777';
const DEPLOY = '444444444444:role/ci/ExternalDeployRole';
const ADMIN = '500000000001:role/DeploymentAdminRole';
const PUBLIC_ROLE = '500000000003:role/LegacyPublicRole';
const CLOUDHEALTH = '111111111111:role/CloudHealthRole';

/** A small organization with several findings at once (a slice of the demo organization). */
const SPEC: AnalysisSpec = {
  graph: {
    accounts: {
      [EXT]: 'external',
      '454464851268': { scope: 'vendor', vendor: 'CloudHealth' },
    },
    nodes: {
      [ADMIN]: { admin: true },
      'bucket:acme-web-public-500000000002': { accountId: '500000000002' },
      'bucket:acme-partner-exchange-500000000002': { accountId: '500000000002' },
    },
    edges: [
      [
        EXT,
        DEPLOY,
        { aggregate: true, decision: 'conditional', conditionKeys: ['sts:ExternalId'] },
      ],
      [DEPLOY, ADMIN],
      [EXT, '500000000002:role/PartnerAuditRole', { aggregate: true }],
      ['*', PUBLIC_ROLE],
      ['454464851268', CLOUDHEALTH, { aggregate: true }],
      ['*', 'bucket:acme-web-public-500000000002'],
      [EXT, 'bucket:acme-partner-exchange-500000000002', { aggregate: true, group: 'write' }],
    ],
  },
  trust: {
    [PUBLIC_ROLE]: trustDoc({ AWS: '*' }),
    [CLOUDHEALTH]: trustDoc({ AWS: 'arn:aws:iam::454464851268:root' }),
  },
  snapshot: {
    org: [{ id: '111111111111' }, { id: '500000000007', name: 'acme-legacy-prod' }],
    folders: ['111111111111'],
    collection: { '111111111111': { status: 'ok' }, '500000000007': { status: 'denied' } },
  },
};

function summary(fs: readonly Finding[]): string[] {
  return fs.map((f) => `${f.severity} ${f.rule} ${f.subject}`);
}

describe('fingerprint', () => {
  it('is 64-bit FNV-1a (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-8 bytes, so non-ASCII names are stable too', () => {
    expect(fnv1a64('é')).toBe(fnv1a64('\u00e9'));
    expect(fnv1a64('é')).not.toBe(fnv1a64('e\u0301'));
  });

  it('keeps the parts apart', () => {
    expect(findingId('r', 'a:b', 'c')).not.toBe(findingId('r', 'a', 'b:c'));
    expect(findingId('r', 's')).toBe(findingId('r', 's', ''));
  });
});

describe('computeFindings', () => {
  it('reports the findings of several rules, most severe first, then by rule and subject', () => {
    const fs = computeFindings(analysisOf(SPEC));
    expect(summary(fs)).toEqual([
      'critical external-path-to-admin arn:aws:iam::500000000001:role/DeploymentAdminRole',
      'critical public-trust arn:aws:iam::500000000003:role/LegacyPublicRole',
      'high bucket-reachable-from-outside-org arn:aws:s3:::acme-partner-exchange-500000000002',
      'high bucket-reachable-from-outside-org arn:aws:s3:::acme-web-public-500000000002',
      'high external-trust-unknown-account arn:aws:iam::444444444444:role/ci/ExternalDeployRole',
      'high external-trust-unknown-account arn:aws:iam::500000000002:role/PartnerAuditRole',
      'high vendor-trust-without-external-id arn:aws:iam::111111111111:role/CloudHealthRole',
      'medium incomplete-coverage arn:aws:iam::500000000007:root',
    ]);
  });

  it('reports one finding per root cause: the public bucket policy statement gives one finding with both reasons', () => {
    // Issue 12 case 7: `bucket-reachable-from-outside-org` and `public-bucket` both report the
    // same statement of acme-web-public's bucket policy; one finding carries both reasons.
    const fs = computeFindings(analysisOf(SPEC));
    const onBucket = fs.filter((f) => f.subject === 'arn:aws:s3:::acme-web-public-500000000002');
    expect(onBucket).toHaveLength(1);
    const [merged] = onBucket;
    expect(merged?.mergedFrom?.map((r) => `${r.severity} ${r.rule}`)).toEqual([
      'high bucket-reachable-from-outside-org',
      'high public-bucket',
    ]);
    expect(merged?.id).toBe(merged?.mergedFrom?.[0]?.id);
  });

  it('gives the same findings, ids and evidence on every run and whatever the insertion order', () => {
    const input = analysisOf(SPEC);
    const first = computeFindings(input);
    expect(computeFindings(analysisOf(SPEC))).toEqual(first);
    const reversed: FindingsInput = { ...input, graph: reversedCopy(input.graph) };
    expect(computeFindings(reversed)).toEqual(first);
  });

  it("keeps a finding's id when its evidence or title changes (the id is rule + subject + discriminator)", () => {
    const before = computeFindings(analysisOf(SPEC)).find(
      (f) =>
        f.rule === 'external-trust-unknown-account' && f.subject.endsWith('ExternalDeployRole'),
    )!;
    const changed: AnalysisSpec = {
      ...SPEC,
      graph: {
        ...SPEC.graph,
        edges: SPEC.graph.edges.map((e) =>
          e[1] === DEPLOY ? [EXT, DEPLOY, { aggregate: true }] : e,
        ),
      },
    };
    const after = computeFindings(analysisOf(changed)).find(
      (f) =>
        f.rule === 'external-trust-unknown-account' && f.subject.endsWith('ExternalDeployRole'),
    )!;
    expect(after.title).not.toBe(before.title);
    expect(after.id).toBe(before.id);
  });
});

describe('suppressions', () => {
  const base = (suppressions: Suppression[], now = '2026-11-28T00:00:00Z'): Finding[] =>
    computeFindings(analysisOf({ ...SPEC, config: { suppressions }, now }));

  it('marks a finding matched by rule and subject, and still reports it', () => {
    const fs = base([
      {
        rule: 'public-trust',
        subject: 'arn:aws:iam::500000000003:role/LegacyPublicRole',
        reason: 'decommissioning',
      },
    ]);
    const f = fs.find((x) => x.rule === 'public-trust')!;
    expect(f.suppressed).toEqual({ reason: 'decommissioning' });
    expect(fs.filter((x) => x.suppressed !== undefined)).toHaveLength(1);
  });

  it('matches by account for every subject of that account', () => {
    const fs = base([
      { rule: 'external-trust-unknown-account', accountId: '500000000002', reason: 'partner' },
    ]);
    const ext = fs.filter((x) => x.rule === 'external-trust-unknown-account');
    expect(ext.map((x) => [x.accountId, x.suppressed?.reason])).toEqual([
      ['444444444444', undefined],
      ['500000000002', 'partner'],
    ]);
  });

  it('with rule "*" covers every rule of the subject or account', () => {
    const fs = base([{ rule: '*', accountId: '500000000002', reason: 'sandbox' }]);
    const of2 = fs.filter((x) => x.accountId === '500000000002');
    expect(of2.length).toBeGreaterThan(1);
    expect(of2.every((x) => x.suppressed?.reason === 'sandbox')).toBe(true);
  });

  it('needs the rule to match too', () => {
    const fs = base([
      {
        rule: 'public-bucket',
        subject: 'arn:aws:iam::500000000003:role/LegacyPublicRole',
        reason: 'x',
      },
    ]);
    expect(fs.every((x) => x.suppressed === undefined)).toBe(true);
  });

  it('applies until its expiry date (inclusive) and stops after it', () => {
    const s: Suppression = {
      rule: 'public-trust',
      subject: 'arn:aws:iam::500000000003:role/LegacyPublicRole',
      reason: 'until migration',
      expires: '2026-11-30',
    };
    const during = base([s], '2026-11-30T23:59:59Z').find((x) => x.rule === 'public-trust')!;
    expect(during.suppressed).toEqual({ reason: 'until migration', expires: '2026-11-30' });
    const after = base([s], '2026-12-01T00:00:00Z').find((x) => x.rule === 'public-trust')!;
    expect(after.suppressed).toBeUndefined();
  });

  it('reads an expiry with a time as that instant', () => {
    expect(expiryInstant('2026-11-30T12:00:00Z')).toBe(Date.parse('2026-11-30T12:00:00Z'));
    expect(expiryInstant('2026-11-30')).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(expiryInstant(undefined)).toBeUndefined();
  });

  it('uses the first matching suppression', () => {
    const f: Finding = {
      id: 'x',
      rule: 'public-bucket',
      severity: 'high',
      subject: 's',
      accountId: '1',
      title: 't',
      evidence: [],
    };
    const out = applySuppressions(
      [f],
      [
        { rule: 'public-bucket', subject: 's', reason: 'first' },
        { rule: 'public-bucket', accountId: '1', reason: 'second' },
      ],
      new Date(),
    );
    expect(out[0]?.suppressed?.reason).toBe('first');
  });
});
