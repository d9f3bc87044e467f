/**
 * `external-trust-unknown-account`: a role of the organization that an account outside the
 * organization can assume, when that account is neither a known vendor nor one the config
 * trusts (IAM-SEMANTICS.md §9: "external-unknown-account"). One finding per role and external
 * account, whether the trust names the account or one of its principals. An ExternalId does not
 * make the account known (§9). A `*` trust that `aws:PrincipalOrgID` limits to another named
 * organization is reported here too, once per role and organization (not public: public-trust).
 */
import { ANYONE_KEY } from '../../graph/callers/opaque-callers.js';
import { isNamedOrganizationEdge, namedOrganizationsOf } from '../resource-outsiders.js';
import {
  attrsOf,
  edgesFrom,
  isOrgRole,
  outEdgesOfKind,
  listText,
  mergeEvidence,
  nameOf,
  riskOfEdges,
} from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';
import type { Evidence } from '../../authorize/types.js';
import type { EdgeAttributes } from '../../graph/types.js';

export const externalTrustUnknownAccount: FindingRule = {
  id: 'external-trust-unknown-account',
  severity: 'high',
  title: 'Role trusted by an unknown external account',
  help:
    'The trust policy of this role lets an AWS account outside your organization assume it (the ' +
    'whole account, or a principal in it), and that account is neither a known vendor nor listed ' +
    'in trustedAccounts of the configuration. Whoever administers that account decides which of ' +
    'its principals may use the role; an ExternalId does not change who that is. Unknown accounts ' +
    'in trust policies are often former vendors, personal accounts or typos. Fix: remove the ' +
    'account from the trust policy, or, if the relationship is intended, add the account to ' +
    'trustedAccounts with a name so that it is reviewed like a vendor. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
  evaluate({ graph, config, model }: FindingsInput): FindingDraft[] {
    const trusted = new Set(config.trustedAccounts.map((t) => t.accountId));
    /** One group per role and outsider; `from` is how the title names the outsider. */
    const groups = new Map<
      string,
      {
        role: string;
        account: string;
        from: string;
        evidence: Evidence[][];
        keys: Set<string>;
        allow: boolean;
      }
    >();
    const add = (role: string, account: string, from: string, attrs: EdgeAttributes): void => {
      const id = `${role}\u0000${account}`;
      let g = groups.get(id);
      if (g === undefined)
        groups.set(id, (g = { role, account, from, evidence: [], keys: new Set(), allow: false }));
      g.evidence.push([...attrs.evidence]);
      if (attrs.decision === 'allow') g.allow = true;
      else for (const k of attrs.conditionKeys) g.keys.add(k);
    };
    for (const { source, target, attrs } of edgesFrom(
      graph,
      'can-assume',
      (_k, a) => a.scope === 'external',
    )) {
      const from = attrsOf(graph, source);
      if (from === undefined || from.unresolved === true) continue;
      if (from.kind !== 'account' && from.kind !== 'user' && from.kind !== 'role') continue;
      if (from.scope !== 'external' || from.accountId === undefined) continue;
      if (trusted.has(from.accountId) || !isOrgRole(graph, target)) continue;
      add(target, from.accountId, `from account ${from.accountId}`, attrs);
    }
    // `*` limited to principals of other organizations the trust names (aws:PrincipalOrgID):
    // not public, but those organizations' accounts are unknown ones.
    for (const { target, attrs } of outEdgesOfKind(graph, ANYONE_KEY, 'can-assume')) {
      if (!isNamedOrganizationEdge(attrs) || !isOrgRole(graph, target)) continue;
      const orgs = namedOrganizationsOf(model, target);
      const account = `organization ${orgs.length > 0 ? orgs.join(' or ') : '(another one)'}`;
      add(target, account, `by any principal of ${account}`, attrs);
    }
    return [...groups.values()].map((g) => {
      const conditional = g.allow ? '' : ` (conditional on ${listText([...g.keys].sort())})`;
      const draft: FindingDraft = {
        subject: g.role,
        title: `Role ${nameOf(graph, g.role)} can be assumed ${g.from}, outside the organization and not a known vendor${conditional}`,
        evidence: mergeEvidence(g.evidence),
        discriminator: g.account,
        risk: riskOfEdges(
          [{ decision: g.allow ? 'allow' : 'conditional', conditionKeys: [...g.keys] }],
          'external',
        ),
      };
      const accountId = attrsOf(graph, g.role)?.accountId;
      if (accountId !== undefined) draft.accountId = accountId;
      return draft;
    });
  },
};
