/**
 * Who can reach an account: the section each source of its inbound organization-view edges is
 * listed under (web/src/components/account-reach-scope.ts), scoped as the query scopes starting
 * points (shared/query/start-scope.ts). lambda.amazonaws.com and support.amazonaws.com into
 * acme-payments-prod were listed as "External (outside the organization)" with the badge "Inside
 * the organization".
 */
import { describe, expect, it } from 'vitest';
import { accountReachScope } from '../../web/src/components/account-reach-scope.js';

describe('accountReachScope', () => {
  it.each([
    [
      'an AWS service into an organization account: organization',
      { kind: 'service' },
      'internal',
      'org',
      'org',
    ],
    [
      'an AWS service into an outside account: that account scope',
      { kind: 'service' },
      'internal',
      'external',
      'external',
    ],
    [
      'GitHub Actions registered in the account, trusted without a subject: public',
      { kind: 'idp', scope: 'org' },
      'public',
      'org',
      'public',
    ],
    ['IAM Identity Center: organization', { kind: 'idp', scope: 'org' }, 'internal', 'org', 'org'],
    ['* unconditioned: public', { kind: 'anyone', scope: 'public' }, 'public', 'org', 'public'],
    [
      '* limited to a partner organization: external',
      { kind: 'anyone', scope: 'public' },
      'conditional',
      'org',
      'external',
    ],
    [
      'a known vendor trusted without ExternalId stays a vendor',
      { kind: 'account', scope: 'vendor' },
      'external',
      'org',
      'vendor',
    ],
    ['an account without scope: external', { kind: 'account' }, 'external', 'org', 'external'],
  ] as const)('%s', (_name, source, worst, target, expected) => {
    expect(accountReachScope(source, worst, target)).toBe(expected);
  });

  it('a source missing from the graph answer is external', () => {
    expect(accountReachScope(undefined, undefined, 'org')).toBe('external');
  });
});
