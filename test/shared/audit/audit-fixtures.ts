/**
 * The minimal analysis a finding rule reads, built by hand: a graph (graph-fixtures.ts), a
 * compiled model holding only the trust and bucket policies the rules inspect, a snapshot with
 * only the organization, account folders and collection statuses, and a config.
 */
import type { AuthzModel, BucketProfile, RoleProfile } from '../../../shared/authorize/types.js';
import {
  resolveAnalysisConfig,
  type AnalysisConfig,
} from '../../../shared/config/analysis-config.js';
import { compilePolicy } from '../../../shared/policy/index.js';
import type {
  AccountCollectionStatus,
  AccountData,
  CollectionError,
  Snapshot,
} from '../../../shared/snapshot/types.js';
import type { FindingsInput } from '../../../shared/audit/types.js';
import { FileReader } from '../../../shared/snapshot/json-reader.js';
import { normalizeIdentityCenter } from '../../../shared/snapshot/normalize-identity-center.js';
import { graphFromSpec, key, type GraphSpec } from '../query/graph-fixtures.js';

export interface SnapshotSpec {
  /** Organization accounts. */
  org?: { id: string; name?: string; status?: string }[];
  /** Accounts with a folder (IAM data). */
  folders?: string[];
  /** Collection status per account. */
  collection?: Record<string, { status: AccountCollectionStatus; errors?: CollectionError[] }>;
  /** Roles (short names) in the account folders, e.g. IAM Identity Center permission-set roles. */
  roles?: string[];
  /** identity-center.json as written, loaded by the real normalizer. */
  identityCenter?: unknown;
}

export interface AnalysisSpec {
  graph: GraphSpec;
  /** Role short name → trust policy document. */
  trust?: Record<string, Record<string, unknown>>;
  /** Bucket short name → bucket policy document. */
  buckets?: Record<string, Record<string, unknown>>;
  snapshot?: SnapshotSpec;
  config?: Partial<AnalysisConfig>;
  now?: string;
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

export function modelOf(spec: AnalysisSpec): AuthzModel {
  const roles = new Map<string, RoleProfile>();
  for (const [short, doc] of Object.entries(spec.trust ?? {})) {
    const arn = key(short);
    roles.set(arn, {
      arn,
      name: arn.slice(arn.lastIndexOf('/') + 1),
      accountId: accountOf(arn),
      partition: 'aws',
      trustPolicy: compilePolicy(doc, { kind: 'trust', name: 'trust policy', arn }),
      serviceLinked: arn.includes(':role/aws-service-role/'),
      tags: {},
      resourceContextKeys: {},
    });
  }
  const buckets = new Map<string, BucketProfile>();
  for (const [short, doc] of Object.entries(spec.buckets ?? {})) {
    const arn = key(short);
    buckets.set(arn, {
      arn,
      name: arn.slice(13),
      accountId: '111111111111',
      partition: 'aws',
      policy: compilePolicy(doc, { kind: 'resource', name: 'bucket policy', arn }),
      publicAccessBlock: {
        blockPublicAcls: false,
        ignorePublicAcls: false,
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
      },
      resourceContextKeys: {},
    });
  }
  return {
    orgAccountIds: new Set((spec.snapshot?.org ?? []).map((a) => a.id)),
    principals: new Map(),
    roles,
    buckets,
    canonicalIds: new Map(),
    policyIssues: [],
  };
}

export function snapshotOf(spec: SnapshotSpec = {}): Snapshot {
  const accounts = new Map<string, AccountData>();
  for (const id of spec.folders ?? [])
    accounts.set(id, {
      accountId: id,
      partition: 'aws',
      users: [],
      groups: [],
      roles: [],
      managedPolicies: [],
    });
  for (const short of spec.roles ?? []) {
    const arn = key(short);
    const resource = arn.split(':').slice(5).join(':');
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    accounts.get(accountOf(arn))?.roles.push({
      arn,
      name,
      path: resource.slice('role'.length, resource.length - name.length),
      roleId: `AROA${name.toUpperCase().slice(0, 16)}`,
      accountId: accountOf(arn),
      inlinePolicies: [],
      attachedPolicyArns: [],
      tags: {},
      serviceLinked: false,
    });
  }
  const snapshot: Snapshot = { accounts, issues: [] };
  if (spec.identityCenter !== undefined) {
    const ic = normalizeIdentityCenter(
      spec.identityCenter,
      new FileReader('identity-center.json', snapshot.issues),
    );
    if (ic !== undefined) snapshot.identityCenter = ic;
  }
  if (spec.org !== undefined)
    snapshot.organization = {
      id: 'o-a1b2c3d4e5',
      managementAccountId: spec.org[0]?.id,
      roots: [{ id: 'r-a1b2' }],
      ous: [],
      accounts: spec.org.map((a) => ({
        id: a.id,
        ...(a.name !== undefined ? { name: a.name } : {}),
        ...(a.status !== undefined ? { status: a.status } : {}),
      })),
      accountParents: {},
      policies: [],
    };
  if (spec.collection !== undefined)
    snapshot.collection = {
      accounts: Object.fromEntries(
        Object.entries(spec.collection).map(([id, s]) => [
          id,
          { status: s.status, errors: s.errors ?? [] },
        ]),
      ),
      errors: [],
    };
  return snapshot;
}

export function analysisOf(spec: AnalysisSpec): FindingsInput {
  const input: FindingsInput = {
    graph: graphFromSpec(spec.graph),
    snapshot: snapshotOf(spec.snapshot),
    model: modelOf(spec),
    config: resolveAnalysisConfig(spec.config ?? {}),
  };
  input.now = new Date(spec.now ?? '2026-11-28T00:00:00Z');
  return input;
}

/** A trust policy of one Allow statement. */
export function trustDoc(
  principal: Record<string, unknown> | string,
  condition?: Record<string, unknown>,
  action = 'sts:AssumeRole',
): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: action,
        ...(condition !== undefined ? { Condition: condition } : {}),
      },
    ],
  };
}
