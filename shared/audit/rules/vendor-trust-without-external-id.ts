/**
 * `vendor-trust-without-external-id`: a role a known vendor (or an account the config trusts)
 * can assume without an ExternalId that binds the trust to this customer — the confused-deputy
 * gap (IAM-SEMANTICS.md §5.3 `sts:ExternalId`; AWS confused deputy guide).
 *
 * Fires when the edge's decision does not depend on `sts:ExternalId`, or when it does but the
 * trust statement that grants it tests ExternalId loosely: a pattern (`StringLike "*"`), an
 * `…IfExists` operator (a caller that sends no ExternalId passes), a `Null` or negated test, or
 * `ForAllValues:` (true when the key is missing) — unless a Deny statement refuses any other
 * ExternalId value (`Deny` + `StringNotEquals sts:ExternalId "…"`).
 */
import { attrsOf, edgesFrom, isOrgRole, mergeEvidence, nameOf } from '../rule-support.js';
import {
  describeTest,
  isPattern,
  keyTests,
  statementsOfEdge,
  type KeyTest,
} from '../statement-conditions.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';
import type { Evidence } from '../../authorize/types.js';
import type { StatementView } from '../../policy/types.js';

const EXTERNAL_ID = 'sts:externalid';

/** An Allow test that only one ExternalId value (or a fixed set) satisfies. */
function bindsInAllow(t: KeyTest): boolean {
  const lower = t.parts.base.toLowerCase();
  if (t.parts.negated || t.parts.ifExists || t.parts.set === 'ForAllValues') return false;
  if (!lower.startsWith('string')) return false;
  return t.values.length > 0 && t.values.every((v) => v !== '' && !isPattern(t, v));
}

/** A Deny test that refuses every ExternalId but fixed values (a missing one included). */
function bindsInDeny(t: KeyTest): boolean {
  const lower = t.parts.base.toLowerCase();
  if (!t.parts.negated || !lower.startsWith('string') || t.parts.set !== undefined) return false;
  return t.values.length > 0 && t.values.every((v) => v !== '' && !isPattern(t, v));
}

function externalIdTests(v: StatementView): KeyTest[] {
  return keyTests(v, (k) => k === EXTERNAL_ID);
}

/** Why the trust does not bind an ExternalId, or undefined when it does. */
function weakness(
  decisionKeys: readonly string[],
  allows: StatementView[],
  denies: StatementView[],
): string | undefined {
  if (!decisionKeys.some((k) => k.toLowerCase() === EXTERNAL_ID))
    return 'without requiring an ExternalId';
  if (denies.some((d) => externalIdTests(d).some(bindsInDeny))) return undefined;
  for (const a of allows) {
    const tests = externalIdTests(a);
    if (tests.length === 0) return `without an ExternalId condition in statement ${a.index}`;
    if (!tests.some(bindsInAllow))
      return `with an ExternalId condition any caller satisfies (${tests.map(describeTest).join('; ')})`;
  }
  return undefined;
}

export const vendorTrustWithoutExternalId: FindingRule = {
  id: 'vendor-trust-without-external-id',
  severity: 'high',
  title: 'Vendor trust without an ExternalId',
  help:
    'A known third party (a vendor account, or one listed in trustedAccounts) can assume this role ' +
    'and the trust policy does not require an ExternalId that is specific to you — it has no ' +
    'sts:ExternalId condition, or one that any value, or no value, satisfies. A vendor acts for many ' +
    'customers; without your ExternalId, another customer of the vendor can make it assume your ' +
    'role (the confused deputy problem). Fix: add a Condition StringEquals "sts:ExternalId" with ' +
    'the unique value the vendor gives you, in every Allow statement that trusts the vendor. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    const found = new Map<
      string,
      { role: string; account: string; vendor: string; why: string; evidence: Evidence[][] }
    >();
    for (const { source, target, attrs } of edgesFrom(
      graph,
      'can-assume',
      (_k, a) => a.scope === 'vendor',
    )) {
      const from = attrsOf(graph, source);
      if (from === undefined || from.unresolved === true || from.scope !== 'vendor') continue;
      if (from.accountId === undefined || !isOrgRole(graph, target)) continue;
      const { allows, denies } = statementsOfEdge(
        model.roles.get(target)?.trustPolicy,
        attrs.evidence,
        'trust',
      );
      const why = weakness(
        attrs.decision === 'conditional' ? attrs.conditionKeys : [],
        allows,
        denies,
      );
      if (why === undefined) continue;
      const id = `${target}\u0000${from.accountId}`;
      const old = found.get(id);
      if (old !== undefined) old.evidence.push([...attrs.evidence]);
      else
        found.set(id, {
          role: target,
          account: from.accountId,
          vendor: from.vendor ?? from.accountId,
          why,
          evidence: [[...attrs.evidence]],
        });
    }
    return [...found.values()].map((f) => {
      const draft: FindingDraft = {
        subject: f.role,
        title: `Role ${nameOf(graph, f.role)} trusts ${f.vendor} (${f.account}) ${f.why}`,
        evidence: mergeEvidence(f.evidence),
        discriminator: f.account,
      };
      const accountId = attrsOf(graph, f.role)?.accountId;
      if (accountId !== undefined) draft.accountId = accountId;
      return draft;
    });
  },
};
