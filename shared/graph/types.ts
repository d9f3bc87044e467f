/**
 * The access graph model (DESIGN.md "The access graph"): a graphology MultiDirectedGraph whose
 * node keys are canonical ARNs (or `service:<name>`, `*`) and whose edges point from who acts to
 * what is reached. Edge keys come from `edgeKey()` only and are never parsed back: everything
 * is in the attributes below.
 */
import type { MultiDirectedGraph } from 'graphology';
import type { Evidence } from '../authorize/types.js';

export type { Evidence };

export type NodeKind =
  | 'account'
  | 'user'
  | 'group'
  | 'role'
  | 'service'
  | 'idp'
  | 'anyone'
  | 'bucket'
  | 'resource'
  | 'sso-user'
  | 'sso-group'
  | 'workload';

/** The service of a `resource` node (a KMS key or a resource of a resource-policy service). */
export type ResourceService = 'kms' | 'secretsmanager' | 'sqs' | 'sns' | 'ecr' | 'lambda';

/** Where an account sits relative to the organization (DESIGN.md "Accounts"). */
export type AccountScope = 'org' | 'vendor' | 'external';

/** Scope of a starting point in query results: an account scope, or `public` for `*`. */
export type Scope = AccountScope | 'public';

export interface NodeAttributes {
  kind: NodeKind;
  /** Display label (role name, account name, vendor name, bucket name …). Untrusted text. */
  label: string;
  /** The account the node belongs to (absent for `service`, `anyone`, built-in IdPs). */
  accountId?: string;
  /** For accounts and for principals: the scope of their account. */
  scope?: AccountScope;
  /** Vendor name for vendor accounts and their principals. */
  vendor?: string;
  /** Account name from the organization, if any. */
  accountName?: string;
  /** OU path of an organization account, e.g. `Root/Workloads/Prod`. */
  ouPath?: string;
  /** The node was named in a policy but does not exist in a scanned account (or is a unique id). */
  unresolved?: boolean;
  /** The node's account was scanned (its IAM data is in the snapshot). */
  scanned?: boolean;
  /** Role: service-linked. */
  serviceLinked?: boolean;
  /** Principal: effective policies allow `*` on `*` or `iam:*`. */
  admin?: boolean;
  /** Matches a crown-jewel pattern of the config. */
  crownJewel?: boolean;
  /** idp: `saml` or `oidc`; the provider URL / host for OIDC. */
  idpType?: 'saml' | 'oidc';
  idpUrl?: string;
  /** Role/user path. */
  path?: string;
  tags?: Readonly<Record<string, string>>;
  /** resource: its service (`kms`, `secretsmanager`, `sqs`, `sns`, `ecr`). */
  service?: ResourceService;
  /** resource: the region from its ARN. */
  region?: string;
  /** resource (kms): `AWS` for an AWS managed key, `CUSTOMER` for a customer managed one. */
  keyManager?: 'AWS' | 'CUSTOMER';
  /** bucket: the KMS key of its default SSE-KMS encryption (as configured), if known. */
  kmsKeyId?: string;
  /** workload: its type (`lambda-function`, `ec2-instance`, …), region and the role it runs as. */
  workloadType?: string;
  roleArn?: string;
  /**
   * idp: the SAML provider IAM Identity Center manages (`AWSSSO_…_DO_NOT_DELETE`) while the
   * snapshot holds identity-center.json: its trust is evidence, the people are the starting points.
   */
  identityCenter?: boolean;
  /** sso-user: display name from the identity store. Untrusted text. */
  displayName?: string;
  /** sso-group: members in the identity store. */
  members?: number;
}

/**
 * `dangling-trust` (an addition to DESIGN.md, see docs/design-choices.md): a trust policy names
 * the unique id of a deleted principal. It matches nothing; queries never traverse it; it exists
 * so that the finding and the UI can show the dangling grant.
 */
export type EdgeKind =
  | 'can-assume'
  | 'can-access'
  | 'member-of'
  | 'dangling-trust'
  /** An IAM Identity Center user or group can use a permission set's role (DESIGN.md). */
  | 'can-sign-in'
  | 'can-escalate';

export type EdgeDecision = 'allow' | 'conditional';

/** S3 action groups of `can-access` edges. */
export type S3ActionGroup = 'read' | 'write' | 'list' | 'admin';

/**
 * Action groups of `can-access` edges to `resource` nodes, per service (IAM-SEMANTICS.md §7a):
 * key decrypt / encrypt / admin; secret read / write / admin; queue read / write; topic publish /
 * subscribe; repository pull / push.
 */
export type ResourceActionGroup =
  | 'decrypt'
  | 'encrypt'
  | 'admin'
  | 'read'
  | 'write'
  | 'publish'
  | 'subscribe'
  | 'pull'
  | 'push'
  | 'invoke'
  | 'modify';

/** Any action group of a `can-access` edge. */
export type ActionGroup = S3ActionGroup | ResourceActionGroup;

export interface EdgeAttributes {
  kind: EdgeKind;
  decision: EdgeDecision;
  /** Keys that decide a `conditional` edge (empty for `allow`). */
  conditionKeys: readonly string[];
  evidence: readonly Evidence[];
  /** can-assume: the STS action (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, …). */
  action?: string;
  /** can-access: the action group and the actions allowed (S3 or the resource's service). */
  actionGroup?: ActionGroup;
  actions?: readonly string[];
  /**
   * can-assume from an account node: the aggregate edge ("any principal of the account that its
   * administrators allow"); edges from that account's principals are the expansion.
   */
  aggregate?: boolean;
  /**
   * From `*`: the decision holds only for principals of other organizations than ours that the
   * policy names in `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths` (scope `external`, not public;
   * note `principal-in-named-organization`).
   */
  otherOrganizationsOnly?: boolean;
  /**
   * From `*`, conditional: its condition keys are ones an outsider cannot satisfy at will
   * (`aws:SourceArn`, `aws:PrincipalAccount`, `aws:SourceIp` … with fixed values; public-edges.ts).
   * Not public — the findings' judgement — so scope `external` and coloured conditional.
   */
  gatedForOutsiders?: boolean;
  /** OIDC/SAML edges: the claim patterns the trust policy requires, e.g. `{ "…:sub": ["repo:acme/*"] }`. */
  claims?: Readonly<Record<string, readonly string[]>>;
  /**
   * member-of from an IAM Identity Center user to its group: a step of paths (the group's
   * assignments are its own edges). IAM memberships are not (an IAM user's edges already
   * include its groups' policies).
   */
  identityCenter?: boolean;
  /** can-sign-in: the name of the permission set the role belongs to. */
  permissionSet?: string;
  /** Free-form notes such as `pb-user-trust-conflict`. */
  notes?: readonly string[];
  /**
   * can-escalate: the technique, as the actions it needs joined by `+`
   * (`iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction`), or `administrator` (an
   * administrator acts as its account), `administrator-owns-account` (an account's
   * administrators become any of its principals), `runs-as` (a workload acts as its role).
   */
  technique?: string;
  /** can-escalate: the workload the technique goes through, if any. */
  workload?: string;
  /** can-escalate: the principal whose policies are changed when it is not the source (acted as through `via`). */
  via?: string;
}

export interface GraphAttributes {
  /** Organization id, if known. */
  organizationId?: string;
  partition?: string;
  builtAt?: string;
}

export type AccessGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;
