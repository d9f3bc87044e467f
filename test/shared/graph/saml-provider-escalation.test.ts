/**
 * SAML provider metadata rewrite (IAM-SEMANTICS.md E.3; HackTricks aws-iam-privesc
 * "iam:UpdateSAMLProvider"): a principal allowed `iam:UpdateSAMLProvider` on a provider of its
 * account puts its own IdP's certificate in the metadata and assumes, with an assertion it signs,
 * every role whose trust admits the provider. Twins: the permission on another provider, an
 * explicit Deny, an SCP, a provider identity-providers.json does not list, a trust condition on an
 * attribute the snapshot cannot know (conditional), IAM Identity Center's provider, another account.
 */
import { describe, expect, it } from 'vitest';
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { analyzeScenarioOnce } from '../../helpers/scenario-analysis.js';
import {
  ADMIN_POLICY_ARN,
  allow,
  type Doc,
  type Scenario,
  combine as both,
  denyAll as deny,
  openAndGuardedOrg,
} from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
const provider = (name: string, account = A): string =>
  `arn:aws:iam::${account}:saml-provider/${name}`;
const user = (name: string, account = A): string => `arn:aws:iam::${account}:user/${name}`;
const role = (name: string, account = A): string => `arn:aws:iam::${account}:role/${name}`;
const SSO = 'AWSSSO_0123456789abcdef_DO_NOT_DELETE';
const AUD = { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } };

const samlTrust = (providerArn: string, condition: Doc = AUD): Doc => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: providerArn },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: condition,
    },
  ],
});
const update = (resource: string): Doc => allow('iam:UpdateSAMLProvider', resource);

const scenario: Scenario = {
  org: openAndGuardedOrg('o-samlprovider', A, B, {
    name: 'NoSamlEdits',
    document: deny('iam:UpdateSAMLProvider'),
  }),
  accounts: {
    [A]: {
      samlProviders: ['Okta', 'Other', SSO],
      users: [
        { name: 'okta-editor', policies: [update(provider('Okta'))] },
        { name: 'other-editor', policies: [update(provider('Other'))] },
        {
          name: 'denied-editor',
          policies: [
            both(update('*'), {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Deny', Action: 'iam:UpdateSAMLProvider', Resource: '*' }],
            }),
          ],
        },
        { name: 'any-editor', policies: [update('*')] },
      ],
      roles: [
        { name: 'okta-admin', trust: samlTrust(provider('Okta')), managed: [ADMIN_POLICY_ARN] },
        {
          name: 'okta-from-office',
          trust: samlTrust(provider('Okta'), {
            ...AUD,
            IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
          }),
          managed: [ADMIN_POLICY_ARN],
        },
        {
          name: 'unregistered-admin',
          trust: samlTrust(provider('Gone')),
          managed: [ADMIN_POLICY_ARN],
        },
        { name: 'sso-admin', trust: samlTrust(provider(SSO)), managed: [ADMIN_POLICY_ARN] },
      ],
    },
    [B]: {
      samlProviders: ['Okta'],
      users: [{ name: 'any-editor', policies: [update('*')] }],
      roles: [
        {
          name: 'okta-admin',
          trust: samlTrust(provider('Okta', B)),
          managed: [ADMIN_POLICY_ARN],
        },
      ],
    },
  },
};

const analysis = analyzeScenarioOnce('trustmap-saml-provider-', scenario);

function techniques(from: string, to: string): string[] {
  return escalationEdges(analysis().graph, from, to)
    .map((a) => `${String(a.technique)}:${a.decision}`)
    .sort();
}
const REWRITE = 'iam:UpdateSAMLProvider+sts:AssumeRoleWithSAML';

describe('SAML provider metadata rewrite', () => {
  it('reaches a role trusting the provider, the assertion carrying the sign-in audience', () => {
    expect(techniques(user('okta-editor'), role('okta-admin'))).toEqual([`${REWRITE}:allow`]);
    expect(techniques(user('any-editor'), role('okta-admin'))).toEqual([`${REWRITE}:allow`]);
  });

  it('a trust condition the attacker does not control (source IP) leaves it conditional', () => {
    expect(techniques(user('okta-editor'), role('okta-from-office'))).toEqual([
      `${REWRITE}:conditional`,
    ]);
  });

  it('twins: another provider, a Deny, an SCP, an unlisted provider, Identity Center, another account', () => {
    expect(techniques(user('other-editor'), role('okta-admin'))).toEqual([]);
    expect(techniques(user('denied-editor'), role('okta-admin'))).toEqual([]);
    expect(techniques(user('any-editor', B), role('okta-admin', B))).toEqual([]);
    expect(techniques(user('any-editor'), role('unregistered-admin'))).toEqual([]);
    expect(techniques(user('any-editor'), role('sso-admin'))).toEqual([]);
    expect(techniques(user('any-editor'), role('okta-admin', B))).toEqual([]);
  });
});
