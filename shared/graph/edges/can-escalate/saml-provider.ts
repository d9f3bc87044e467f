/**
 * SAML provider metadata rewrite (IAM-SEMANTICS.md "Privilege escalation" E.3): a principal that
 * may call `iam:UpdateSAMLProvider` on a SAML provider of its account replaces the provider's
 * metadata document — the IdP's signing certificate — with that of an IdP it runs itself, signs
 * an assertion naming a role whose trust policy admits the provider, and calls
 * `sts:AssumeRoleWithSAML` (HackTricks aws-iam-privesc "iam:UpdateSAMLProvider").
 *
 * The second call carries no AWS credentials: it is decided as the provider's federated caller
 * (the role's trust policy and RCPs; no identity policy, boundary or SCP of the attacker applies).
 * The assertion is the attacker's, so its audience is the AWS sign-in endpoint (`SAML:aud`); the
 * trust's other SAML conditions stay unknown and leave the edge `conditional`.
 *
 * Left out (a miss, never a false edge): a provider of another account than the role's, a provider
 * identity-providers.json does not list when the file was read (UpdateSAMLProvider needs an
 * existing provider), and IAM Identity Center's own provider (`AWSSSO_…_DO_NOT_DELETE`).
 */
import { authorizeAssumeRole } from '../../../authorize/index.js';
import { settleCallerChosenKeys } from '../../../authorize/caller-chosen-keys.js';
import { federatedCaller } from '../../callers/opaque-callers.js';
import { principalReferences } from '../../index/principal-references.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import { isIdentityCenterProvider, SSO_SAML_AUDIENCE } from '../../sso/sso-keys.js';
import type { EscalationContext, Step } from './escalation-context.js';

export const SAML_PROVIDER_ACTIONS = ['iam:UpdateSAMLProvider'] as const;

/** Adds the SAML-provider rewrite edges (attacker → a role trusting the provider). */
export function addSamlProviderEdges(esc: EscalationContext): void {
  const { model } = esc.build;
  const index = new PermissionIndex(esc.attackers(), SAML_PROVIDER_ACTIONS, rolePatternKey);
  for (const role of model.roles.values()) {
    if (role.serviceLinked || !esc.inScope(role.accountId)) continue;
    const registered = esc.snapshot.accounts.get(role.accountId)?.identityProviders?.saml;
    const providers = new Set<string>();
    for (const ref of principalReferences(role.trustPolicy)) {
      if (ref.type !== 'federated' || !ref.provider.includes(':saml-provider/')) continue;
      if (ref.provider.split(':')[4] !== role.accountId) continue;
      if (isIdentityCenterProvider(ref.provider)) continue;
      if (registered && !registered.some((p) => p.arn === ref.provider)) continue;
      providers.add(ref.provider);
    }
    for (const provider of providers) {
      const candidates = index.candidates(role.accountId, provider, role.accountId);
      if (candidates.size === 0) continue;
      const assume = assumeWithForgedAssertion(esc, provider, role);
      if (assume.result.decision === 'deny') continue;
      const facts = esc.accountFacts(role.accountId);
      for (const attacker of candidates) {
        if (attacker.key === role.arn) continue;
        const update = esc.decide(
          attacker,
          'iam:UpdateSAMLProvider',
          provider,
          role.accountId,
          facts,
        );
        esc.addEdge(attacker.key, role.arn, 'iam:UpdateSAMLProvider+sts:AssumeRoleWithSAML', [
          update,
          assume,
        ]);
      }
    }
  }
}

/** AssumeRoleWithSAML with an assertion the attacker signs (audience: the sign-in endpoint). */
function assumeWithForgedAssertion(
  esc: EscalationContext,
  provider: string,
  role: Parameters<typeof authorizeAssumeRole>[0]['role'],
): Step {
  esc.build.stats.evaluations++;
  const result = settleCallerChosenKeys(
    authorizeAssumeRole({
      action: 'sts:AssumeRoleWithSAML',
      caller: federatedCaller(provider, provider, true),
      role,
      model: esc.build.model,
      context: { otherKeys: 'unknown', known: { 'SAML:aud': SSO_SAML_AUDIENCE } },
    }),
  );
  return { action: 'sts:AssumeRoleWithSAML', resource: role.arn, result };
}
