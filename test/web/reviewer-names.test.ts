// What the dashboard calls a node known only by its key and what an edge lets its source do:
// a reviewer reads these in every list (findings, who-can-reach, side panel, hops).
import { describe, expect, it } from 'vitest';
import type { WhatIfSummary } from '../../shared/what-if/what-if-result.js';
import { reachSummary } from '../../web/src/components/reach-summary.js';
import { whatIfCounts, whatIfVerdict } from '../../web/src/components/what-if-text.js';
import { edgeAction, EDGE_KIND_LABELS } from '../../web/src/graph/explain.js';
import { KIND_LABELS } from '../../web/src/graph/node-look.js';
import { describeOutsider, outsiderTitle } from '../../web/src/graph/outsiders.js';
import { nameOfKey } from '../../web/src/graph/node-name.js';
import cases from './cases/reviewer-names.json' with { type: 'json' };

describe('nameOfKey', () => {
  it.each(cases.nameOfKey)('$name', ({ key, expected }) => {
    expect(nameOfKey(key)).toBe(expected);
  });
});

describe('edgeAction', () => {
  it.each(cases.edgeAction)('$name', ({ attributes, target, expected }) => {
    expect(edgeAction(attributes, target)).toBe(expected);
  });

  it('names can-access without calling every target a bucket', () => {
    expect(EDGE_KIND_LABELS['can-access']).not.toBe('can access bucket');
  });
});

describe('KIND_LABELS', () => {
  it('a resource node may be a Lambda function (the legend, the search and the panel say so)', () => {
    expect(KIND_LABELS.resource).toContain('Lambda function');
  });
});

describe('describeOutsider', () => {
  const names = new Map([['797287225358', 'Snowflake']]);
  it('a vendor user at principal level says whose it is', () => {
    expect(
      describeOutsider(
        { key: 'arn:aws:iam::797287225358:user/k7m20000-s', kind: 'user', scope: 'vendor' },
        names,
      ),
    ).toBe('User of Snowflake');
    expect(describeOutsider({ key: 'arn:aws:iam::999988887777:role/X', kind: 'role' }, names)).toBe(
      'Role of 999988887777',
    );
  });

  it('an account by its scope, an identity provider by its kind', () => {
    expect(
      describeOutsider(
        { key: 'arn:aws:iam::797287225358:root', kind: 'account', scope: 'vendor' },
        names,
      ),
    ).toBe('Known vendor');
    expect(describeOutsider({ key: 'arn:aws:iam::1:oidc-provider/x', kind: 'idp' }, names)).toBe(
      'Identity provider',
    );
  });
});

describe('What if in words', () => {
  const summary = {
    changes: 1,
    applied: 1,
    unresolved: 0,
    newEdges: 3,
    removedEdges: 0,
    changedEdges: 0,
    newAdmins: 1,
    newPaths: {
      'outside-to-admin': 1,
      'outside-to-crown-jewel': 0,
      outside: 0,
      'to-admin': 0,
      'to-crown-jewel': 0,
    },
    newFindings: 1,
    worsenedFindings: 0,
    resolvedFindings: 0,
    maxSeverity: 'critical',
    failing: 1,
    failOn: 'high',
  } satisfies WhatIfSummary;

  it('counts in the right number, no "(s)"', () => {
    expect(whatIfVerdict(summary)).toBe('Opens 1 thing at or above high (most severe: critical)');
    expect(whatIfCounts(summary)).toBe('1 change, 1 applied · 1 new path');
    expect(whatIfVerdict({ ...summary, failing: 11 })).toBe(
      'Opens 11 things at or above high (most severe: critical)',
    );
    expect(
      whatIfCounts({
        ...summary,
        changes: 2,
        newPaths: { ...summary.newPaths, 'outside-to-admin': 0 },
      }),
    ).toBe('2 changes, 1 applied · 0 new paths');
  });
});

describe('reachSummary', () => {
  it('worst scope first, people before the organization, empty groups left out', () => {
    const principals = [
      { scope: 'org' as const },
      { scope: 'external' as const },
      { scope: 'org' as const },
      { scope: 'vendor' as const },
      { scope: 'vendor' as const },
    ];
    expect(reachSummary(principals, { totalUsers: 14, totalGroups: 2 })).toEqual([
      { section: 'reach-group-external', text: '1 external' },
      { section: 'reach-group-vendor', text: '2 known vendors' },
      { section: 'reach-group-people', text: '14 people (2 groups)' },
      { section: 'reach-group-org', text: '2 in the organization' },
    ]);
    expect(reachSummary([{ scope: 'public' }], { totalUsers: 1, totalGroups: 0 })).toEqual([
      { section: 'reach-group-public', text: '1 public' },
      { section: 'reach-group-people', text: '1 person' },
    ]);
    expect(reachSummary([])).toEqual([]);
  });
});

describe('outsiderTitle', () => {
  it("calls IAM Identity Center's SAML provider by its service, not AWSSSO_…_DO_NOT_DELETE", () => {
    const key = 'arn:aws:iam::500000000001:saml-provider/AWSSSO_a1b2c3d4e5f60718_DO_NOT_DELETE';
    expect(
      outsiderTitle({ key, kind: 'idp', label: 'AWSSSO_a1b2c3d4e5f60718_DO_NOT_DELETE' }),
    ).toBe('IAM Identity Center');
  });

  it('keeps the label of any other provider', () => {
    const key = 'arn:aws:iam::500000000001:saml-provider/Okta';
    expect(outsiderTitle({ key, kind: 'idp', label: 'Okta' })).toBe('Okta');
  });
});
