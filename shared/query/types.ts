/**
 * The contract of the queries over the access graph (DESIGN.md "Queries"): hops, paths, the
 * options every query takes and the result values. Results are values, never exceptions:
 * `found` (the search completed), `none` (it completed and found nothing), `truncated` (a time
 * budget stopped it; what it found so far is included and an absence means nothing).
 */
import type {
  EdgeDecision,
  Evidence,
  NodeKind,
  ActionGroup,
  ResourceService,
  Scope,
} from '../graph/types.js';

/**
 * The edge kinds a path may use. `dangling-trust` is never traversed; the `member-of` of an IAM
 * Identity Center user is, so that a person's path shows the group that gives the access
 * (`alice → Admins → role`); an IAM user's `member-of` is not.
 */
export type PathEdgeKind =
  'can-assume' | 'can-access' | 'can-sign-in' | 'member-of' | 'can-escalate';

/** One edge of a path, with the statements that allow it. */
export interface Hop {
  from: string;
  to: string;
  kind: PathEdgeKind;
  decision: EdgeDecision;
  /** Keys that decide a `conditional` hop (empty for `allow`). */
  conditionKeys: readonly string[];
  evidence: readonly Evidence[];
  /** can-escalate: the technique (`iam:CreateAccessKey`, `administrator-owns-account` …). */
  technique?: string;
  /** can-escalate: the workload the technique goes through. */
  workload?: string;
  /** can-escalate: the principal whose policies are changed, when it is not the hop's source. */
  via?: string;
}

/** A path: its hops in order; `decision` is `conditional` when any hop is. */
export interface AccessPath {
  hops: readonly Hop[];
  decision: EdgeDecision;
  /** Union of the hops' condition keys (sorted, unique). */
  conditionKeys: readonly string[];
}

/** Why a search stopped before it completed. */
export type TruncationReason = 'time-budget';

/** Options shared by every graph search. */
export interface SearchOptions {
  /** Traverse `conditional` edges too (default true); conditional hops are marked. */
  includeConditional?: boolean;
  /** Longest path, in hops (default 6). */
  maxDepth?: number;
  /** Wall-clock budget of one query in milliseconds (default 2,000). */
  timeBudgetMs?: number;
  /** Clock in milliseconds (default `performance.now`); tests inject their own. */
  clock?: () => number;
}

export const DEFAULT_MAX_DEPTH = 6;
export const DEFAULT_TIME_BUDGET_MS = 2_000;
export const DEFAULT_MAX_PATHS = 10;
export const DEFAULT_MAX_RESULTS = 1_000;

export interface PathOptions extends SearchOptions {
  /** Most paths returned (default 10): the shortest first. */
  maxPaths?: number;
  /**
   * When `to` is a bucket: only `can-access` edges of this action group end a path (default: any
   * group; between the same two nodes the best edge is used, `read` first on a tie).
   */
  action?: ActionGroup;
}

export type PathResult =
  | {
      kind: 'found';
      paths: readonly AccessPath[];
      /** More paths exist within `maxDepth` than `maxPaths`, or the longer ones were not all searched. */
      truncated: boolean;
    }
  | { kind: 'none' }
  | { kind: 'truncated'; reason: TruncationReason; paths: readonly AccessPath[] };

/** A node that reaches (or may assume) the queried node, described for the reader. */
export interface StartingPoint {
  /** Node key: a canonical ARN, `service:<name>`, a provider ARN or host, `*`. */
  principal: string;
  kind: NodeKind;
  accountId?: string;
  scope: Scope;
  vendor?: string;
}

export interface CanAssumeOptions {
  /** Include `conditional` edges (default true). */
  includeConditional?: boolean;
}

/** A principal with a direct `can-assume` edge to the role. */
export interface AssumingPrincipal extends StartingPoint {
  decision: EdgeDecision;
  conditionKeys: readonly string[];
  evidence: readonly Evidence[];
  /** The STS action of the edge (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, …). */
  action?: string;
  /** An account-level grant ("any principal of the account that its administrators allow"). */
  aggregate: boolean;
  /** OIDC/SAML claim patterns the trust requires, when the builder recorded them. */
  claims?: Readonly<Record<string, readonly string[]>>;
}

/** A trust grant to a principal that no longer exists (a unique id): it matches nothing. */
export interface DanglingGrant {
  principal: string;
  evidence: readonly Evidence[];
}

export type CanAssumeResult =
  | {
      kind: 'found';
      role: string;
      principals: readonly AssumingPrincipal[];
      dangling: readonly DanglingGrant[];
    }
  | { kind: 'none'; role: string; dangling: readonly DanglingGrant[] };

export interface WhoCanReachOptions extends SearchOptions {
  /** When the resource is a bucket: the action group (default `read`). Ignored for a role. */
  action?: ActionGroup;
  /** Most starting points returned (default 1,000); outside-the-organization ones first. */
  maxResults?: number;
}

/** A starting point with its shortest explained path to the resource. */
export interface Reacher extends StartingPoint {
  /** `conditional` when any hop of the path is. */
  decision: EdgeDecision;
  conditionKeys: readonly string[];
  path: readonly Hop[];
}

/** An IAM Identity Center user who reaches the resource. */
export interface PersonReacher {
  /** Node key `sso:<IdentityStoreId>:user/<UserId>`. */
  user: string;
  userName: string;
  displayName?: string;
  /** Groups (node keys) through which the person reaches the resource, sorted. */
  groups: readonly string[];
  /** A permission set assigned to the person directly reaches it too. */
  direct: boolean;
  decision: EdgeDecision;
  conditionKeys: readonly string[];
  /** The shortest path, starting at the person. */
  path: readonly Hop[];
}

/** An IAM Identity Center group whose members reach the resource. */
export interface GroupReacher {
  group: string;
  name: string;
  /** Members in the identity store. */
  members: number;
  decision: EdgeDecision;
  conditionKeys: readonly string[];
  path: readonly Hop[];
}

/**
 * Who-can-reach's answer by person and by group (IAM Identity Center). Users and groups are
 * listed here, not among `principals`; Identity Center's own SAML provider is not a starting
 * point when the people behind it are known.
 */
export interface PeopleReach {
  /** At most `maxResults`: allowed first, then shorter paths, then by user name. */
  users: readonly PersonReacher[];
  /** At most `maxResults`: allowed first, then more members first, then by name. */
  groups: readonly GroupReacher[];
  totalUsers: number;
  totalGroups: number;
}

export type WhoCanReachResult =
  | {
      kind: 'found';
      resource: string;
      action: ActionGroup | undefined;
      principals: readonly Reacher[];
      /** More starting points exist than `maxResults`. */
      truncated: boolean;
      people?: PeopleReach;
    }
  | { kind: 'none'; resource: string; action: ActionGroup | undefined }
  | {
      kind: 'truncated';
      reason: TruncationReason;
      resource: string;
      action: ActionGroup | undefined;
      principals: readonly Reacher[];
      people?: PeopleReach;
    };

export interface ReachableFromOptions extends SearchOptions {
  /** Most roles and most bucket entries returned, each (default 1,000). */
  maxResults?: number;
}

/** A role reachable from the starting point. */
export interface ReachableRole {
  role: string;
  accountId?: string;
  scope: Scope;
  admin: boolean;
  decision: EdgeDecision;
  conditionKeys: readonly string[];
  path: readonly Hop[];
}

/** An account in which the starting point can become an administrator. */
export interface AdminAccount {
  accountId: string;
  /** Hops to the account's administrators (its account node); empty when the start already is one. */
  path: readonly Hop[];
  decision: EdgeDecision;
  conditionKeys: readonly string[];
}

/** A bucket reachable from the starting point for one action group. */
/** A bucket — or a KMS key or resource-policy resource (then `service` is set) — reachable for one action group. */
export interface ReachableBucket {
  /** The bucket's or resource's ARN. */
  bucket: string;
  /** The resource's service (`kms`, `secretsmanager`, `sqs`, `sns`, `ecr`); absent for a bucket. */
  service?: ResourceService;
  accountId?: string;
  action: ActionGroup;
  /** The S3 actions of the group that the last edge allows. */
  actions: readonly string[];
  decision: EdgeDecision;
  conditionKeys: readonly string[];
  path: readonly Hop[];
}

export type ReachableFromResult =
  | {
      kind: 'found';
      from: string;
      roles: readonly ReachableRole[];
      buckets: readonly ReachableBucket[];
      /** Accounts in which the start can become an administrator (shortest path first). */
      admin: readonly AdminAccount[];
      truncated: boolean;
    }
  | { kind: 'none'; from: string }
  | {
      kind: 'truncated';
      reason: TruncationReason;
      from: string;
      roles: readonly ReachableRole[];
      buckets: readonly ReachableBucket[];
      admin: readonly AdminAccount[];
    };
