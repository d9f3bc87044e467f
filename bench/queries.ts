/**
 * Query latency on a synthetic 200,000-principal access graph built directly with graphology:
 * 1,000 organization accounts × 200 principals with the fan-in of a real organization (Identity
 * Center roles per account, the management account reaching every OrganizationAccountAccessRole,
 * a security account trusted everywhere, a vendor with ExternalId, CI roles, service roles,
 * runner → reader chains, users in groups), per-account buckets plus organization-wide buckets
 * read by three roles of every account, and a public role every admin can assume.
 *
 * Prints JSON: graph size and build time, then p50 / p95 / max in milliseconds over 200 queries
 * of each kind: who-can-reach (random buckets, 1 in 10 an organization-wide one) and path
 * (a mix of same-account, management → workload, external → admin and random pairs).
 * Targets: who-can-reach p95 ≤ 100 ms, path p95 ≤ 50 ms.
 *
 * Run: npx tsx bench/queries.ts [--accounts 1000] [--principals 200] [--queries 200]
 */
import { cpus, totalmem } from 'node:os';
import Graph from 'graphology';
import { edgeKey } from '../shared/graph/edge-key.js';
import type {
  AccessGraph,
  EdgeAttributes,
  EdgeDecision,
  Evidence,
  NodeAttributes,
  S3ActionGroup,
} from '../shared/graph/types.js';
import { findPaths } from '../shared/query/find-paths.js';
import { findWhoCanReach } from '../shared/query/who-can-reach.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : Number.NaN;
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const ACCOUNTS = flag('--accounts', 1000);
const PRINCIPALS = flag('--principals', 200);
const QUERIES = flag('--queries', 200);

let seed = 20_261_128;
const rnd = (n: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % n;
};

const MGMT = '111111111111';
const SECURITY = '222222222222';
const CI = '444444444444';
const DATADOG = '464622532012';
const EXTERNAL = '999988887777';
const root = (a: string): string => `arn:aws:iam::${a}:root`;
const role = (a: string, n: string): string => `arn:aws:iam::${a}:role/${n}`;
const user = (a: string, n: string): string => `arn:aws:iam::${a}:user/${n}`;
const bucket = (n: string): string => `arn:aws:s3:::${n}`;

function evidence(target: string, kind: 'trust' | 'resource'): Evidence[] {
  return [
    {
      policy: { kind, name: kind === 'trust' ? 'trust policy' : 'bucket policy', arn: target },
      statementIndex: 0,
      effect: 'Allow',
      role: 'grants',
      conditionKeys: [],
      reason: `Statement 0 of the ${kind} policy of ${target} allows the call.`,
    },
  ];
}

function build(): AccessGraph {
  const g: AccessGraph = new Graph.MultiDirectedGraph({ allowSelfLoops: true });
  const node = (key: string, attrs: NodeAttributes): void => {
    if (!g.hasNode(key)) g.addNode(key, attrs);
  };
  const principal = (
    key: string,
    kind: 'role' | 'user' | 'group',
    accountId: string,
    extra: Partial<NodeAttributes> = {},
  ): void => {
    node(key, {
      kind,
      label: key.slice(key.lastIndexOf('/') + 1),
      accountId,
      scope: 'org',
      scanned: true,
      ...extra,
    });
  };
  const assume = (
    from: string,
    to: string,
    decision: EdgeDecision = 'allow',
    keys: string[] = [],
    aggregate = false,
  ): void => {
    const attrs: EdgeAttributes = {
      kind: 'can-assume',
      decision,
      conditionKeys: decision === 'conditional' ? keys : [],
      evidence: evidence(to, 'trust'),
      action: 'sts:AssumeRole',
    };
    if (aggregate) attrs.aggregate = true;
    const k = edgeKey('can-assume', from, to, 'sts:AssumeRole');
    if (!g.hasEdge(k)) g.addDirectedEdgeWithKey(k, from, to, attrs);
  };
  const access = (
    from: string,
    to: string,
    group: S3ActionGroup,
    decision: EdgeDecision = 'allow',
  ): void => {
    const k = edgeKey('can-access', from, to, group);
    if (g.hasEdge(k)) return;
    g.addDirectedEdgeWithKey(k, from, to, {
      kind: 'can-access',
      decision,
      conditionKeys: decision === 'conditional' ? ['aws:RequestedRegion'] : [],
      evidence: evidence(to, 'resource'),
      actionGroup: group,
      actions: group === 'read' ? ['s3:GetObject'] : ['s3:PutObject'],
    });
  };

  const accountIds = [MGMT, SECURITY, CI];
  for (let i = 1; accountIds.length < ACCOUNTS; i++) accountIds.push(String(500_000_000_000 + i));
  for (const a of accountIds)
    node(root(a), { kind: 'account', label: a, accountId: a, scope: 'org', scanned: true });
  node(root(DATADOG), {
    kind: 'account',
    label: 'Datadog',
    accountId: DATADOG,
    scope: 'vendor',
    vendor: 'Datadog',
  });
  node(root(EXTERNAL), {
    kind: 'account',
    label: EXTERNAL,
    accountId: EXTERNAL,
    scope: 'external',
  });
  node('*', { kind: 'anyone', label: 'Anyone' });
  for (const s of ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com'])
    node(`service:${s}`, { kind: 'service', label: s });

  const hubs = ['acme-shared-artifacts', 'acme-org-cloudtrail-logs', 'acme-security-findings'].map(
    bucket,
  );
  for (const h of hubs)
    node(h, { kind: 'bucket', label: h.slice(13), accountId: CI, scope: 'org', scanned: true });
  const publicRole = role(CI, 'LegacyPublicRole');
  principal(publicRole, 'role', CI);
  assume('*', publicRole);
  const externalRole = role(CI, 'ci/ExternalDeployRole');
  principal(externalRole, 'role', CI);
  assume(root(EXTERNAL), externalRole, 'conditional', ['sts:ExternalId'], true);
  const pipeline = role(CI, 'ci/PipelineRole');
  principal(pipeline, 'role', CI);
  assume('service:ecs-tasks.amazonaws.com', pipeline, 'conditional', ['aws:SourceAccount']);
  const securityPeople = ['alice', 'bob', 'carol'].map((n) => user(SECURITY, `people/${n}`));
  for (const p of securityPeople) principal(p, 'user', SECURITY);

  for (const a of accountIds) {
    const saml = `arn:aws:iam::${a}:saml-provider/AWSSSO`;
    node(saml, { kind: 'idp', label: 'AWSSSO', idpType: 'saml', accountId: a, scope: 'org' });
    const ssoAdmin = role(a, 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess');
    const ssoRead = role(a, 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnlyAccess');
    const orgAccess = role(a, 'OrganizationAccountAccessRole');
    const audit = role(a, 'SecurityAuditRole');
    const datadog = role(a, 'DatadogIntegrationRole');
    const deploy = role(a, 'PipelineDeployRole');
    const lambda = role(a, 'service-role/LambdaExecutionRole');
    principal(ssoAdmin, 'role', a, { admin: true });
    principal(ssoRead, 'role', a);
    principal(orgAccess, 'role', a, { admin: true });
    for (const r of [audit, datadog, deploy, lambda]) principal(r, 'role', a);
    assume(saml, ssoAdmin, 'conditional', ['SAML:aud']);
    assume(saml, ssoRead, 'conditional', ['SAML:aud']);
    assume(root(MGMT), orgAccess, 'allow', [], true);
    assume(
      role(MGMT, 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess'),
      orgAccess,
    );
    assume(root(SECURITY), audit, 'allow', [], true);
    for (const p of securityPeople.slice(0, 2)) assume(p, audit);
    assume(root(DATADOG), datadog, 'conditional', ['sts:ExternalId'], true);
    assume(pipeline, deploy);
    assume('service:lambda.amazonaws.com', lambda);
    assume(ssoAdmin, publicRole);
    assume(orgAccess, publicRole);
    for (const h of hubs) for (const r of [ssoAdmin, ssoRead, orgAccess]) access(r, h, 'read');

    const data = bucket(`acme-app-data-${a}`);
    const logs = bucket(`acme-logs-${a}`);
    for (const b of [data, logs])
      node(b, { kind: 'bucket', label: b.slice(13), accountId: a, scope: 'org', scanned: true });
    for (const r of [ssoAdmin, ssoRead, orgAccess, deploy, lambda]) access(r, data, 'read');
    for (const r of [ssoAdmin, orgAccess, deploy, lambda]) access(r, data, 'write');
    for (const r of [ssoAdmin, ssoRead, orgAccess]) access(r, logs, 'read');
    access(root(a), logs, 'list', 'allow');

    // Filler up to PRINCIPALS: runner → reader chains, service roles, users in groups.
    const group = `arn:aws:iam::${a}:group/Developers`;
    principal(group, 'group', a);
    let count = 7;
    for (let k = 0; count < PRINCIPALS; k++) {
      const runner = role(a, `app-${k}`);
      const reader = role(a, `app-${k}-reader`);
      principal(runner, 'role', a);
      principal(reader, 'role', a);
      assume('service:ecs-tasks.amazonaws.com', runner, 'conditional', ['aws:SourceAccount']);
      assume(runner, reader);
      access(reader, data, 'read', k % 3 === 0 ? 'conditional' : 'allow');
      if (k % 4 === 0) access(runner, data, 'write');
      count += 2;
      if (count >= PRINCIPALS) break;
      const svc = role(a, `svc-${k}`);
      principal(svc, 'role', a);
      assume(k % 2 === 0 ? 'service:lambda.amazonaws.com' : 'service:ec2.amazonaws.com', svc);
      if (k % 5 === 0) access(svc, logs, 'write');
      count++;
      if (count >= PRINCIPALS) break;
      const u = user(a, `team-${k}`);
      principal(u, 'user', a);
      g.addDirectedEdgeWithKey(edgeKey('member-of', u, group), u, group, {
        kind: 'member-of',
        decision: 'allow',
        conditionKeys: [],
        evidence: [],
      });
      if (k % 2 === 0) assume(u, reader);
      count++;
    }
  }
  // The external chain to an admin role, and a few cross-account grants.
  const deploymentAdmin = role(accountIds[3] ?? CI, 'DeploymentAdminRole');
  principal(deploymentAdmin, 'role', accountIds[3] ?? CI, { admin: true });
  assume(externalRole, deploymentAdmin);
  assume(deploymentAdmin, publicRole);
  return g;
}

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 100) / 100;
};
const stats = (xs: readonly number[]): { p50: number; p95: number; max: number } => ({
  p50: pct(xs, 50),
  p95: pct(xs, 95),
  max: pct(xs, 100),
});

const t0 = performance.now();
const g = build();
const buildSeconds = Math.round(performance.now() - t0) / 1000;

const buckets = g.filterNodes((_, a) => a.kind === 'bucket');
const hubs = buckets.filter((b) => !/-\d{12}$/.test(b));
const principals = g.filterNodes(
  (_, a) => (a.kind === 'role' || a.kind === 'user') && a.accountId !== undefined,
);
const admins = g.filterNodes((_, a) => a.admin === true);

// Warm-up (JIT), not measured.
for (let i = 0; i < 20; i++) findWhoCanReach(g, buckets[rnd(buckets.length)]!, { action: 'read' });

const reach: number[] = [];
const found = { whoCanReach: 0, path: 0 };
for (let i = 0; i < QUERIES; i++) {
  const b = i % 10 === 0 ? hubs[rnd(hubs.length)]! : buckets[rnd(buckets.length)]!;
  const s = performance.now();
  const r = findWhoCanReach(g, b, { action: 'read' });
  reach.push(performance.now() - s);
  if (r.kind === 'found') found.whoCanReach++;
}

const mgmtAdmin = role(MGMT, 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess');
const pairs: [string, string][] = [];
for (let i = 0; i < QUERIES; i++) {
  const kind = i % 4;
  if (kind === 0) {
    const p = principals[rnd(principals.length)]!;
    const a = g.getNodeAttribute(p, 'accountId')!;
    pairs.push([p, bucket(`acme-app-data-${a}`)]);
  } else if (kind === 1) {
    pairs.push([mgmtAdmin, buckets[rnd(buckets.length)]!]);
  } else if (kind === 2) {
    pairs.push([root(EXTERNAL), admins[rnd(admins.length)]!]);
  } else {
    pairs.push([principals[rnd(principals.length)]!, principals[rnd(principals.length)]!]);
  }
}
const paths: number[] = [];
for (const [from, to] of pairs) {
  const s = performance.now();
  const r = findPaths(g, from, to, {});
  paths.push(performance.now() - s);
  if (r.kind === 'found') found.path++;
}

console.log(
  JSON.stringify(
    {
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      graph: {
        accounts: ACCOUNTS,
        nodes: g.order,
        edges: g.size,
        principals: principals.length,
        buildSeconds,
      },
      queries: QUERIES,
      whoCanReachMs: { ...stats(reach), found: found.whoCanReach },
      pathMs: { ...stats(paths), found: found.path },
      targets: { whoCanReachP95Ms: 100, pathP95Ms: 50 },
    },
    null,
    2,
  ),
);
