/**
 * The contract of the policy language layer (IAM-SEMANTICS.md §1–§3, §5): compiling a policy
 * document once, then evaluating single policies against requests, three-valued.
 *
 * Entry points (one module each, re-exported by `shared/policy/index.ts`):
 * - `compilePolicy(doc, ref): CompiledPolicy` (compile-policy.ts) — never throws for any input;
 *   what IAM would reject is reported in `issues` and grants nothing.
 * - `evaluatePolicy(policy, request): PolicyResult` (evaluate-policy.ts) — which statements of one
 *   policy certainly or possibly apply to one request. No JSON parsing or regex building here.
 * - `RequestContext` (request-context.ts) — condition keys known / absent / unknown.
 *
 * Combining several policies into a decision (trust + identity + SCP + …) is shared/authorize.
 */

/** Where a policy comes from; it is what evidence names. */
export type PolicyKind =
  | 'identity' // inline or managed policy of a user, group or role
  | 'trust' // a role's trust policy (AssumeRolePolicyDocument)
  | 'resource' // a resource policy, e.g. an S3 bucket policy
  | 'scp'
  | 'rcp'
  | 'boundary' // a permissions boundary
  | 'session'; // a session policy

export interface PolicyRef {
  kind: PolicyKind;
  /** Inline policy name, managed policy name, SCP/RCP name, or e.g. "trust policy". */
  name: string;
  /** Managed policy ARN, SCP/RCP id, or the ARN of the role/bucket the policy belongs to. */
  arn?: string;
  /** What the policy is attached to: user/group/role ARN, root/OU/account id. */
  attachedTo?: string;
  /**
   * The policy exists but was not read: why, and what its stand-in statements (unread-policy.ts)
   * may do (e.g. `s3:GetBucketPolicy failed when collecting (AccessDenied); it may allow its own
   * account and may deny any call`).
   */
  notRead?: string;
}

export type Effect = 'Allow' | 'Deny';

export interface PolicyIssue {
  severity: 'error' | 'warning';
  /** Stable code, e.g. `partial-wildcard-principal`, `notprincipal-in-trust`, `unknown-operator`. */
  code: string;
  message: string;
  /** JSON path inside the document, e.g. `Statement[2].Principal.AWS[0]`. */
  path: string;
  statementIndex?: number;
  sid?: string;
}

/**
 * A compiled policy. Statements are opaque to consumers (the layout is private to
 * shared/policy); consumers read `ref`, `issues` and the statement metadata.
 */
export interface CompiledPolicy {
  ref: PolicyRef;
  /** The document's `Version`, undefined when missing (then policy variables are literal). */
  version: string | undefined;
  statements: readonly CompiledStatement[];
  issues: readonly PolicyIssue[];
}

/**
 * One statement that takes part in evaluation. An invalid Allow statement (one IAM would reject)
 * grants nothing and is therefore not listed here; its problems are in `CompiledPolicy.issues`
 * with its `statementIndex`. Invalid Deny statements are kept, interpreted as far as is sound.
 */
export interface CompiledStatement {
  /** Position in the document's `Statement` array (0 when `Statement` is a single object). */
  index: number;
  sid?: string;
  effect: Effect;
  /** Private compiled matchers; only shared/policy reads them. */
  readonly internal: unknown;
}

/** Three-valued truth (Kleene): `'unknown'` when it depends on a key not known statically. */
export type Tri = true | false | 'unknown';

/**
 * The caller, as the `Principal` element of a trust or resource policy sees it
 * (IAM-SEMANTICS.md §2). `partition` comes from data (`aws`, `aws-cn`, `aws-us-gov`).
 */
export type Caller =
  | {
      type: 'user';
      arn: string;
      accountId: string;
      partition: string;
      /** A permissions boundary is attached: `Deny` + `NotPrincipal` always denies it (§2.5). */
      hasPermissionsBoundary?: boolean;
    }
  | {
      type: 'role-session';
      /** The role ARN, with its path. */
      roleArn: string;
      accountId: string;
      partition: string;
      /** The session name; undefined = unknown (chosen by whoever assumes the role). */
      sessionName?: string;
      /** A permissions boundary is attached to the role: `Deny` + `NotPrincipal` always denies it (§2.5). */
      hasPermissionsBoundary?: boolean;
    }
  | { type: 'root'; accountId: string; partition: string }
  | { type: 'federated-user'; arn: string; accountId: string; partition: string }
  | { type: 'service'; service: string }
  /** OIDC: a provider ARN, or a built-in provider host (`accounts.google.com`, `cognito-identity.amazonaws.com`, …). */
  | { type: 'oidc'; provider: string }
  | { type: 'saml'; provider: string }
  | { type: 'anonymous' }
  /** "Some principal of this account", for accounts whose principals are not known (opaque). */
  | { type: 'account'; accountId: string; partition: string };

/**
 * How a `Principal` element matched the caller. Decides whether the caller's identity
 * policy is also required in the same account (IAM-SEMANTICS.md §2.1, §4.2 step 6).
 */
export type PrincipalMatchLevel =
  | 'session' // arn:…:sts::ACCT:assumed-role/ROLE/SESSION
  | 'role' // the role ARN
  | 'user' // the user ARN
  | 'federated-user'
  | 'wildcard' // "AWS": "*" (or "Principal": "*")
  | 'account' // account id or arn:…:iam::ACCT:root
  | 'canonical-user'
  | 'service'
  | 'federated';

/** A context value: one string, or several for multivalued keys. */
export type ContextValue = string | readonly string[];

export type ContextLookup =
  { kind: 'known'; values: readonly string[] } | { kind: 'absent' } | { kind: 'unknown' };

export interface RequestContextSpec {
  /** Keys with a value. Key names are case-insensitive. */
  known?: Readonly<Record<string, ContextValue>>;
  /** Keys explicitly unknown. */
  unknown?: readonly string[];
  /**
   * Keys neither known nor listed as unknown: `'absent'` (simulate: a key missing from the
   * request is absent) or a predicate on the lower-cased key name returning true when the key
   * is unknown (the graph builder: request-time keys are unknown, principal facts are absent).
   */
  otherKeys?: 'absent' | 'unknown' | ((lowerCaseKey: string) => boolean);
  /** Keys explicitly absent (wins over `otherKeys`). */
  absent?: readonly string[];
}

export interface PolicyRequest {
  /** `service:Action`; matched case-insensitively. */
  action: string;
  /** The resource ARN. */
  resource: string;
  /** Required to evaluate a `Principal`/`NotPrincipal` element (trust and resource policies). */
  caller?: Caller;
  /** Condition keys; policy variables are read from here too. */
  context: RequestContextLike;
  /**
   * Canonical user id → account id, to match `CanonicalUser` principals (S3). Optional.
   */
  canonicalIds?: ReadonlyMap<string, string>;
}

export interface RequestContextLike {
  lookup(key: string): ContextLookup;
  /** Optional fast path: the same answer as `lookup` for a key already lower-cased. */
  lookupLowerCase?(lowerCaseKey: string): ContextLookup;
  /**
   * Optional: what is known of a date key (lower-cased) whose value `lookup` leaves unknown —
   * every value it may have is later than `after`, and it may also be absent when
   * `mayBeAbsent` (IAM-SEMANTICS.md §5.4, `aws:TokenIssueTime`).
   */
  dateBoundLowerCase?(lowerCaseKey: string): DateBound | undefined;
  /**
   * Optional: whether a key (lower-cased) whose value `lookup` leaves unknown is certainly in the
   * request — e.g. `aws:userid` of a role session whose session name is not known: its value is
   * unknown, its presence is not, which decides a `Null` condition (IAM-SEMANTICS.md §5.2).
   */
  presentLowerCase?(lowerCaseKey: string): boolean;
}

/** A date key known only to be later than `after` (epoch milliseconds), or absent when `mayBeAbsent`. */
export interface DateBound {
  after: number;
  mayBeAbsent: boolean;
}

/** One statement of one policy that certainly (`true`) or possibly (`'unknown'`) applies. */
export interface StatementHit {
  policy: PolicyRef;
  statementIndex: number;
  sid?: string;
  effect: Effect;
  applies: true | 'unknown';
  /**
   * Condition keys the statement tests (all of them when `applies === true`, for evidence; the
   * undecided ones when `'unknown'`, in `unknownKeys`).
   */
  conditionKeys: readonly string[];
  /** The keys whose unknown value leaves the statement undecided (empty when `applies === true`). */
  unknownKeys: readonly string[];
  /**
   * How the Principal element matched (trust and resource policies only): the level that asks
   * least of the caller when several entries match (session, wildcard, user, federated-user,
   * role, canonical-user, account; service and federated stand alone). `Allow` + `NotPrincipal`
   * reports `wildcard`. Absent for `Deny` + `NotPrincipal`.
   */
  principalMatch?: PrincipalMatchLevel;
  /** Every level at which the Principal element matched, best first (same order as above). */
  principalMatches?: readonly PrincipalMatchLevel[];
}

/**
 * A statement whose Resource / NotResource outcome would flip if resource ARNs were compared
 * case-insensitively (a Resource pattern that differs only by case, or a NotResource pattern
 * that excludes the resource only when case is ignored).
 */
export interface CaseMismatch {
  statementIndex: number;
  sid?: string;
  effect: Effect;
  /** The `Resource` / `NotResource` pattern as written. */
  pattern: string;
  resource: string;
}

/** What one policy says about one request: the Allow and Deny statements that (may) apply. */
export interface PolicyResult {
  allows: readonly StatementHit[];
  denies: readonly StatementHit[];
  /**
   * IAM resource ARNs only (IAM-SEMANTICS.md §1.1, §12.4): statements whose `Resource` differs
   * from the request's resource only by letter case. Matching stays case-sensitive; this is the
   * warning to show instead of a silent decision. Absent when there is none.
   */
  caseMismatches?: readonly CaseMismatch[];
}

/** A `Principal` / `NotPrincipal` element by principal type, values as written. */
export interface PrincipalView {
  /** The element is the string `"*"`, or its `AWS` list contains `"*"`. */
  wildcard: boolean;
  AWS?: readonly string[];
  Service?: readonly string[];
  Federated?: readonly string[];
  CanonicalUser?: readonly string[];
}

/**
 * A compiled statement as plain data, values as written (scalars normalised to arrays). An
 * element absent from the statement is `undefined`.
 */
export interface StatementView {
  index: number;
  sid?: string;
  effect: Effect;
  actions?: readonly string[];
  notActions?: readonly string[];
  resources?: readonly string[];
  notResources?: readonly string[];
  principals?: PrincipalView;
  notPrincipals?: PrincipalView;
  /** Every condition key the statement tests, as first written, without duplicates (case-insensitive). */
  conditionKeys: readonly string[];
  /** Operator (as written, e.g. `ForAnyValue:StringLike`) → key → values. */
  conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}
