/**
 * Organizations other than ours that a target's policies name in `aws:PrincipalOrgID` or
 * `aws:PrincipalOrgPaths` (a trust policy shared with a partner organization, a bucket or secret
 * policy with `"aws:PrincipalOrgID": "o-partner"`). A caller outside our organization is in no
 * organization or in some other one — any other one (IAM-SEMANTICS.md §5, "Identity-derived"):
 * when the policy names one, its principals are callers the policy admits, so each named
 * organization is a hypothesis of `hypotheses()` (opaque-callers.ts) besides "none" and "an
 * unnamed other one". A decision that holds only under such a hypothesis holds for the
 * principals of that organization alone: it is `conditional` on the organization keys
 * (`underHypothesis`).
 */
import { noteEvidence } from '../../authorize/evidence.js';
import type {
  AuthorizationResult,
  ContextOptions,
  OrgPolicyChain,
  ResourceProfile,
} from '../../authorize/types.js';
import type { CompiledPolicy } from '../../policy/types.js';
import { statementView } from '../index/statement-views.js';

export interface ForeignOrganization {
  /** The organization id as the policy writes it (a pattern for `StringLike`). */
  orgId: string;
  /** An `aws:PrincipalOrgPaths` value the policy names for it, if the hypothesis is that path. */
  orgPath?: string;
}

/** The note of a decision that holds only for principals of an organization the policy names. */
export const NAMED_ORGANIZATION_NOTE = 'principal-in-named-organization';

const ORG_ID = 'aws:principalorgid';
const ORG_PATHS = 'aws:principalorgpaths';
/** At most this many named organizations per policy are tried (adversarial input stays cheap). */
const MAX_PER_POLICY = 16;

const NONE: readonly ForeignOrganization[] = Object.freeze([]);
const BY_STATEMENTS = new WeakMap<object, readonly ForeignOrganization[]>();

/** The organizations (and organization paths) other than `ourOrgId` that `policy` names. */
function namedIn(
  policy: CompiledPolicy,
  ourOrgId: string | undefined,
): readonly ForeignOrganization[] {
  const cached = BY_STATEMENTS.get(policy.statements);
  if (cached !== undefined) return filterOurs(cached, ourOrgId);
  const out: ForeignOrganization[] = [];
  const seen = new Set<string>();
  const add = (o: ForeignOrganization): void => {
    const k = `${o.orgId}\u0000${o.orgPath ?? ''}`;
    if (seen.has(k) || out.length >= MAX_PER_POLICY) return;
    seen.add(k);
    out.push(o);
  };
  for (const stmt of policy.statements)
    for (const byKey of Object.values(statementView(stmt).conditions))
      for (const [key, values] of Object.entries(byKey)) {
        const lower = key.toLowerCase();
        if (lower === ORG_ID) for (const v of values) add({ orgId: v });
        else if (lower === ORG_PATHS)
          for (const v of values) {
            const orgId = v.split('/')[0] ?? '';
            if (orgId !== '') add({ orgId, orgPath: v });
          }
      }
  const list = out.length === 0 ? NONE : Object.freeze(out);
  BY_STATEMENTS.set(policy.statements, list);
  return filterOurs(list, ourOrgId);
}

function filterOurs(
  list: readonly ForeignOrganization[],
  ourOrgId: string | undefined,
): readonly ForeignOrganization[] {
  if (list.length === 0 || ourOrgId === undefined) return list;
  const ours = ourOrgId.toLowerCase();
  return list.some((o) => o.orgId.toLowerCase() === ours)
    ? list.filter((o) => o.orgId.toLowerCase() !== ours)
    : list;
}

/**
 * The foreign organizations named by a target's policies: its own (trust, bucket or resource)
 * policy and the RCPs that protect it. Empty for most targets.
 */
export function foreignOrganizationsOf(
  policy: CompiledPolicy | undefined,
  rcps: OrgPolicyChain | undefined,
  ourOrgId: string | undefined,
): readonly ForeignOrganization[] {
  const lists: (readonly ForeignOrganization[])[] = [];
  if (policy !== undefined) lists.push(namedIn(policy, ourOrgId));
  for (const level of rcps?.levels ?? [])
    for (const p of level.policies) lists.push(namedIn(p, ourOrgId));
  return uniqueOrganizations(lists);
}

/**
 * The foreign organizations named by a resource's policies: its own, its RCPs' and, for a Lambda
 * function, its aliases' and published versions' own policies (a call through one is decided by
 * them).
 */
export function foreignOrganizationsOfResource(
  resource: Pick<ResourceProfile, 'policy' | 'rcps' | 'functionAliases' | 'functionVersions'>,
  ourOrgId: string | undefined,
): readonly ForeignOrganization[] {
  const own = foreignOrganizationsOf(resource.policy, resource.rcps, ourOrgId);
  const aliases = [...(resource.functionAliases ?? []), ...(resource.functionVersions ?? [])];
  if (aliases.length === 0) return own;
  return uniqueOrganizations([
    own,
    ...aliases.map((a) => foreignOrganizationsOf(a.profile.policy, undefined, ourOrgId)),
  ]);
}

/** The organizations of `lists`, each once (the one list itself when only one has any). */
function uniqueOrganizations(
  lists: readonly (readonly ForeignOrganization[])[],
): readonly ForeignOrganization[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return NONE;
  if (nonEmpty.length === 1) return nonEmpty[0] ?? NONE;
  const seen = new Set<string>();
  const out: ForeignOrganization[] = [];
  for (const o of nonEmpty.flat()) {
    const k = `${o.orgId}\u0000${o.orgPath ?? ''}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(o);
    }
  }
  return out;
}

/** The hypothesis contexts that stand for a named foreign organization, and which one. */
const HYPOTHESES = new WeakMap<ContextOptions, ForeignOrganization>();

/** Records `context` as the hypothesis "the caller is a principal of `org`". */
export function markForeignHypothesis(context: ContextOptions, org: ForeignOrganization): void {
  HYPOTHESES.set(context, org);
}

/**
 * The result of a decision made under `context`: unchanged, unless the context is a named
 * foreign organization's hypothesis and the decision allows — then it holds only for that
 * organization's principals: `conditional` on the organization keys, with a note saying which.
 */
export function underHypothesis(
  context: ContextOptions,
  result: AuthorizationResult,
): AuthorizationResult {
  const org = HYPOTHESES.get(context);
  if (org === undefined || result.decision === 'deny') return result;
  const key = org.orgPath !== undefined ? 'aws:PrincipalOrgPaths' : 'aws:PrincipalOrgID';
  const conditionKeys = result.conditionKeys.includes(key)
    ? result.conditionKeys
    : [...result.conditionKeys, key];
  const ref = result.evidence[0]?.policy ?? { kind: 'resource' as const, name: 'policy' };
  return {
    ...result,
    decision: 'conditional',
    conditionKeys,
    evidence: [
      ...result.evidence,
      noteEvidence(
        ref,
        org.orgPath !== undefined
          ? `Only for principals whose organization path is ${org.orgPath} (organization ${org.orgId}, not ours), which the policy names in aws:PrincipalOrgPaths`
          : `Only for principals of organization ${org.orgId} (not ours), which the policy names in aws:PrincipalOrgID`,
        [key],
      ),
    ],
    notes: result.notes.includes(NAMED_ORGANIZATION_NOTE)
      ? result.notes
      : [...result.notes, NAMED_ORGANIZATION_NOTE],
  };
}
