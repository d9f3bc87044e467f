/**
 * Access graphs built by hand for query and finding tests: a small builder over graphology that
 * adds nodes with the attributes the graph builder sets, and edges keyed by `edgeKey()`, plus a
 * compact JSON form for table-driven cases.
 *
 * Short names (JSON cases and `key()`):
 * - `111111111111` → the account node `arn:aws:iam::111111111111:root`
 * - `111111111111:role/path/Name`, `…:user/Name`, `…:group/Name` → the IAM ARN
 * - `bucket:NAME` → `arn:aws:s3:::NAME`
 * - `sso:STORE:user/ID`, `sso:STORE:group/ID` → themselves (IAM Identity Center people)
 * - `service:lambda.amazonaws.com` → itself; `*` → anyone
 * - `idp:111111111111:token.actions.githubusercontent.com` → the OIDC provider ARN;
 *   `saml:111111111111:Okta` → the SAML provider ARN; `idp:accounts.google.com` → built-in
 */
import Graph from 'graphology';
import { edgeKey } from '../../../shared/graph/edge-key.js';
import type {
  AccessGraph,
  AccountScope,
  EdgeAttributes,
  EdgeDecision,
  Evidence,
  NodeAttributes,
  ActionGroup,
  ResourceService,
} from '../../../shared/graph/types.js';

export const P = 'aws';

/** Expands a short name into a node key. */
export function key(short: string): string {
  if (
    short === '*' ||
    short.startsWith('service:') ||
    short.startsWith('arn:') ||
    short.startsWith('sso:')
  )
    return short;
  if (/^\d{12}$/.test(short)) return `arn:${P}:iam::${short}:root`;
  if (short.startsWith('bucket:')) return `arn:${P}:s3:::${short.slice(7)}`;
  let m = /^idp:(\d{12}):(.+)$/.exec(short);
  if (m) return `arn:${P}:iam::${m[1]}:oidc-provider/${m[2]}`;
  m = /^saml:(\d{12}):(.+)$/.exec(short);
  if (m) return `arn:${P}:iam::${m[1]}:saml-provider/${m[2]}`;
  m = /^idp:(.+)$/.exec(short);
  if (m) return m[1]!;
  m = /^(\d{12}):((?:role|user|group)\/.+)$/.exec(short);
  if (m) return `arn:${P}:iam::${m[1]}:${m[2]}`;
  throw new Error(`graph fixture: cannot expand short name "${short}"`);
}

/** A trust-statement evidence item (statement `index` of the trust policy of `role`). */
export function trustEvidence(
  role: string,
  index = 0,
  opts: { effect?: 'Allow' | 'Deny'; role?: Evidence['role']; keys?: string[]; sid?: string } = {},
): Evidence {
  const e: Evidence = {
    policy: { kind: 'trust', name: 'trust policy', arn: role },
    statementIndex: index,
    effect: opts.effect ?? 'Allow',
    role: opts.role ?? 'grants',
    conditionKeys: opts.keys ?? [],
    reason: `Statement ${index} of the trust policy of ${role} allows sts:AssumeRole.`,
  };
  if (opts.sid !== undefined) e.sid = opts.sid;
  return e;
}

/** A bucket-policy evidence item. */
export function bucketEvidence(bucket: string, index = 0, keys: string[] = []): Evidence {
  return {
    policy: { kind: 'resource', name: 'bucket policy', arn: bucket },
    statementIndex: index,
    effect: 'Allow',
    role: 'grants',
    conditionKeys: keys,
    reason: `Statement ${index} of the bucket policy of ${bucket} allows s3:GetObject.`,
  };
}

export interface EdgeOptions {
  decision?: EdgeDecision;
  conditionKeys?: string[];
  evidence?: Evidence[];
  aggregate?: boolean;
  action?: string;
  claims?: Record<string, string[]>;
  group?: ActionGroup;
  actions?: string[];
  /** An IAM Identity Center edge instead of can-assume: `can-sign-in` (with its permission set) or `member-of`. */
  kind?: 'can-sign-in' | 'member-of' | 'can-escalate';
  permissionSet?: string;
  /** can-escalate: the technique (the edge's variant too). */
  technique?: string;
}

const GROUP_ACTIONS: Partial<Record<ActionGroup, string[]>> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
  list: ['s3:ListBucket'],
  admin: ['s3:PutBucketPolicy'],
};

/** ARN services whose resources are `resource` nodes (KMS keys, secrets, queues, topics, repositories, Lambda functions). */
const RESOURCE_SERVICES = new Set<string>(['kms', 'secretsmanager', 'sqs', 'sns', 'ecr', 'lambda']);

/** Builds an access graph by hand; nodes named in edges are created on first use. */
export class GraphBuilder {
  readonly graph: AccessGraph = new Graph.MultiDirectedGraph({ allowSelfLoops: true });
  private readonly scopes = new Map<string, { scope: AccountScope; vendor?: string }>();

  /** Declares an account's scope (default for undeclared accounts: `org`). */
  account(accountId: string, scope: AccountScope = 'org', vendor?: string): string {
    this.scopes.set(accountId, vendor !== undefined ? { scope, vendor } : { scope });
    return this.node(accountId);
  }

  /** Adds (or completes) the node of a short name; `extra` attributes override. */
  node(short: string, extra: Partial<NodeAttributes> = {}): string {
    const k = key(short);
    if (this.graph.hasNode(k)) {
      if (Object.keys(extra).length > 0) this.graph.mergeNodeAttributes(k, extra);
      return k;
    }
    this.graph.addNode(k, { ...this.attrsOf(k), ...extra });
    return k;
  }

  private accountAttrs(accountId: string): Partial<NodeAttributes> {
    const s = this.scopes.get(accountId) ?? { scope: 'org' as const };
    const out: Partial<NodeAttributes> = { accountId, scope: s.scope, scanned: s.scope === 'org' };
    if (s.vendor !== undefined) out.vendor = s.vendor;
    return out;
  }

  private attrsOf(k: string): NodeAttributes {
    if (k === '*') return { kind: 'anyone', label: 'Anyone' };
    if (k.startsWith('service:')) return { kind: 'service', label: k.slice(8) };
    if (k.startsWith('sso:'))
      return {
        kind: k.includes(':group/') ? 'sso-group' : 'sso-user',
        label: k.slice(k.lastIndexOf('/') + 1),
        scope: 'org',
      };
    if (!k.startsWith('arn:')) return { kind: 'idp', label: k, idpType: 'oidc', idpUrl: k };
    const parts = k.split(':');
    const accountId = parts[4] ?? '';
    const resource = parts.slice(5).join(':');
    if (parts[2] === 's3') return { kind: 'bucket', label: resource, scope: 'org', scanned: true };
    if (RESOURCE_SERVICES.has(parts[2] ?? ''))
      return {
        kind: 'resource',
        label: resource,
        service: parts[2] as ResourceService,
        ...this.accountAttrs(accountId),
      };
    if (resource === 'root')
      return {
        kind: 'account',
        label: this.scopes.get(accountId)?.vendor ?? accountId,
        ...this.accountAttrs(accountId),
      };
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    if (resource.startsWith('oidc-provider/'))
      return {
        kind: 'idp',
        label: resource.slice(14),
        idpType: 'oidc',
        idpUrl: resource.slice(14),
        ...this.accountAttrs(accountId),
      };
    if (resource.startsWith('saml-provider/'))
      return { kind: 'idp', label: name, idpType: 'saml', ...this.accountAttrs(accountId) };
    const kind = resource.startsWith('role/')
      ? 'role'
      : resource.startsWith('user/')
        ? 'user'
        : 'group';
    return { kind, label: name, ...this.accountAttrs(accountId) };
  }

  /** A `can-assume` edge (or `can-access` when `to` is a bucket). */
  edge(from: string, to: string, opts: EdgeOptions = {}): this {
    const s = this.node(from);
    const t = this.node(to);
    const targetKind = this.graph.getNodeAttribute(t, 'kind');
    const bucket = targetKind === 'bucket' || targetKind === 'resource';
    const decision = opts.decision ?? 'allow';
    const attrs: EdgeAttributes = {
      kind: bucket ? 'can-access' : 'can-assume',
      decision,
      conditionKeys: decision === 'conditional' ? (opts.conditionKeys ?? ['aws:SourceIp']) : [],
      evidence: opts.evidence ?? [bucket ? bucketEvidence(t) : trustEvidence(t)],
    };
    let variant: string;
    if (bucket) {
      const group = opts.group ?? 'read';
      attrs.actionGroup = group;
      attrs.actions = opts.actions ?? GROUP_ACTIONS[group] ?? [];
      variant = group;
    } else {
      attrs.action = opts.action ?? 'sts:AssumeRole';
      variant = attrs.action;
    }
    if (opts.aggregate === true) attrs.aggregate = true;
    if (opts.claims !== undefined) attrs.claims = opts.claims;
    if (opts.kind !== undefined) {
      attrs.kind = opts.kind;
      if (opts.kind === 'member-of') attrs.identityCenter = true;
      if (opts.permissionSet !== undefined) attrs.permissionSet = opts.permissionSet;
      variant = opts.permissionSet ?? '';
      if (opts.kind === 'can-escalate') {
        delete attrs.action;
        attrs.technique = opts.technique ?? 'iam:PutUserPolicy';
        variant = attrs.technique;
      }
    }
    this.graph.addDirectedEdgeWithKey(edgeKey(attrs.kind, s, t, variant), s, t, attrs);
    return this;
  }

  memberOf(user: string, group: string): this {
    const s = this.node(user);
    const t = this.node(group);
    this.graph.addDirectedEdgeWithKey(edgeKey('member-of', s, t), s, t, {
      kind: 'member-of',
      decision: 'allow',
      conditionKeys: [],
      evidence: [],
    });
    return this;
  }

  /** A `dangling-trust` edge from a deleted principal's unique id. */
  dangling(uniqueId: string, role: string): this {
    if (!this.graph.hasNode(uniqueId))
      this.graph.addNode(uniqueId, {
        kind: uniqueId.startsWith('AIDA') ? 'user' : 'role',
        label: uniqueId,
        unresolved: true,
      });
    const t = this.node(role);
    this.graph.addDirectedEdgeWithKey(edgeKey('dangling-trust', uniqueId, t), uniqueId, t, {
      kind: 'dangling-trust',
      decision: 'conditional',
      conditionKeys: [],
      evidence: [
        {
          policy: { kind: 'trust', name: 'trust policy', arn: t },
          role: 'note',
          conditionKeys: [],
          reason: `The trust policy names ${uniqueId}, the unique id of a deleted principal.`,
        },
      ],
    });
    return this;
  }
}

/** JSON form of a hand-built graph (table-driven cases). */
export interface GraphSpec {
  /** Account id → scope, or `{ scope, vendor }`. */
  accounts?: Record<string, AccountScope | { scope: AccountScope; vendor?: string }>;
  /** Short name → extra node attributes. */
  nodes?: Record<string, Partial<NodeAttributes>>;
  /** `[from, to]` or `[from, to, options]`. */
  edges: ([string, string] | [string, string, EdgeOptions])[];
}

export function graphFromSpec(spec: GraphSpec): AccessGraph {
  const b = new GraphBuilder();
  for (const [id, s] of Object.entries(spec.accounts ?? {})) {
    if (typeof s === 'string') b.account(id, s);
    else b.account(id, s.scope, s.vendor);
  }
  for (const [short, extra] of Object.entries(spec.nodes ?? {})) b.node(short, extra);
  for (const [from, to, opts] of spec.edges) b.edge(from, to, opts);
  return b.graph;
}

/** The same graph with its nodes and edges inserted in reverse order. */
export function reversedCopy(graph: AccessGraph): AccessGraph {
  const g: AccessGraph = new Graph.MultiDirectedGraph({ allowSelfLoops: true });
  g.replaceAttributes({ ...graph.getAttributes() });
  const nodes: [string, NodeAttributes][] = [];
  graph.forEachNode((k, a) => nodes.push([k, a]));
  for (const [k, a] of nodes.reverse()) g.addNode(k, { ...a });
  const edges: [string, string, string, EdgeAttributes][] = [];
  graph.forEachEdge((k, a, s, t) => edges.push([k, s, t, a]));
  for (const [k, s, t, a] of edges.reverse()) g.addDirectedEdgeWithKey(k, s, t, { ...a });
  return g;
}
