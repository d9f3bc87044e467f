/**
 * Benchmark of the policy language layer: evaluatePolicy throughput on realistic trust, identity
 * and SCP documents, as the graph builder calls it (caller facts known, request-time keys
 * unknown), plus compile throughput and heap. Prints one JSON object.
 *
 * Run: npx tsx bench/policy-language.ts
 */
import {
  compilePolicy,
  evaluatePolicy,
  RequestContext,
  type Caller,
  type CompiledPolicy,
  type PolicyRequest,
} from '../shared/policy/index.js';

const ORG = '111111111111';
const VENDOR = '464622532012';
const role = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;

const TRUST_DOCS: Record<string, unknown> = {
  vendorWithExternalId: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${VENDOR}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'a1b2c3d4e5f6' } },
      },
    ],
  },
  sameAccountRoles: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          AWS: [role(ORG, 'ci/Deployer'), role(ORG, 'Admin'), `arn:aws:iam::${ORG}:user/alice`],
        },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ],
  },
  orgWide: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' },
          ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/platform-*' },
        },
      },
      {
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
  },
  githubOidc: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::${ORG}:oidc-provider/token.actions.githubusercontent.com`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/deploy:*' },
        },
      },
    ],
  },
  serviceWithSource: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ORG } },
      },
    ],
  },
};

const IDENTITY_DOC = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:Get*', 's3:List*'],
      Resource: ['arn:aws:s3:::acme-*', 'arn:aws:s3:::acme-*/*'],
    },
    { Effect: 'Allow', Action: ['ec2:Describe*', 'cloudwatch:*', 'logs:*'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: [role(ORG, 'app-*'), role('*', 'platform-readonly')],
    },
    {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: role(ORG, 'lambda-*'),
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    },
    {
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::acme-home/${aws:username}/*',
    },
    {
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query'],
      Resource: `arn:aws:dynamodb:*:${ORG}:table/app-*`,
    },
    {
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } },
    },
    {
      Effect: 'Deny',
      Action: 'sts:AssumeRole',
      Resource: role('*', 'break-glass*'),
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
    {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
    },
  ],
};

const SCP_DOCS = [
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['organizations:LeaveOrganization', 'iam:CreateUser'],
        Resource: '*',
      },
      {
        Effect: 'Deny',
        NotAction: ['iam:*', 'sts:*', 'organizations:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
      },
    ],
  },
];

const callers: Caller[] = [];
for (let i = 0; i < 64; i++) {
  const account = i % 4 === 0 ? VENDOR : ORG;
  callers.push(
    i % 3 === 0
      ? {
          type: 'user',
          arn: `arn:aws:iam::${account}:user/u${i}`,
          accountId: account,
          partition: 'aws',
        }
      : {
          type: 'role-session',
          roleArn: role(account, i % 5 === 0 ? 'ci/Deployer' : `r${i}`),
          accountId: account,
          partition: 'aws',
        },
  );
}
callers.push({ type: 'service', service: 'lambda.amazonaws.com' });
callers.push({
  type: 'oidc',
  provider: `arn:aws:iam::${ORG}:oidc-provider/token.actions.githubusercontent.com`,
});

/** The graph builder's context: principal facts known, request-time keys unknown. */
const contexts = callers.map(
  (c, i) =>
    new RequestContext({
      known: {
        'aws:PrincipalOrgID': 'o-abc123',
        'aws:PrincipalAccount': 'accountId' in c ? c.accountId : ORG,
        'aws:PrincipalArn': c.type === 'user' ? c.arn : c.type === 'role-session' ? c.roleArn : '',
        'aws:PrincipalTag/team': i % 2 === 0 ? 'platform' : 'data',
        'aws:username': `u${i}`,
      },
      otherKeys: 'unknown',
    }),
);

function measure(
  label: string,
  requests: PolicyRequest[],
  policies: CompiledPolicy[],
  minMs = 1500,
): {
  label: string;
  evaluationsPerSecond: number;
  hitsPerEvaluation: number;
} {
  let hits = 0;
  const run = (n: number): number => {
    let evaluations = 0;
    for (let k = 0; k < n; k++) {
      for (const request of requests) {
        for (const policy of policies) {
          const r = evaluatePolicy(policy, request);
          hits += r.allows.length + r.denies.length;
          evaluations++;
        }
      }
    }
    return evaluations;
  };
  run(200); // warm-up
  hits = 0;
  let evaluations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    evaluations += run(50);
    elapsed = performance.now() - start;
  }
  return {
    label,
    evaluationsPerSecond: Math.round((evaluations / elapsed) * 1000),
    hitsPerEvaluation: Number((hits / evaluations).toFixed(3)),
  };
}

const trusts = Object.entries(TRUST_DOCS).map(([name, doc]) =>
  compilePolicy(doc, { kind: 'trust', name, arn: role(ORG, name) }),
);
const identity = compilePolicy(IDENTITY_DOC, { kind: 'identity', name: 'app-policy' });
const scps = SCP_DOCS.map((d, i) => compilePolicy(d, { kind: 'scp', name: `scp-${i}` }));

const assumeRequests = (action: string): PolicyRequest[] =>
  callers.map((caller, i) => ({
    action,
    resource: role(ORG, `app-${i}`),
    caller,
    context: contexts[i] as RequestContext,
  }));

const results = [
  measure('trust policies, sts:AssumeRole', assumeRequests('sts:AssumeRole'), trusts),
  measure(
    'trust policies, sts:AssumeRoleWithWebIdentity',
    assumeRequests('sts:AssumeRoleWithWebIdentity'),
    trusts,
  ),
  measure('identity policy (9 statements), sts:AssumeRole', assumeRequests('sts:AssumeRole'), [
    identity,
  ]),
  measure(
    'identity policy (9 statements), s3:GetObject',
    callers.map((caller, i) => ({
      action: 's3:GetObject',
      resource: `arn:aws:s3:::acme-data/k${i}`,
      caller,
      context: contexts[i] as RequestContext,
    })),
    [identity],
  ),
  measure(
    'SCPs (FullAWSAccess + region deny), sts:AssumeRole',
    assumeRequests('sts:AssumeRole'),
    scps,
  ),
];

// One sts:AssumeRole decision touches about this many policies: trust + identity + 2 SCP levels.
const perDecision = 1 + 1 + scps.length;
const mixed = measure(
  'mixed: trust + identity + SCPs per request',
  assumeRequests('sts:AssumeRole'),
  [trusts[0] as CompiledPolicy, identity, ...scps],
);

// Compile throughput and memory: 10,000 trust policies.
const docs = Object.values(TRUST_DOCS);
const before = process.memoryUsage().heapUsed;
const t0 = performance.now();
const compiled: CompiledPolicy[] = [];
for (let i = 0; i < 10_000; i++) {
  compiled.push(
    compilePolicy(docs[i % docs.length], { kind: 'trust', name: `t${i}`, arn: role(ORG, `t${i}`) }),
  );
}
const compileMs = performance.now() - t0;
const after = process.memoryUsage().heapUsed;

console.log(
  JSON.stringify(
    {
      bench: 'policy-language',
      node: process.version,
      results,
      mixed,
      policiesPerAssumeRoleDecision: perDecision,
      estimatedAssumeRoleDecisionsPerSecond: Math.round(mixed.evaluationsPerSecond / perDecision),
      compile: {
        policies: compiled.length,
        policiesPerSecond: Math.round((compiled.length / compileMs) * 1000),
        heapPerPolicyBytes: Math.round((after - before) / compiled.length),
      },
      heapUsedMB: Number((process.memoryUsage().heapUsed / 1048576).toFixed(1)),
    },
    null,
    2,
  ),
);
