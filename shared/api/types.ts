/**
 * The HTTP API contract (`trustmap serve`, everything under `/api`): the query parameters and
 * response bodies of every endpoint, shared by the Express server and the web dashboard.
 *
 * Conventions:
 * - Node keys (ARNs, `service:…`, `*`) travel as query parameters, never as path segments.
 * - Every endpoint that reads analysis results takes an optional `scan` parameter (a scan id);
 *   without it the latest successful scan answers.
 * - Every error is `ApiErrorBody` with a code from `API_ERROR_CODES` (400 `bad-request`,
 *   401 `unauthorized`, 403 `forbidden-origin` (a state-changing request from another site),
 *   403 `config-read-only` (POST /api/suppressions on a server that may not write its config),
 *   404 `not-found`/`unknown-scan`/`unknown-node`, 409 `scan-running`, 413 `body-too-large`,
 *   415 `unsupported-media-type`, 421 `misdirected-host` (a Host the server does not answer), 503 `no-scan`/`live-collection-not-configured`, 500 `internal`).
 * - Query results are the same JSON the CLI prints with `--json`.
 * - Booleans in query strings are `true` / `false`; lists are comma-separated.
 */
import type { CompactGraph } from './compact-graph.js';
import type { Evidence } from '../authorize/types.js';
import type {
  AccountScope,
  EdgeAttributes,
  EdgeKind,
  NodeAttributes,
  NodeKind,
  ActionGroup,
  Scope,
} from '../graph/types.js';
import type { PolicyRef } from '../policy/types.js';
import type {
  AccessPath,
  CanAssumeResult,
  Hop,
  PathResult,
  Reacher,
  ReachableFromResult,
  WhoCanReachResult,
} from '../query/types.js';

export type { AccessPath, Evidence, Hop, PolicyRef, Reacher };

// ───────────────────────────── errors ─────────────────────────────

export const API_ERROR_CODES = [
  'bad-request',
  'unauthorized',
  'forbidden-origin',
  'misdirected-host',
  'unsupported-media-type',
  'not-found',
  'unknown-scan',
  'unknown-node',
  'scan-running',
  'body-too-large',
  'no-scan',
  'live-collection-not-configured',
  'config-read-only',
  'internal',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The one error body of the API. `details` names the offending parameter and what was expected. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** e.g. `{ param: 'maxDepth', expected: 'an integer from 1 to 10' }`, or `{ suggestions: [...] }`. */
    details?: Readonly<Record<string, unknown>>;
  };
}

/** Caps applied by the server; larger requests answer 400 `bad-request`. */
export interface ApiLimits {
  maxDepth: number;
  maxPaths: number;
  maxResults: number;
  maxGraphNodes: number;
  pageLimit: number;
  queryTimeBudgetMs: number;
  bodyBytes: number;
}

// ───────────────────────────── shared pieces ─────────────────────────────

/** A node in a list (search results, query starting points). */
export interface NodeRef {
  key: string;
  label: string;
  kind: NodeKind;
  accountId?: string;
  scope?: Scope;
  vendor?: string;
}

/** An edge as the API shows it (graphology export shape plus its key). */
export interface EdgeView {
  key: string;
  source: string;
  target: string;
  attributes: EdgeAttributes;
}

/** One hop of a path, as the CLI `--json` prints it (shared/query `Hop`). */
export type HopView = Hop;

export type QueryResultKind = 'found' | 'none' | 'truncated';

// ───────────────────────────── GET /api/health ─────────────────────────────

export interface HealthResponse {
  status: 'ok';
  version: string;
  /** Latest successful scan id, if any. */
  latestScan?: number;
  /** A scan is running right now (started by POST /api/scans or the schedule). */
  scanRunning: boolean;
  /** POST /api/scans is available. */
  liveCollection: boolean;
  /**
   * POST /api/suppressions writes the config file (`serve --config FILE --allow-config-writes`);
   * absent or false: it answers 403 `config-read-only`.
   */
  configWritable?: boolean;
  /** Cron expression of `--schedule`, if any, and the next run. */
  schedule?: { cron: string; nextRun?: string };
  limits: ApiLimits;
}

// ───────────────────────────── scans ─────────────────────────────

export type ScanStatus = 'running' | 'succeeded' | 'failed';

export type ScanSource = 'from-dir' | 'live' | 'demo';

export interface ScanCounts {
  accounts: number;
  nodes: number;
  edges: number;
  findings: number;
  /** Unsuppressed findings by severity. */
  bySeverity: Readonly<Record<Severity, number>>;
  newFindings: number;
  resolvedFindings: number;
}

/**
 * Per-account coverage: could the account's data be read? `partial`: the account's folder was
 * read but some principals or policies are missing (a truncated listing, a document that could
 * not be read: load issues marked `hidesData`); `missing`: an organization account with no
 * folder. `skipped`: left out on purpose (filtered, suspended); not a gap.
 */
export interface AccountCoverage {
  accountId: string;
  status: 'ok' | 'partial' | 'denied' | 'failed' | 'skipped' | 'missing';
  errors?: readonly string[];
  /** Why the account is not `ok`, one line each (bounded). */
  reasons?: readonly string[];
  /**
   * `unknown` when the account's IAM data was read but it has no workloads.json: escalation
   * through its existing workloads (Lambda functions, instances …) cannot be seen.
   */
  workloads?: 'unknown';
}

/** A row of GET /api/scans. */
export interface ScanSummary {
  id: number;
  startedAt: string;
  finishedAt?: string;
  source: ScanSource;
  /** e.g. the snapshot directory, or `live`. */
  sourceDetail?: string;
  status: ScanStatus;
  counts?: ScanCounts;
  error?: string;
}

/** GET /api/scans?offset=&limit= */
export interface ScansListResponse {
  total: number;
  items: readonly ScanSummary[];
}

/** GET /api/scans/:id */
export interface ScanDetail extends ScanSummary {
  coverage: readonly AccountCoverage[];
  /** Problems reported while loading the snapshot (file, JSON path, message). */
  issues: readonly { file: string; path: string; severity: 'error' | 'warning'; message: string }[];
  /** Diff against the previous successful scan (absent for the first scan). */
  diffSummary?: DiffSummary;
}

/** Progress of a running scan (POST /api/scans answers 202 with it; GET /api/scans/:id/progress). */
export interface ScanProgress {
  scanId?: number;
  state: 'idle' | 'collecting' | 'analyzing' | 'storing' | 'done' | 'failed';
  message?: string;
  /** Accounts done / total while collecting. */
  done?: number;
  total?: number;
  startedAt?: string;
}

/** POST /api/scans → 202 `ScanStartedResponse`, 409 `scan-running`, 503 `live-collection-not-configured`. */
export interface ScanStartedResponse {
  started: true;
  progress: ScanProgress;
}

// ───────────────────────────── graph ─────────────────────────────

/** Worst trust on an aggregated account-level edge, from worst to best. */
export type AggregateWorst = 'public' | 'external-no-external-id' | 'conditional' | 'internal';

export interface AccountNodeAttributes {
  kind: 'account' | 'anyone' | 'idp' | 'service';
  label: string;
  accountId?: string;
  scope?: AccountScope | 'public';
  vendor?: string;
  accountName?: string;
  ouPath?: string;
  scanned?: boolean;
  /** Number of principals (roles, users) of the account in the graph. */
  principals?: number;
  /** Unsuppressed open findings whose subject is in the account. */
  findings?: number;
  /**
   * The "IAM Identity Center" node: the number of accounts' `AWSSSO_…` SAML providers it stands
   * for (each account has its own; the organization view shows one node).
   */
  providers?: number;
}

export interface AccountEdgeAttributes {
  /** Role-level edges aggregated into this one. */
  count: number;
  worst: AggregateWorst;
  /** Source is a known vendor account. */
  vendor: boolean;
  /** Source is outside the organization (external, vendor or public). */
  external: boolean;
  /** Some aggregated edge is new since the previous scan (set when the server knows the diff). */
  isNew?: boolean;
  /** Edge kinds aggregated (`can-assume`, `can-access`). */
  kinds: readonly EdgeKind[];
  /** KMS keys and resource-policy resources (secrets, queues …) its `can-access` edges reach. */
  resources?: number;
}

/** graphology `export()` JSON (SerializedGraph), typed for our attributes. */
export interface SerializedGraph<N, E> {
  attributes: Record<string, unknown>;
  options: { type: 'mixed' | 'directed' | 'undirected'; multi: boolean; allowSelfLoops: boolean };
  nodes: { key: string; attributes?: N }[];
  edges: { key?: string; source: string; target: string; attributes?: E; undirected?: boolean }[];
}

/**
 * GET /api/graph?level=account[&scan=]
 * GET /api/graph?level=principal&accounts=A,B[&scan=]
 * GET /api/graph?level=principal&node=KEY[&depth=1][&scan=]
 */
export type GraphResponse =
  | {
      level: 'account';
      scanId: number;
      graph: SerializedGraph<AccountNodeAttributes, AccountEdgeAttributes>;
      truncated: false;
    }
  | {
      level: 'principal';
      scanId: number;
      graph: SerializedGraph<NodeAttributes, EdgeAttributes>;
      /** The node cap was hit: some nodes (and their edges) were left out. */
      truncated: boolean;
    };

/**
 * GET /api/graph?…&format=compact: the same answer with its graph in the compact wire form
 * (shared/api/compact-graph.ts; `expandCompactGraph` gives back the `GraphResponse` graph).
 */
export type CompactGraphResponse =
  | {
      level: 'account';
      scanId: number;
      format: 'compact';
      graph: CompactGraph<AccountNodeAttributes, AccountEdgeAttributes>;
      truncated: false;
    }
  | {
      level: 'principal';
      scanId: number;
      format: 'compact';
      graph: CompactGraph<NodeAttributes, EdgeAttributes>;
      truncated: boolean;
    };

/**
 * GET /api/edge?source=…&target=…[&limit=][&scan=]: the role-level edges an edge of the
 * organization view stands for (every `can-assume`/`can-access` edge from a member of `source` —
 * the node itself, or for an account every principal of it — to a member of `target`), each
 * with its evidence. With two principal-level keys: the edges between them. Evidence comes only
 * from here and from /api/node, on demand; /api/graph answers carry none at account level.
 */
export interface EdgeMembersResponse {
  source: string;
  target: string;
  /** Matching edges in all, also those beyond `limit`. */
  total: number;
  /** Outside-the-organization sources first, then by source key. */
  edges: readonly EdgeView[];
  truncated: boolean;
  /** As in NodeDetailResponse: the labels of edge ends that their keys do not name. */
  labels?: Readonly<Record<string, string>>;
}

// ───────────────────────────── node detail, search ─────────────────────────────

export interface PolicyView {
  ref: PolicyRef;
  /** The full policy document as stored in the snapshot (untrusted text: render as text). */
  document: unknown;
  /** Statement indexes of this policy that grant the edges shown (when known from evidence). */
  statementsGranting?: readonly number[];
}

/** One function URL of a Lambda function, as the node panel shows it (untrusted text). */
export interface FunctionUrlView {
  /** The URL's address; absent when the snapshot omits it. */
  url?: string;
  /** NONE: Lambda does not authenticate callers (the function policy's `*` statements decide). */
  authType: 'NONE' | 'AWS_IAM';
  /** The alias the URL invokes; absent = the function itself. */
  qualifier?: string;
}

/** One alias of a Lambda function, as the node panel shows it (untrusted text). */
export interface FunctionAliasView {
  name: string;
  arn: string;
  /** The version the alias points to (`$LATEST`: the function's current code). */
  functionVersion?: string;
  /** The alias has its own resource policy (a call to the alias ARN is decided by it). */
  hasPolicy: boolean;
}

/** One published version of a Lambda function, as the node panel shows it. */
export interface FunctionVersionView {
  /** The version number (`3`). */
  version: string;
  arn: string;
  /** The version has its own resource policy (a call to the version ARN is decided by it). */
  hasPolicy: boolean;
}

/**
 * A Lambda function's URL configuration, aliases and published versions from the snapshot;
 * `null` = not in the snapshot (unknown, never "none"), `[]` = none.
 */
export interface FunctionDetailView {
  urls: readonly FunctionUrlView[] | null;
  aliases: readonly FunctionAliasView[] | null;
  versions: readonly FunctionVersionView[] | null;
}

/** GET /api/node?key=…[&scan=] */
export interface NodeDetailResponse {
  key: string;
  attributes: NodeAttributes;
  /** For a role: its trust policy first, then inline, managed, boundary. Users/groups: likewise. Buckets: bucket policy. */
  policies: readonly PolicyView[];
  findings: readonly FindingView[];
  inbound: readonly EdgeView[];
  outbound: readonly EdgeView[];
  /** Inbound/outbound were capped. */
  truncated: boolean;
  /** A Lambda function (`kind: resource`, `service: lambda`): its URLs and aliases. */
  lambda?: FunctionDetailView;
  /**
   * Labels of edge ends that their keys do not name (a KMS key's alias, an Identity Center
   * person's or group's name), by node key; absent when there is none.
   */
  labels?: Readonly<Record<string, string>>;
}

/** GET /api/search?q=…[&limit=][&scan=] (autocomplete over node keys and labels). */
export interface SearchResponse {
  query: string;
  items: readonly NodeRef[];
  truncated: boolean;
}

// ───────────────────────────── queries ─────────────────────────────

/**
 * GET /api/can-assume?role=…[&includeConditional=][&scan=]
 * The query engine's value (shared/query), as `trustmap query can-assume --json` prints it.
 */
export type CanAssumeResponse = CanAssumeResult;

/**
 * GET /api/paths?from=…&to=…[&includeConditional=][&maxDepth=][&maxPaths=][&action=][&scan=]
 * `kind` is `found` | `none` | `truncated` (time budget); `found` carries `truncated` when more
 * paths exist than `maxPaths`.
 */
export type PathsResponse = { from: string; to: string } & PathResult;

/**
 * GET /api/who-can-reach?resource=…[&action=read|write|list|admin][&includeConditional=]
 * [&maxDepth=][&maxResults=][&scan=]
 */
export type WhoCanReachResponse = WhoCanReachResult;

/** GET /api/reachable-from?principal=…[&includeConditional=][&maxDepth=][&maxResults=][&scan=] */
export type ReachableFromResponse = ReachableFromResult;

// ───────────────────────────── findings ─────────────────────────────

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** new: first seen in this scan; open: seen before and still present; resolved: gone in this scan. */
export type FindingStatus = 'new' | 'open' | 'resolved';

export interface FindingView {
  /** Stable fingerprint: the same finding keeps its id across scans. */
  id: string;
  rule: string;
  severity: Severity;
  subject: string;
  /**
   * The subject's name in the scan's graph (a KMS key's alias, an Identity Center group's name),
   * when the subject is a node of it (`GET /api/findings`, `GET /api/finding`).
   */
  subjectLabel?: string;
  accountId?: string;
  title: string;
  evidence: unknown;
  status: FindingStatus;
  /** ISO timestamps of the first and last scans that saw it. */
  firstSeen: string;
  lastSeen: string;
  /** Scan id that resolved it (status `resolved`). */
  resolvedIn?: number;
  suppressed?: { reason: string; expires?: string };
  /** How bad it is beyond severity (decision, condition keys, path length, scope). */
  risk?: FindingRisk;
  /** Several rules' findings of one root cause merged into this one: every reason, its own first. */
  mergedFrom?: readonly FindingReasonView[];
  /** Set in a diff: how the finding changed since the earlier scan (same id). */
  change?: FindingChangeView;
}

/** Decision, condition keys, path length and scope behind a finding (shared/audit `FindingRisk`). */
export interface FindingRisk {
  decision?: 'allow' | 'conditional';
  conditionKeys?: readonly string[];
  pathLength?: number;
  scope?: Scope;
}

export interface FindingReasonView {
  rule: string;
  severity: Severity;
  title: string;
  id: string;
}

/** What the store keeps of a finding beyond severity, title and evidence. */
export interface FindingDetails {
  risk?: FindingRisk;
  mergedFrom?: readonly FindingReasonView[];
}

/** A finding present in both scans of a diff that got worse or better. */
export interface FindingChangeView {
  kind: 'worsened' | 'improved';
  /** One line per change for the worse: `severity high → critical`, `conditional (sts:ExternalId) → allow`, `path 3 → 1 hops`, `scope external → public`. */
  worse: readonly string[];
  better: readonly string[];
  previousSeverity: Severity;
  previousRisk?: FindingRisk;
}

/**
 * GET /api/findings?status=&severity=&severityOnly=&rule=&account=&q=&suppressed=&offset=&limit=[&scan=]
 * `severity` is a minimum (`high` = critical and high), or exactly it with `severityOnly=true`;
 * `q` matches subject and title.
 */
export interface FindingsResponse {
  scanId: number;
  total: number;
  offset: number;
  limit: number;
  findings: readonly FindingView[];
}

/** A finding rule as the UI explains it (shared/audit `RULES`). */
export interface RuleView {
  id: string;
  severity: Severity;
  title: string;
  /** What it means, why it matters, how to fix, with an AWS documentation link. */
  help: string;
}

/**
 * GET /api/finding?id=…[&scan=]: one finding of a scan (any status) with its rule and, for a
 * reachability finding (`external-path-to-admin`), the path that makes it true (computed again
 * from the scan's analysis; absent when the rule has no path or it is no longer found).
 */
export interface FindingDetailResponse {
  scanId: number;
  finding: FindingView;
  rule?: RuleView;
  path?: readonly Hop[];
}

/**
 * POST /api/suppressions (JSON body, `Content-Type: application/json`): adds a suppression to the
 * config file when the server may write it (`HealthResponse.configWritable`); 403
 * `config-read-only` otherwise, 400 `bad-request` naming the field on a bad body.
 */
export interface SuppressionRequest {
  rule: string;
  subject?: string;
  accountId?: string;
  reason: string;
  /** ISO date (`2027-01-31`, held through that day, UTC) or date-time, in the future. */
  expires?: string;
}

/** 201: the suppression as written; it applies from the next scan on. */
export interface SuppressionResponse {
  suppression: SuppressionRequest;
  /** The config file written (its base name only). */
  file: string;
  appliesFrom: 'next-scan';
}

// ───────────────────────────── diff ─────────────────────────────

export interface DiffSummary {
  newFindings: number;
  resolvedFindings: number;
  /** Findings present in both scans that got worse / better (absent in scans stored before). */
  worsenedFindings?: number;
  improvedFindings?: number;
  /** Edges whose decision changed. */
  changedEdges?: number;
  newEdges: number;
  removedEdges: number;
  /** New edges from outside the organization (external, vendor or public sources). */
  newOutsideEdges: number;
}

/** An edge in a diff, identified by (source, target, kind, actionGroup) rather than by key. */
export interface DiffEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  decision: 'allow' | 'conditional';
  actionGroup?: ActionGroup;
  /** Scope of the source: `public` for `*`, else its account scope. */
  sourceScope?: Scope;
  vendor?: string;
  conditionKeys: readonly string[];
}

/** GET /api/diff[?from=ID][&to=ID] (defaults: `to` = latest, `from` = the scan before `to`). */
export interface DiffResponse {
  from: number | null;
  to: number;
  summary: DiffSummary;
  newFindings: readonly FindingView[];
  resolvedFindings: readonly FindingView[];
  /** Findings in both scans that got worse (their `change` says how), worst first. */
  worsenedFindings: readonly FindingView[];
  /** Findings in both scans that got better. */
  improvedFindings: readonly FindingView[];
  /** New edges, outside (public, external, vendor) first. */
  newEdges: readonly DiffEdge[];
  removedEdges: readonly DiffEdge[];
  /** Edges whose decision changed (e.g. conditional → allow). */
  changedEdges: readonly (DiffEdge & { previousDecision: 'allow' | 'conditional' })[];
}
