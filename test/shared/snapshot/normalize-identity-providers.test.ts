/** normalizeIdentityProviders: OIDC and SAML providers as the file or the CLI's lists give them. */
import { describe, expect, it } from 'vitest';
import { FileReader } from '../../../shared/snapshot/json-reader.js';
import { normalizeIdentityProviders } from '../../../shared/snapshot/normalize-identity-providers.js';
import type { LoadIssue } from '../../../shared/snapshot/types.js';

const A = '111111111111';
function load(raw: unknown): {
  out: ReturnType<typeof normalizeIdentityProviders>;
  issues: LoadIssue[];
} {
  const issues: LoadIssue[] = [];
  return {
    out: normalizeIdentityProviders(raw, {
      accountId: A,
      reader: new FileReader(`${A}/identity-providers.json`, issues),
    }),
    issues,
  };
}
const at = (issues: LoadIssue[]): [string, string][] => issues.map((i) => [i.severity, i.path]);

describe('normalizeIdentityProviders', () => {
  it('reads the documented shape', () => {
    const { out, issues } = load({
      OpenIDConnectProviders: [
        {
          Arn: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`,
          Url: 'token.actions.githubusercontent.com',
          ClientIDList: ['sts.amazonaws.com'],
        },
      ],
      SAMLProviders: [{ Arn: `arn:aws:iam::${A}:saml-provider/Okta` }],
    });
    expect(issues).toEqual([]);
    expect(out).toEqual({
      oidc: [
        {
          arn: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`,
          url: 'token.actions.githubusercontent.com',
          clientIds: ['sts.amazonaws.com'],
        },
      ],
      saml: [{ arn: `arn:aws:iam::${A}:saml-provider/Okta` }],
    });
  });

  it('removes a scheme from Url, takes a missing Url from the ARN, and skips unusable ARNs', () => {
    const { out, issues } = load({
      OpenIDConnectProviders: [
        {
          Arn: `arn:aws:iam::${A}:oidc-provider/accounts.google.com`,
          Url: 'https://accounts.google.com',
        },
        { Arn: `arn:aws:iam::${A}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC` },
        { Arn: 'arn:aws:iam::222222222222:oidc-provider/x.example.com', Url: 'x.example.com' },
        { Arn: `arn:aws:iam::${A}:saml-provider/Wrong` },
        { Arn: `arn:aws:iam::${A}:oidc-provider/accounts.google.com` },
      ],
      SAMLProviders: [`arn:aws:iam::${A}:saml-provider/AsString`],
    });
    expect(out?.oidc.map((p) => p.url)).toEqual([
      'accounts.google.com',
      'oidc.eks.us-east-1.amazonaws.com/id/ABC',
    ]);
    expect(out?.saml).toEqual([{ arn: `arn:aws:iam::${A}:saml-provider/AsString` }]);
    expect(at(issues)).toEqual([
      ['warning', '$.OpenIDConnectProviders[0].Url'],
      ['warning', '$.OpenIDConnectProviders[1].Url'],
      ['error', '$.OpenIDConnectProviders[2].Arn'],
      ['error', '$.OpenIDConnectProviders[3].Arn'],
      ['warning', '$.OpenIDConnectProviders[4]'],
    ]);
  });
});
