/**
 * The contract of the findings (DESIGN.md "Findings"): rules, their drafts and the findings they
 * become. A rule reads the analysis (graph, snapshot, compiled model, config) and returns drafts;
 * `computeFindings` turns drafts into findings with a stable fingerprint and applies the
 * suppressions of the config.
 */
import type { AuthzModel, Evidence } from '../authorize/types.js';
import type { AnalysisConfig } from '../config/analysis-config.js';
import type { AccessGraph } from '../graph/types.js';
import type { Hop } from '../query/types.js';
import type { Snapshot } from '../snapshot/types.js';
import type { Scope } from '../graph/types.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type RuleId =
  | 'public-trust'
  | 'external-trust-unknown-account'
  | 'vendor-trust-without-external-id'
  | 'oidc-trust-without-subject'
  | 'oidc-trust-wildcard-subject'
  | 'service-trust-without-source'
  | 'deleted-principal-in-trust'
  | 'external-path-to-admin'
  | 'bucket-reachable-from-outside-org'
  | 'public-bucket'
  | 'public-resource'
  | 'resource-reachable-from-outside-org'
  | 'kms-key-admin-outside-org'
  | 'incomplete-coverage'
  | 'sso-admin-group-too-large'
  | 'sso-direct-user-assignment'
  | 'sso-assignment-to-deleted-principal'
  | 'sso-assignment-role-missing'
  | 'privilege-escalation-to-admin';

export interface FindingsInput {
  graph: AccessGraph;
  snapshot: Snapshot;
  model: AuthzModel;
  config: AnalysisConfig;
  /** The moment suppressions are judged at (default: now). */
  now?: Date;
}

/**
 * How bad a finding is beyond its severity, so that a finding that keeps its id can be judged
 * worse or better than in an earlier scan (compare-findings.ts): the access behind it loses or
 * gains conditions, its path gets shorter or longer, who can use it widens or narrows. Every
 * field is optional: a rule states what it knows; a draft with a `path` gets all three from it.
 */
export interface FindingRisk {
  /** `allow`: the access behind the finding needs no condition; `conditional`: it does. */
  decision?: 'allow' | 'conditional';
  /** Keys the access is conditional on (sorted); empty when `allow`. */
  conditionKeys?: readonly string[];
  /** Hops of the path behind the finding. */
  pathLength?: number;
  /** Widest scope of who has the access: org < vendor < external < public. */
  scope?: Scope;
}

/** One rule's reason for a finding that merged several (one finding per root cause). */
export interface FindingReason {
  rule: RuleId;
  severity: Severity;
  title: string;
  /** The fingerprint the reason would have as a finding of its own. */
  id: string;
}

/** What a rule reports about one subject, before it gets its fingerprint. */
export interface FindingDraft {
  /** The ARN the finding is about (a role, a bucket, an account root). */
  subject: string;
  accountId?: string;
  /** One line; untrusted names inside it are shown as text. */
  title: string;
  /** The statements (and rules of the spec) that make the finding true. */
  evidence: readonly Evidence[];
  /**
   * Separates several findings of one rule on one subject (e.g. the external account trusted),
   * so each keeps its own fingerprint. Must not depend on edge insertion order.
   */
  discriminator?: string;
  /** Overrides the rule's default severity for this draft (e.g. public write vs read). */
  severity?: Severity;
  /** The path that makes a reachability finding true (external-path-to-admin). */
  path?: readonly Hop[];
  /** How bad it is beyond severity; derived from `path` when absent. */
  risk?: FindingRisk;
}

export interface FindingRule {
  id: RuleId;
  /** Default severity; a draft may override it. */
  severity: Severity;
  /** Short name of the rule. */
  title: string;
  /** A paragraph for SARIF and the UI: what it means, why it matters, how to fix, AWS doc link. */
  help: string;
  evaluate(input: FindingsInput): FindingDraft[];
}

export interface Suppressed {
  reason: string;
  expires?: string;
}

export interface Finding {
  /** Stable fingerprint: a hash of rule, subject and discriminator (see fingerprint.ts). */
  id: string;
  rule: RuleId;
  severity: Severity;
  subject: string;
  accountId?: string;
  title: string;
  evidence: readonly Evidence[];
  path?: readonly Hop[];
  risk?: FindingRisk;
  /**
   * Present when the finding merges several rules' findings of one root cause (the same subject
   * and the same granting statements): every reason, the finding's own first. The finding has
   * the worst severity of them, and the rule and id of the worst.
   */
  mergedFrom?: readonly FindingReason[];
  /** Present when a suppression of the config matches and has not expired. */
  suppressed?: Suppressed;
}
